// zod schemas for the school API bodies (DESIGN §5); the page forms are mapped onto the same ones.
// Date rules (real date, not in the future, not before the initial training) live here too, so
// the API and the forms give the same Dutch messages.
import { z } from "zod";
import { REFRESHER_KINDS } from "./refresher-kinds";
import { formatDutchDate, isIsoDate } from "./index";
import { textProblem, TEXT_PROBLEM_MESSAGES } from "./plain-text";

export const TRAINING_COMPONENTS = ["exam_process", "assessing", "final_interview"] as const;
export type TrainingComponent = (typeof TRAINING_COMPONENTS)[number];

export const componentLabels: Record<TrainingComponent, string> = {
  exam_process: "Examenproces en rollen",
  assessing: "Beoordelen van observaties en producten",
  final_interview: "Voeren van een eindgesprek",
};

export { REFRESHER_KINDS };
export type RefresherKind = (typeof REFRESHER_KINDS)[number];

export const refresherKindLabels: Record<RefresherKind, string> = {
  terugkomdag: "Terugkomdag",
  verificatiebijeenkomst: "Verificatiebijeenkomst",
  praktijkopleidersbijeenkomst: "Praktijkopleidersbijeenkomst",
  workshop_kwalificerend_beoordelen: "Workshop kwalificerend beoordelen",
  overig: "Overig",
};

/** A date field: a real ISO date, not after `today`, not before `notBefore` (the training date). */
export function dateField(label: string, today: string, notBefore?: string) {
  return z
    .string({ error: `Vul de ${label} in (JJJJ-MM-DD).` })
    .trim()
    .refine(isIsoDate, `Vul een geldige ${label} in (JJJJ-MM-DD).`)
    .refine((d) => !isIsoDate(d) || d <= today, `De ${label} mag niet in de toekomst liggen.`)
    .refine(
      (d) => !isIsoDate(d) || !notBefore || d >= notBefore,
      notBefore
        ? `De ${label} mag niet vóór de initiële scholing (${formatDutchDate(notBefore)}) liggen.`
        : "",
    );
}

/**
 * A text field: no control characters or bidi overrides (line breaks only when `multiline`).
 * The request guard (src/http/plain-text-guard.ts) checks the same; this covers the CSV import.
 */
const text = (max: number, missing?: string, opts: { multiline?: boolean } = {}) => {
  const base = z
    .string({ error: missing ?? "Vul dit veld in." })
    .superRefine((v, ctx) => {
      const problem = textProblem(v, opts);
      if (problem) ctx.addIssue({ code: "custom", message: TEXT_PROBLEM_MESSAGES[problem] });
    })
    .trim();
  const limited = base.max(max, `Gebruik hoogstens ${max} tekens.`);
  return missing ? limited.min(1, missing) : limited;
};

/** Optional free text: null counts as empty (clients often send null for "nothing"). */
const optionalText = (max: number, opts: { multiline?: boolean } = {}) =>
  z.preprocess((v) => (v === null ? "" : v), text(max, undefined, opts).optional().default(""));

const MULTILINE = { multiline: true };

export const emailField = z
  .string({ error: "Vul een e-mailadres in." })
  .trim()
  .min(1, "Vul een e-mailadres in.")
  .max(254, "Dit e-mailadres is te lang.")
  .pipe(z.email("Vul een geldig e-mailadres in (bijvoorbeeld naam@bedrijf.nl)."));

/** A phone number or empty; `example` shows the kind of number asked for in the message. */
export const phoneField = (example: string) =>
  z
    .string({ error: "Vul een geldig telefoonnummer in." })
    .trim()
    .max(30, "Gebruik hoogstens 30 tekens.")
    .refine(
      (v) => v === "" || /^\+?[0-9][0-9 ()-]{5,}$/.test(v),
      `Vul een geldig telefoonnummer in (bijvoorbeeld ${example}).`,
    );

const assessorPhone = phoneField("06-12345678");

const placesField = z
  .array(
    z
      .string({ error: "Een plaatscode bestaat uit 4 cijfers." })
      .regex(/^\d{4}$/, "Een plaatscode bestaat uit 4 cijfers."),
    {
      error: "Geef de plaatsen als lijst van plaatscodes.",
    },
  )
  .min(1, "Kies minstens één plaats.")
  .max(20, "Kies hoogstens 20 plaatsen.");

const crebosField = z
  .array(
    z
      .string({ error: "Een crebonummer bestaat uit 5 cijfers." })
      .regex(/^\d{5}$/, "Een crebonummer bestaat uit 5 cijfers."),
    {
      error: "Geef de crebo's als lijst van crebonummers.",
    },
  )
  .min(1, "Kies minstens één crebo.")
  .max(50, "Kies hoogstens 50 crebo's.");

export const MISSING_COMPONENTS =
  "Alle drie onderdelen van de initiële scholing zijn verplicht: examenproces en rollen, beoordelen van observaties en producten, en het voeren van een eindgesprek.";

function initialTrainingField(today: string) {
  return z.strictObject(
    {
      date: dateField("datum van de initiële scholing", today),
      provider: text(200, "Vul de aanbieder van de scholing in."),
      components: z
        .array(z.enum(TRAINING_COMPONENTS, { error: "Onbekend onderdeel van de scholing." }), {
          error: MISSING_COMPONENTS,
        })
        .refine((list) => TRAINING_COMPONENTS.every((c) => list.includes(c)), MISSING_COMPONENTS),
    },
    { error: "Geef de initiële scholing op (datum, aanbieder en onderdelen)." },
  );
}

const consentField = z.boolean({
  error: "Geef aan of de beoordelaar toestemming geeft voor openbare vermelding (true of false).",
});

export function createAssessorSchema(today: string) {
  return z.strictObject({
    first_name: text(100, "Vul de voornaam in."),
    infix: optionalText(30),
    last_name: text(100, "Vul de achternaam in."),
    email: emailField,
    phone: z.preprocess((v) => (v === null ? "" : v), assessorPhone.optional().default("")),
    organisation: optionalText(200),
    places: placesField,
    crebos: crebosField,
    initial_training: initialTrainingField(today),
    public_consent: consentField,
  });
}
export type CreateAssessorBody = z.infer<ReturnType<typeof createAssessorSchema>>;

export function updateAssessorSchema(today: string) {
  return z.strictObject({
    version: z.number({ error: "Geef de versie mee die u het laatst hebt gelezen." }).int().min(1),
    first_name: text(100, "Vul de voornaam in.").optional(),
    infix: text(30).optional(),
    last_name: text(100, "Vul de achternaam in.").optional(),
    email: emailField.optional(),
    phone: assessorPhone.optional(),
    organisation: text(200).optional(),
    places: placesField.optional(),
    crebos: crebosField.optional(),
    initial_training: initialTrainingField(today).optional(),
    public_consent: consentField.optional(),
  });
}
export type UpdateAssessorBody = z.infer<ReturnType<typeof updateAssessorSchema>>;

export function examinationSchema(today: string, trainingDate: string) {
  return z.strictObject({
    date: dateField("examendatum", today, trainingDate),
    crebo: z
      .string({ error: "Kies de crebo van het examen." })
      .trim()
      .regex(/^\d{5}$/, "Kies de crebo van het examen."),
    notes: optionalText(1000, MULTILINE),
  });
}
export type ExaminationBody = z.infer<ReturnType<typeof examinationSchema>>;

export function refresherSchema(today: string, trainingDate: string) {
  return z
    .strictObject({
      date: dateField("datum van de bijscholing", today, trainingDate),
      kind: z.enum(REFRESHER_KINDS, { error: "Kies het soort bijscholing." }),
      description: optionalText(1000, MULTILINE),
      provider: optionalText(200),
    })
    .superRefine((v, ctx) => {
      if (v.kind === "overig" && v.description === "")
        ctx.addIssue({
          code: "custom",
          path: ["description"],
          message: "Beschrijf de bijscholing (verplicht bij ‘overig’).",
        });
    });
}
export type RefresherBody = z.infer<ReturnType<typeof refresherSchema>>;

export const consentSchema = z.strictObject({ public_consent: consentField });

export function deregistrationSchema(today: string, trainingDate: string) {
  return z.strictObject({
    date: dateField("datum van de afmelding", today, trainingDate),
    reason: optionalText(500, MULTILINE),
  });
}
export type DeregistrationBody = z.infer<ReturnType<typeof deregistrationSchema>>;

/** API body (snake_case) → the query layer's input. */
export function toNewAssessor(b: CreateAssessorBody) {
  return {
    firstName: b.first_name,
    infix: b.infix,
    lastName: b.last_name,
    email: b.email,
    phone: b.phone,
    organisation: b.organisation,
    places: b.places,
    crebos: b.crebos,
    initialTraining: b.initial_training,
    publicConsent: b.public_consent,
  };
}

export const STATUSES = ["qualified", "expiring", "lapsed", "deregistered"] as const;

export const listQuerySchema = z.object({
  status: z
    .enum(STATUSES, { error: "Kies qualified, expiring, lapsed of deregistered." })
    .optional(),
  q: z.string().trim().max(200, "Gebruik hoogstens 200 tekens om te zoeken.").optional(),
  linked: z.enum(["true", "false"], { error: "Gebruik true of false." }).optional(),
  sort: z.enum(["deadline", "name"], { error: "Sorteer op deadline of name." }).optional(),
  page: z.coerce
    .number<string>({ error: "Het paginanummer moet een geheel getal zijn." })
    .int("Het paginanummer moet een geheel getal zijn.")
    .min(1, "Het paginanummer is minstens 1.")
    .max(100000)
    .optional(),
  per_page: z.coerce
    .number<string>({ error: "per_page moet een geheel getal zijn." })
    .int("per_page moet een geheel getal zijn.")
    .min(1, "per_page is minstens 1.")
    .max(100, "per_page is hoogstens 100.")
    .optional(),
  on: z.string().optional(),
});
