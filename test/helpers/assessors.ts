// Factory: an assessor registered through the real query layer (derived columns, links, audit).
import type { DB } from "#src/db";
import { newId } from "#src/lib/ids";
import type { NewAssessor } from "#src/queries/assessors";
import { createAssessor } from "#src/queries/registration";
import { addExamination, addRefresherTraining } from "#src/queries/logs";
import { deregister } from "#src/queries/assessor-changes";
import type { Actor } from "#src/rules/access";

/** Utrecht (UT) and Amersfoort-area reference codes; crebo 25332 (MEI). */
export const UTRECHT = "3295";
export const DE_MEERN = "3297";
export const CREBO = "25332";
export const OTHER_CREBO = "23111";

export function schoolActor(
  user: { id: string },
  school: { id: string },
): Actor & { schoolId: string } {
  return { userId: user.id, schoolId: school.id, isAdmin: false, requestId: null };
}

export function assessorInput(overrides: Partial<NewAssessor> = {}): NewAssessor {
  const tag = newId(6);
  return {
    firstName: "Test",
    infix: "van der",
    lastName: `Beoordelaar ${tag}`,
    email: `beoordelaar-${tag}@voorbeeld.nl`,
    phone: "06-12345678",
    organisation: "Installatiebedrijf Test",
    places: [UTRECHT],
    crebos: [CREBO],
    initialTraining: {
      date: "2024-01-10",
      provider: "Kenniscentrum Techniek",
      components: ["exam_process", "assessing", "final_interview"],
    },
    publicConsent: true,
    ...overrides,
  };
}

export type TestAssessorOptions = Partial<NewAssessor> & {
  examinationDates?: string[];
  refresherDates?: string[];
  deregisteredOn?: string;
};

/** Registers an assessor for the school of `user` and logs the given examinations/bijscholingen. */
export async function createTestAssessor(
  db: DB,
  who: { school: { id: string }; user: { id: string } },
  opts: TestAssessorOptions = {},
): Promise<{ id: string; input: NewAssessor }> {
  const { examinationDates = [], refresherDates = [], deregisteredOn, ...overrides } = opts;
  const actor = schoolActor(who.user, who.school);
  const input = assessorInput(overrides);
  const result = await createAssessor(db, actor, input);
  if (!result.ok) throw new Error(`createTestAssessor failed: ${JSON.stringify(result)}`);
  for (const date of examinationDates)
    await addExamination(db, actor, result.id, { date, crebo: input.crebos[0], notes: "" });
  for (const date of refresherDates)
    await addRefresherTraining(db, actor, result.id, {
      date,
      kind: "terugkomdag",
      description: "",
      provider: "ROC",
    });
  if (deregisteredOn)
    await deregister(db, actor, result.id, { date: deregisteredOn, reason: "Gestopt" });
  return { id: result.id, input };
}
