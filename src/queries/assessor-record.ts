// The full assessor record a school sees (DESIGN §5 GET /api/v1/school/assessors/{id}): contact
// data, training, status on a date, schools, examinations and refresher trainings.
import { asc, desc, eq } from "drizzle-orm";
import {
  assessorCrebos,
  assessorPlaces,
  assessorSchools,
  crebos,
  examinations,
  places,
  refresherTrainings,
  schools,
} from "#db/schema";
import type { DB } from "#src/db";
import { assessorStatus, type AssessorStatus } from "#src/rules";
import type { RefresherKind } from "#src/rules/assessor-input";
import { fullName } from "./assessor-derived";
import type { AssessorRow } from "./assessors";

/** Who the assessor is and where and in what they assess: the same in the list and the record. */
export type AssessorPersonFields = {
  id: string;
  name: string;
  first_name: string;
  infix: string;
  last_name: string;
  email: string | null;
  phone: string;
  organisation: string;
  places: { code: string; name: string; province: string }[];
  crebos: { code: string; name: string }[];
};

export type StatusFields = {
  status: AssessorStatus;
  exam_valid_until: string;
  refresher_valid_until: string;
  valid_until: string;
  days_left: number;
};

export type ExaminationItem = {
  id: string;
  date: string;
  crebo: string;
  crebo_name: string;
  notes: string;
  school_id: string;
  school_name: string;
  created_at: string;
};

export type RefresherItem = {
  id: string;
  date: string;
  kind: RefresherKind;
  description: string;
  provider: string;
  school_id: string;
  school_name: string;
  created_at: string;
};

export type AssessorRecord = AssessorPersonFields & {
  initial_training: { date: string; provider: string; components: string[] };
  public_consent: boolean;
  deregistered_on: string | null;
  deregistration: { date: string; reason: string } | null;
  registering_school: { id: string; name: string };
  schools: { id: string; name: string; linked_at: string; registering: boolean }[];
  last_examination_date: string | null;
  last_refresher_date: string | null;
  linked: boolean;
  version: number;
  created_at: string;
  updated_at: string | null;
  erased_at: string | null;
  examinations: ExaminationItem[];
  refresher_trainings: RefresherItem[];
} & StatusFields;

/** The status on `on` from the log dates (dates after `on` are ignored by the rule). */
export function statusOn(
  a: Pick<AssessorRow, "initialTrainingDate" | "deregisteredOn">,
  examinationDates: readonly string[],
  refresherDates: readonly string[],
  on: string,
  expiringDays: number,
): StatusFields {
  const r = assessorStatus({
    initialTrainingDate: a.initialTrainingDate,
    examinationDates,
    refresherDates,
    deregisteredOn: a.deregisteredOn,
    on,
    expiringDays,
  });
  return {
    status: r.status,
    exam_valid_until: r.examValidUntil,
    refresher_valid_until: r.refresherValidUntil,
    valid_until: r.validUntil,
    days_left: r.daysLeft,
  };
}

export function parseComponents(value: string): string[] {
  try {
    const list = JSON.parse(value);
    return Array.isArray(list) ? list.map(String) : [];
  } catch {
    return [];
  }
}

export async function getAssessorRecord(
  db: DB,
  a: AssessorRow,
  opts: { linked: boolean; on: string; expiringDays: number },
): Promise<AssessorRecord> {
  const [placeRows, creboRows, schoolRows, examRows, refresherRows] = await db.batch([
    db
      .select({ code: places.code, name: places.name, province: places.province })
      .from(assessorPlaces)
      .innerJoin(places, eq(places.code, assessorPlaces.placeCode))
      .where(eq(assessorPlaces.assessorId, a.id))
      .orderBy(asc(places.name)),
    db
      .select({ code: crebos.code, name: crebos.name })
      .from(assessorCrebos)
      .innerJoin(crebos, eq(crebos.code, assessorCrebos.creboCode))
      .where(eq(assessorCrebos.assessorId, a.id))
      .orderBy(asc(crebos.code)),
    db
      .select({ id: schools.id, name: schools.name, linkedAt: assessorSchools.linkedAt })
      .from(assessorSchools)
      .innerJoin(schools, eq(schools.id, assessorSchools.schoolId))
      .where(eq(assessorSchools.assessorId, a.id))
      .orderBy(asc(assessorSchools.linkedAt)),
    db
      .select({
        id: examinations.id,
        date: examinations.date,
        crebo: examinations.creboCode,
        creboName: crebos.name,
        notes: examinations.notes,
        schoolId: examinations.schoolId,
        schoolName: schools.name,
        createdAt: examinations.createdAt,
      })
      .from(examinations)
      .innerJoin(crebos, eq(crebos.code, examinations.creboCode))
      .innerJoin(schools, eq(schools.id, examinations.schoolId))
      .where(eq(examinations.assessorId, a.id))
      .orderBy(desc(examinations.date), desc(examinations.createdAt)),
    db
      .select({
        id: refresherTrainings.id,
        date: refresherTrainings.date,
        kind: refresherTrainings.kind,
        description: refresherTrainings.description,
        provider: refresherTrainings.provider,
        schoolId: refresherTrainings.schoolId,
        schoolName: schools.name,
        createdAt: refresherTrainings.createdAt,
      })
      .from(refresherTrainings)
      .innerJoin(schools, eq(schools.id, refresherTrainings.schoolId))
      .where(eq(refresherTrainings.assessorId, a.id))
      .orderBy(desc(refresherTrainings.date), desc(refresherTrainings.createdAt)),
  ]);
  const registering = schoolRows.find((s) => s.id === a.registeringSchoolId);
  const registeringName =
    registering?.name ??
    (
      await db
        .select({ name: schools.name })
        .from(schools)
        .where(eq(schools.id, a.registeringSchoolId))
    )[0]?.name ??
    "";
  return {
    id: a.id,
    name: fullName(a),
    first_name: a.firstName,
    infix: a.infix,
    last_name: a.lastName,
    email: a.email,
    phone: a.phone,
    organisation: a.organisation,
    places: placeRows,
    crebos: creboRows,
    initial_training: {
      date: a.initialTrainingDate,
      provider: a.initialTrainingProvider,
      components: parseComponents(a.initialTrainingComponents),
    },
    public_consent: a.publicConsent,
    deregistered_on: a.deregisteredOn,
    deregistration: a.deregisteredOn
      ? { date: a.deregisteredOn, reason: a.deregistrationReason ?? "" }
      : null,
    registering_school: { id: a.registeringSchoolId, name: registeringName },
    schools: schoolRows.map((s) => ({
      id: s.id,
      name: s.name,
      linked_at: s.linkedAt,
      registering: s.id === a.registeringSchoolId,
    })),
    ...statusOn(
      a,
      examRows.map((e) => e.date),
      refresherRows.map((r) => r.date),
      opts.on,
      opts.expiringDays,
    ),
    last_examination_date: a.lastExaminationDate,
    last_refresher_date: a.lastRefresherDate,
    linked: opts.linked,
    version: a.version,
    created_at: a.createdAt,
    updated_at: a.updatedAt,
    erased_at: a.erasedAt,
    examinations: examRows.map((e) => ({
      id: e.id,
      date: e.date,
      crebo: e.crebo,
      crebo_name: e.creboName,
      notes: e.notes,
      school_id: e.schoolId,
      school_name: e.schoolName,
      created_at: e.createdAt,
    })),
    refresher_trainings: refresherRows.map((r) => ({
      id: r.id,
      date: r.date,
      kind: r.kind,
      description: r.description,
      provider: r.provider,
      school_id: r.schoolId,
      school_name: r.schoolName,
      created_at: r.createdAt,
    })),
  };
}
