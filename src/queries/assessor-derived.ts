// Maintains the derived columns of an assessor (validity dates, public eligibility, search text)
// so that search and lists never evaluate the three-year rule per row.
import { eq } from "drizzle-orm";
import {
  assessorCrebos,
  assessorSchools,
  assessors,
  crebos,
  examinations,
  refresherTrainings,
  schools,
} from "#db/schema";
import type { DB } from "#src/db";
import { assessorStatus, maxDate } from "#src/rules";
import { normalise } from "#src/lib/normalise";

export type DerivedInput = {
  firstName: string;
  infix: string;
  lastName: string;
  organisation: string;
  initialTrainingDate: string;
  publicConsent: boolean;
  erasedAt?: string | null;
  examinationDates: readonly string[];
  refresherDates: readonly string[];
  schoolNames: readonly string[];
  crebos: readonly { code: string; name: string }[];
};

export type DerivedColumns = {
  lastExaminationDate: string | null;
  lastRefresherDate: string | null;
  examValidUntil: string;
  refresherValidUntil: string;
  validUntil: string;
  publicEligible: boolean;
  sortKey: string;
  nameWords: string;
  searchText: string;
};

/** Far enough ahead that every logged date counts; logged dates are never in the future. */
const ALL_DATES = "9990-12-31";

export function fullName(a: { firstName: string; infix: string; lastName: string }): string {
  return [a.firstName, a.infix, a.lastName].filter((p) => p?.trim()).join(" ");
}

export function deriveAssessorColumns(input: DerivedInput): DerivedColumns {
  const rule = assessorStatus({
    initialTrainingDate: input.initialTrainingDate,
    examinationDates: input.examinationDates,
    refresherDates: input.refresherDates,
    on: ALL_DATES,
  });
  const name = normalise(fullName(input));
  return {
    lastExaminationDate: maxDate(input.examinationDates) ?? null,
    lastRefresherDate: maxDate(input.refresherDates) ?? null,
    examValidUntil: rule.examValidUntil,
    refresherValidUntil: rule.refresherValidUntil,
    validUntil: rule.validUntil,
    publicEligible: input.publicConsent && !input.erasedAt,
    // Dutch sorting: by last name without the tussenvoegsel ("van der Meer" under M).
    sortKey: `${normalise(input.lastName)}\u0001${normalise(input.firstName)}\u0001${normalise(input.infix)}`,
    nameWords: ` ${name} `,
    searchText: [
      name,
      normalise(input.organisation),
      ...input.schoolNames.map(normalise),
      ...input.crebos.map((c) => `${c.code} ${normalise(c.name)}`),
    ]
      .filter(Boolean)
      .join(" | "),
  };
}

/** Recomputes and stores the derived columns of one assessor from what is in the database. */
export async function refreshAssessorDerived(db: DB, assessorId: string): Promise<void> {
  const [assessor] = await db.select().from(assessors).where(eq(assessors.id, assessorId));
  if (!assessor) return;
  const [examRows, refresherRows, schoolRows, creboRows] = await db.batch([
    db
      .select({ date: examinations.date })
      .from(examinations)
      .where(eq(examinations.assessorId, assessorId)),
    db
      .select({ date: refresherTrainings.date })
      .from(refresherTrainings)
      .where(eq(refresherTrainings.assessorId, assessorId)),
    db
      .select({ name: schools.name })
      .from(assessorSchools)
      .innerJoin(schools, eq(schools.id, assessorSchools.schoolId))
      .where(eq(assessorSchools.assessorId, assessorId)),
    db
      .select({ code: crebos.code, name: crebos.name })
      .from(assessorCrebos)
      .innerJoin(crebos, eq(crebos.code, assessorCrebos.creboCode))
      .where(eq(assessorCrebos.assessorId, assessorId)),
  ]);
  const derived = deriveAssessorColumns({
    ...assessor,
    examinationDates: examRows.map((r) => r.date),
    refresherDates: refresherRows.map((r) => r.date),
    schoolNames: schoolRows.map((r) => r.name),
    crebos: creboRows,
  });
  await db.update(assessors).set(derived).where(eq(assessors.id, assessorId));
}

/** After a school or crebo is renamed, the search text of every assessor it touches changes. */
export async function refreshAssessorsWhere(db: DB, ids: readonly string[]): Promise<void> {
  for (const id of ids) await refreshAssessorDerived(db, id);
}
