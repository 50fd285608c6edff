// Fictional demo data (marked demo = 1): two schools with logins, an admin, and a few hundred
// assessors spread over all provinces and the MEI crebos, with a mix of statuses and consent.
// Over 300 lines on purpose: one generator keeps the demo data consistent (schools, logins, assessors, logs).
import { eq, sql } from "drizzle-orm";
import {
  assessorCrebos,
  assessorPlaces,
  assessorSchools,
  assessors,
  consentEvents,
  crebos,
  examinations,
  places,
  refresherTrainings,
  schools,
  users,
} from "#db/schema";
import type { DB } from "#src/db";
import { hashPassword } from "#src/auth/passwords";
import { newId } from "#src/lib/ids";
import { deriveAssessorColumns } from "#src/queries/assessor-derived";
import { bumpDataVersion } from "#src/queries/meta";
import { addDays } from "#src/rules";
import { CONSENT_TEXT_VERSION } from "#src/rules/consent";

export const DEMO_PASSWORD = "demo-wachtwoord-2026";

export const demoLogins = [
  { email: "admin@register.demo", role: "admin" as const, name: "Bureau Register (demo)" },
  {
    email: "examen@rocmidden.demo",
    role: "school_admin" as const,
    name: "Fatima el Amrani",
    school: "ROC Midden Techniek (demo)",
    brin: "99XA",
    place: "Utrecht",
  },
  {
    email: "examen@noorderpoort.demo",
    role: "school_admin" as const,
    name: "Sjoerd de Vries",
    school: "Noorderpoort Vakcollege (demo)",
    brin: "99XB",
    place: "Groningen",
  },
];

const FIRST = [
  "Jan",
  "Pieter",
  "Sanne",
  "Anouk",
  "Daan",
  "Lotte",
  "Mohammed",
  "Fatma",
  "José",
  "Zoë",
  "Daniëlle",
  "Ömer",
  "Gerrit",
  "Hendrik",
  "Ingrid",
  "Kees",
  "Marieke",
  "Nadia",
  "René",
  "Sven",
  "Tim",
  "Wouter",
  "Yusuf",
  "Bram",
  "Chantal",
  "Dirk",
  "Esther",
  "Floor",
  "Henk",
  "Joël",
  "Karin",
  "Leon",
  "Mirjam",
  "Noël",
  "Priya",
  "Ruud",
  "Sophie",
  "Thijs",
  "Usha",
  "Wim",
];
const INFIX = [
  "",
  "",
  "",
  "",
  "",
  "van",
  "de",
  "van der",
  "van den",
  "ter",
  "den",
  "van de",
  "in 't",
];
const LAST = [
  "Meer",
  "Bakker",
  "Jansen",
  "Visser",
  "Smit",
  "Mulder",
  "Bos",
  "Vos",
  "Peters",
  "Hendriks",
  "Dekker",
  "Brouwer",
  "Sánchez",
  "Çelik",
  "Yılmaz",
  "Kaya",
  "Özdemir",
  "Hoekstra",
  "Postma",
  "Dijkstra",
  "Wijnands",
  "Groen",
  "Berg",
  "Veen",
  "Haan",
  "Brink",
  "Schouten",
  "Willems",
  "Koster",
  "Prins",
  "Maas",
  "Huisman",
  "Kramer",
  "Verbeek",
  "Gerritsen",
  "Boer",
  "Aydın",
  "Nguyễn",
  "Kowalski",
  "Müller",
];
const ORGANISATIONS = [
  "Installatiebedrijf Van Dam",
  "Elektro Noord B.V.",
  "Klimaattechniek Oost",
  "Metaalwerk Brabant",
  "Technisch Bureau Delta",
  "Mechatronica Twente",
  "Koudetechniek Zuid",
  "Werktuigbouw Holland",
  "Service & Onderhoud Midden",
  "Precisie Techniek Limburg",
  "Infra Werken Friesland",
  "Duurzame Installaties Zeeland",
];
const PROVIDERS = [
  "Stichting Examenkamer",
  "Kenniscentrum Techniek",
  "ROC Opleidingscentrum",
  "Bureau Kwalificerend Beoordelen",
];
const REFRESHER_KINDS = [
  "terugkomdag",
  "verificatiebijeenkomst",
  "praktijkopleidersbijeenkomst",
  "workshop_kwalificerend_beoordelen",
] as const;
const PROVINCES = ["GR", "FR", "DR", "OV", "FL", "GE", "UT", "NH", "ZH", "ZE", "NB", "LI"];

/** Small deterministic PRNG (mulberry32) so demo data is the same on every run. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)],
  };
}

async function insertChunked<T>(rows: T[], size: number, insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

export type DemoResult = {
  logins: { email: string; password: string; role: string; school?: string }[];
};

/** Creates the demo schools and users (once) and `count` fictional assessors. */
export async function seedDemo(
  db: DB,
  opts: { on: string; count?: number; seed?: number },
): Promise<DemoResult> {
  const count = opts.count ?? 300;
  const rnd = prng(opts.seed ?? 20260615);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const schoolIds: string[] = [];
  const userIds: string[] = [];

  for (const login of demoLogins) {
    const [existing] = await db.select().from(users).where(eq(users.email, login.email));
    if (existing) {
      userIds.push(existing.id);
      if (existing.schoolId) schoolIds.push(existing.schoolId);
      continue;
    }
    let schoolId: string | null = null;
    if ("school" in login && login.school) {
      const [place] = await db
        .select({ code: places.code })
        .from(places)
        .where(eq(places.name, login.place!));
      schoolId = newId();
      await db.insert(schools).values({
        id: schoolId,
        name: login.school,
        brin: login.brin,
        placeCode: place?.code ?? null,
      });
      schoolIds.push(schoolId);
    }
    const userId = newId();
    userIds.push(userId);
    await db.insert(users).values({
      id: userId,
      email: login.email,
      name: login.name,
      role: login.role,
      schoolId,
      passwordHash,
    });
  }

  const placesByProvince = new Map<string, { code: string; province: string }[]>();
  for (const p of await db.select({ code: places.code, province: places.province }).from(places)) {
    const list = placesByProvince.get(p.province) ?? [];
    list.push(p);
    placesByProvince.set(p.province, list);
  }
  const meiCrebos = await db
    .select({ code: crebos.code, name: crebos.name })
    .from(crebos)
    .where(sql`${crebos.mei} = 1 AND ${crebos.level} IS NOT NULL AND ${crebos.retiredAt} IS NULL`);
  const schoolNames = new Map(
    (await db.select({ id: schools.id, name: schools.name }).from(schools)).map((s) => [
      s.id,
      s.name,
    ]),
  );

  const assessorRows: (typeof assessors.$inferInsert)[] = [];
  const linkRows: (typeof assessorSchools.$inferInsert)[] = [];
  const creboRows: (typeof assessorCrebos.$inferInsert)[] = [];
  const placeRows: (typeof assessorPlaces.$inferInsert)[] = [];
  const examRows: (typeof examinations.$inferInsert)[] = [];
  const refresherRows: (typeof refresherTrainings.$inferInsert)[] = [];
  const consentRows: (typeof consentEvents.$inferInsert)[] = [];

  for (let i = 0; i < count; i++) {
    // The first demo assessor is the documented example "Jan van der Meer".
    const firstName = i === 0 ? "Jan" : rnd.pick(FIRST);
    const infix = i === 0 ? "van der" : rnd.pick(INFIX);
    const lastName = i === 0 ? "Meer" : rnd.pick(LAST);
    const id = newId();
    const schoolIndex = i % schoolIds.length;
    const schoolId = schoolIds[schoolIndex];
    const userId = userIds[schoolIndex + 1] ?? null;
    const start = addDays(opts.on, -rnd.int(200, 2400));
    // Profiles: mostly active assessors; some drift towards their deadline or past it.
    const profile = rnd.next();
    const lastActivityAge =
      profile < 0.6 ? rnd.int(0, 600) : profile < 0.8 ? rnd.int(960, 1090) : rnd.int(1100, 1500);
    const examDates: string[] = [];
    const refresherDates: string[] = [];
    const activityFloor = addDays(opts.on, -lastActivityAge);
    const crebosOfAssessor = [
      ...new Set(
        [rnd.pick(meiCrebos), rnd.pick(meiCrebos), rnd.pick(meiCrebos)].slice(0, rnd.int(1, 3)),
      ),
    ];
    for (let e = rnd.int(0, 3); e > 0; e--) {
      const d = addDays(activityFloor, -rnd.int(0, 500));
      if (d >= start && d <= opts.on) examDates.push(d);
    }
    if (rnd.next() < 0.85 && activityFloor >= start) examDates.push(activityFloor);
    for (let e = rnd.int(0, 2); e > 0; e--) {
      const d = addDays(activityFloor, -rnd.int(0, 400));
      if (d >= start && d <= opts.on) refresherDates.push(d);
    }
    if (rnd.next() < 0.8) {
      const d = addDays(activityFloor, -rnd.int(0, 60));
      if (d >= start) refresherDates.push(d);
    }
    const consent = rnd.next() < 0.8;
    const deregisteredOn = rnd.next() < 0.04 ? addDays(opts.on, -rnd.int(1, 300)) : null;
    const province = PROVINCES[i % PROVINCES.length];
    const placeList = placesByProvince.get(province) ?? [];
    const assessorPlaceCodes = new Set([rnd.pick(placeList).code]);
    if (rnd.next() < 0.3) assessorPlaceCodes.add(rnd.pick(placeList).code);
    const organisation = rnd.pick(ORGANISATIONS);
    const slug = `${firstName}.${infix}${lastName}`
      .normalize("NFKD")
      .replace(/[^A-Za-z.]/g, "")
      .toLowerCase();
    const email = `${slug}.${i}@voorbeeld.nl`;
    const linkedSchools = [schoolId];
    if (rnd.next() < 0.1 && schoolIds.length > 1)
      linkedSchools.push(schoolIds[(schoolIndex + 1) % schoolIds.length]);

    assessorRows.push({
      id,
      firstName,
      infix,
      lastName,
      email,
      emailNorm: email.toLowerCase(),
      phone: `06-${String(10000000 + ((i * 7919) % 89999999)).padStart(8, "0")}`,
      organisation,
      initialTrainingDate: start,
      initialTrainingProvider: rnd.pick(PROVIDERS),
      initialTrainingComponents: JSON.stringify(["exam_process", "assessing", "final_interview"]),
      publicConsent: consent,
      deregisteredOn,
      deregistrationReason: deregisteredOn ? "Gestopt als praktijkbeoordelaar (demo)" : null,
      registeringSchoolId: schoolId,
      demo: true,
      ...deriveAssessorColumns({
        firstName,
        infix,
        lastName,
        organisation,
        initialTrainingDate: start,
        publicConsent: consent,
        examinationDates: examDates,
        refresherDates,
        schoolNames: linkedSchools.map((s) => schoolNames.get(s) ?? ""),
        crebos: crebosOfAssessor,
      }),
    });
    for (const s of linkedSchools) linkRows.push({ assessorId: id, schoolId: s, linkedBy: userId });
    for (const c of crebosOfAssessor) creboRows.push({ assessorId: id, creboCode: c.code });
    for (const code of assessorPlaceCodes)
      placeRows.push({ assessorId: id, placeCode: code, province });
    for (const date of examDates)
      examRows.push({
        id: newId(),
        assessorId: id,
        date,
        creboCode: rnd.pick(crebosOfAssessor).code,
        notes: "",
        schoolId,
        userId,
      });
    for (const date of refresherDates)
      refresherRows.push({
        id: newId(),
        assessorId: id,
        date,
        kind: rnd.pick(REFRESHER_KINDS),
        description: "",
        provider: rnd.pick(PROVIDERS),
        schoolId,
        userId,
      });
    consentRows.push({
      id: newId(),
      assessorId: id,
      given: consent,
      textVersion: CONSENT_TEXT_VERSION,
      schoolId,
      userId,
    });
  }

  await insertChunked(assessorRows, 50, (c) => db.insert(assessors).values(c));
  await insertChunked(linkRows, 200, (c) => db.insert(assessorSchools).values(c));
  await insertChunked(creboRows, 200, (c) => db.insert(assessorCrebos).values(c));
  await insertChunked(placeRows, 200, (c) => db.insert(assessorPlaces).values(c));
  await insertChunked(examRows, 200, (c) => db.insert(examinations).values(c));
  await insertChunked(refresherRows, 200, (c) => db.insert(refresherTrainings).values(c));
  await insertChunked(consentRows, 200, (c) => db.insert(consentEvents).values(c));
  await bumpDataVersion(db);

  return {
    logins: demoLogins.map((l) => ({
      email: l.email,
      password: DEMO_PASSWORD,
      role: l.role,
      school: "school" in l ? l.school : undefined,
    })),
  };
}
