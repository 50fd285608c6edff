// Inserts assessors in known states straight into the database, for public-side tests.
import { eq } from "drizzle-orm";
import {
  assessorCrebos,
  assessorPlaces,
  assessorSchools,
  assessors,
  places,
  schools,
} from "#db/schema";
import type { DB } from "#src/db";
import { newId } from "#src/lib/ids";
import { deriveAssessorColumns } from "#src/queries/assessor-derived";
import { addDays } from "#src/rules";
import { TEST_TODAY } from "./app";

/** Every contact value the fixtures store; none may appear in public output. */
export const CONTACT_MARKERS: string[] = [];

const schoolByDb = new WeakMap<DB, { id: string; name: string }>();

async function fixtureSchool(db: DB) {
  let school = schoolByDb.get(db);
  if (!school) {
    school = { id: newId(), name: "ROC Fixture Techniek" };
    await db.insert(schools).values(school);
    schoolByDb.set(db, school);
  }
  return school;
}

export async function insertAssessor(
  db: DB,
  opts: {
    firstName: string;
    infix?: string;
    lastName: string;
    organisation?: string;
    places: string[];
    crebos: string[];
    consent?: boolean;
    start?: string;
    deregisteredOn?: string;
  },
): Promise<string> {
  const school = await fixtureSchool(db);
  const id = newId();
  const email = `contact-${id}@prive.example`;
  const phone = `06-${String(Math.floor(Math.random() * 1e8)).padStart(8, "0")}`;
  CONTACT_MARKERS.push(email, phone);
  const start = opts.start ?? addDays(TEST_TODAY, -100);
  const placeRows = [];
  for (const code of opts.places) {
    const [p] = await db
      .select({ province: places.province })
      .from(places)
      .where(eq(places.code, code));
    if (!p) throw new Error(`unknown place ${code}`);
    placeRows.push({ assessorId: id, placeCode: code, province: p.province });
  }
  const creboNames = opts.crebos.map((code) => ({ code, name: "" }));
  await db.insert(assessors).values({
    id,
    firstName: opts.firstName,
    infix: opts.infix ?? "",
    lastName: opts.lastName,
    email,
    emailNorm: email,
    phone,
    organisation: opts.organisation ?? "Installatietechniek BV",
    initialTrainingDate: start,
    initialTrainingProvider: "Trainingsbureau",
    initialTrainingComponents: JSON.stringify(["exam_process", "assessing", "final_interview"]),
    publicConsent: opts.consent ?? true,
    deregisteredOn: opts.deregisteredOn ?? null,
    registeringSchoolId: school.id,
    ...deriveAssessorColumns({
      firstName: opts.firstName,
      infix: opts.infix ?? "",
      lastName: opts.lastName,
      organisation: opts.organisation ?? "Installatietechniek BV",
      initialTrainingDate: start,
      publicConsent: opts.consent ?? true,
      examinationDates: [],
      refresherDates: [],
      schoolNames: [school.name],
      crebos: creboNames,
    }),
  });
  await db.insert(assessorSchools).values({ assessorId: id, schoolId: school.id });
  await db
    .insert(assessorCrebos)
    .values(opts.crebos.map((c) => ({ assessorId: id, creboCode: c })));
  await db.insert(assessorPlaces).values(placeRows);
  // search text with real crebo names, as the app maintains it
  const { refreshAssessorDerived } = await import("#src/queries/assessor-derived");
  await refreshAssessorDerived(db, id);
  return id;
}
