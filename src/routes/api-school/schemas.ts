// Response shapes of the school API (DESIGN §5) as zod schemas, for /api/v1/openapi.json; the
// contract test checks every real response against them.
import { z } from "zod";
import { REFRESHER_KINDS, STATUSES, TRAINING_COMPONENTS } from "#src/rules/assessor-input";

const isoDate = z.string().meta({ format: "date" });
const isoTime = z.string().meta({ description: "Tijdstip (ISO 8601)." });
const CodeName = z.object({ code: z.string(), name: z.string() });
const IdName = z.object({ id: z.string(), name: z.string() });

const StatusFields = {
  status: z.enum(STATUSES),
  exam_valid_until: isoDate,
  refresher_valid_until: isoDate,
  valid_until: isoDate,
  days_left: z.number().int(),
};

const PersonFields = {
  id: z.string(),
  name: z.string(),
  first_name: z.string(),
  infix: z.string(),
  last_name: z.string(),
  email: z.string().nullable().meta({ description: "Leeg (null) na verwijdering (AVG)." }),
  phone: z.string(),
  organisation: z.string(),
  places: z.array(z.object({ code: z.string(), name: z.string(), province: z.string() })),
  crebos: z.array(CodeName),
};

export const SchoolListItemSchema = z
  .object({
    ...PersonFields,
    schools: z.array(IdName),
    initial_training_date: isoDate,
    last_examination_date: isoDate.nullable(),
    last_refresher_date: isoDate.nullable(),
    public_consent: z.boolean(),
    deregistered_on: isoDate.nullable(),
    registering_school_id: z.string(),
    erased: z.boolean(),
    linked: z.boolean().meta({ description: "Gekoppeld aan uw school." }),
    version: z.number().int(),
    ...StatusFields,
  })
  .meta({ id: "SchoolAssessorListItem" });

export const SchoolListSchema = z
  .object({
    items: z.array(SchoolListItemSchema),
    total: z.number().int(),
    page: z.number().int(),
    per_page: z.number().int(),
  })
  .meta({ id: "SchoolAssessorList" });

export const ExaminationSchema = z
  .object({
    id: z.string(),
    date: isoDate,
    crebo: z.string(),
    crebo_name: z.string(),
    notes: z.string(),
    school_id: z.string(),
    school_name: z.string(),
    created_at: isoTime,
  })
  .meta({ id: "Examination" });

export const RefresherTrainingSchema = z
  .object({
    id: z.string(),
    date: isoDate,
    kind: z.enum(REFRESHER_KINDS),
    description: z.string(),
    provider: z.string(),
    school_id: z.string(),
    school_name: z.string(),
    created_at: isoTime,
  })
  .meta({ id: "RefresherTraining" });

export const AssessorRecordSchema = z
  .object({
    ...PersonFields,
    initial_training: z.object({
      date: isoDate,
      provider: z.string(),
      components: z
        .array(z.string())
        .meta({ description: `Onderdelen: ${TRAINING_COMPONENTS.join(", ")}.` }),
    }),
    public_consent: z.boolean(),
    deregistered_on: isoDate.nullable(),
    deregistration: z.object({ date: isoDate, reason: z.string() }).nullable(),
    registering_school: IdName,
    schools: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        linked_at: isoTime,
        registering: z.boolean(),
      }),
    ),
    last_examination_date: isoDate.nullable(),
    last_refresher_date: isoDate.nullable(),
    linked: z.boolean(),
    version: z.number().int().meta({ description: "Stuur deze mee bij PATCH." }),
    created_at: isoTime,
    updated_at: isoTime.nullable(),
    erased_at: isoTime.nullable(),
    examinations: z.array(ExaminationSchema),
    refresher_trainings: z.array(RefresherTrainingSchema),
    ...StatusFields,
  })
  .meta({ id: "AssessorRecord", description: "Het volledige dossier, met status op ?on=." });

export const CreatedExaminationSchema = z
  .object({
    id: z.string(),
    assessor_id: z.string(),
    date: isoDate,
    crebo: z.string(),
    notes: z.string(),
    school_id: z.string(),
    created_at: isoTime,
  })
  .meta({ id: "CreatedExamination" });

export const CreatedRefresherSchema = z
  .object({
    id: z.string(),
    assessor_id: z.string(),
    date: isoDate,
    kind: z.enum(REFRESHER_KINDS),
    description: z.string(),
    provider: z.string(),
    school_id: z.string(),
    created_at: isoTime,
  })
  .meta({ id: "CreatedRefresherTraining" });

export const ExportSchema = z
  .object({
    exported_at: isoTime,
    assessor: AssessorRecordSchema,
    consent_events: z.array(
      z.object({
        given: z.boolean(),
        text_version: z.string(),
        at: isoTime,
        school: z.string().nullable(),
        user: z.string().nullable(),
      }),
    ),
    audit_log: z.array(
      z.object({
        at: isoTime,
        action: z.string(),
        school: z.string().nullable(),
        user: z.string().nullable(),
        changes: z.record(z.string(), z.unknown()),
      }),
    ),
  })
  .meta({ id: "AssessorExport", description: "Alle persoonsgegevens (AVG-inzage)." });

const ImportRowSchema = z.object({
  row: z.number().int(),
  name: z.string(),
  email: z.string(),
  status: z.enum(["ok", "error", "duplicate", "created"]),
  errors: z.record(z.string(), z.string()).meta({ description: "Per CSV-kolom een melding." }),
  id: z.string().optional(),
  existing_id: z.string().optional(),
});

export const ImportReportSchema = z
  .object({
    created: z.number().int(),
    total: z.number().int(),
    valid: z.number().int(),
    invalid: z.number().int(),
    rows: z.array(ImportRowSchema),
  })
  .meta({ id: "ImportReport" });

export const ImportRejectedSchema = ImportReportSchema.extend({
  error: z.object({ code: z.literal("import_invalid"), message: z.string() }),
}).meta({ id: "ImportRejected", description: "Er is niets opgeslagen; per rij de fouten." });
