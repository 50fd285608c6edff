// The school's list of assessors (dashboard, GET /api/v1/school/assessors, CSV export): every
// assessor the school may read, filtered on status with the maintained valid_until column and
// deregistered_on in SQL, searched through the FTS index, paged.
import { sql, type SQL } from "drizzle-orm";
import type { DB } from "#src/db";
import { addDays, type AssessorStatus } from "#src/rules";
import { ftsExpression, hydrate } from "./public-assessor";
import { words } from "#src/lib/normalise";
import type { Actor } from "#src/rules/access";
import { fullName } from "./assessor-derived";
import { statusOn, type AssessorPersonFields, type StatusFields } from "./assessor-record";

export type ListFilter = {
  status?: AssessorStatus;
  q?: string;
  /** true: only assessors linked to the actor's school. */
  linked?: boolean;
  on: string;
  today: string;
  expiringDays: number;
  sort: "deadline" | "name";
  page: number;
  perPage: number | null;
};

export type SchoolListItem = AssessorPersonFields & {
  schools: { id: string; name: string }[];
  initial_training_date: string;
  last_examination_date: string | null;
  last_refresher_date: string | null;
  public_consent: boolean;
  deregistered_on: string | null;
  registering_school_id: string;
  erased: boolean;
  linked: boolean;
  version: number;
} & StatusFields;

type Row = {
  id: string;
  first_name: string;
  infix: string;
  last_name: string;
  organisation: string;
  email: string | null;
  phone: string;
  initial_training_date: string;
  last_examination_date: string | null;
  last_refresher_date: string | null;
  public_consent: number;
  deregistered_on: string | null;
  registering_school_id: string;
  erased_at: string | null;
  version: number;
  linked: number;
  dist: null;
};

/** What a school may read (DESIGN §3): all but other schools' deregistered assessors. */
export function readableBy(actor: Actor): SQL {
  if (actor.isAdmin) return sql`1 = 1`;
  return sql`(a.deregistered_on IS NULL OR a.registering_school_id = ${actor.schoolId})`;
}

const deregisteredOn = (on: string) =>
  sql`(a.deregistered_on IS NOT NULL AND a.deregistered_on <= ${on})`;

/** Status on `on` as SQL over the maintained columns (exact for on ≥ today, as logs are never in the future). */
export function statusCondition(status: AssessorStatus, on: string, expiringDays: number): SQL {
  const horizon = addDays(on, expiringDays);
  const active = sql`NOT ${deregisteredOn(on)}`;
  switch (status) {
    case "deregistered":
      return deregisteredOn(on);
    case "lapsed":
      return sql`${active} AND a.valid_until < ${on}`;
    case "expiring":
      return sql`${active} AND a.valid_until >= ${on} AND a.valid_until <= ${horizon}`;
    case "qualified":
      return sql`${active} AND a.valid_until > ${horizon}`;
  }
}

function conditions(actor: Actor, f: ListFilter): SQL {
  const parts: SQL[] = [readableBy(actor)];
  if (f.linked && actor.schoolId)
    parts.push(
      sql`a.id IN (SELECT assessor_id FROM assessor_schools WHERE school_id = ${actor.schoolId})`,
    );
  if (f.status) parts.push(statusCondition(f.status, f.on, f.expiringDays));
  const q = f.q?.trim();
  if (q?.includes("@")) {
    parts.push(sql`a.email_norm = ${q.toLowerCase()}`);
  } else if (q) {
    const fts = ftsExpression(q);
    if (fts)
      parts.push(
        sql`a.id IN (SELECT assessor_id FROM assessor_fts WHERE assessor_fts MATCH ${fts})`,
      );
    for (const w of words(q).filter((w) => w.length < 3))
      parts.push(sql`a.name_words LIKE ${`% ${w}%`}`);
  }
  return sql.join(parts, sql` AND `);
}

function orderBy(f: ListFilter): SQL {
  if (f.sort === "name") return sql`a.sort_key ASC, a.id ASC`;
  // Verloopt binnenkort first (soonest deadline first), then verlopen (most recent first),
  // then gekwalificeerd, afgemeld last.
  const horizon = addDays(f.on, f.expiringDays);
  return sql`CASE WHEN ${deregisteredOn(f.on)} THEN 3 WHEN a.valid_until < ${f.on} THEN 1 WHEN a.valid_until <= ${horizon} THEN 0 ELSE 2 END,
    CASE WHEN a.valid_until < ${f.on} THEN NULL ELSE a.valid_until END ASC, a.valid_until DESC, a.sort_key ASC, a.id ASC`;
}

/** Latest log dates on or before `on` per assessor, for a status on a date in the past. */
async function datesOn(db: DB, ids: string[], on: string) {
  const exams = new Map<string, string>();
  const refreshers = new Map<string, string>();
  for (let i = 0; i < ids.length; i += 90) {
    const list = sql.join(
      ids.slice(i, i + 90).map((id) => sql`${id}`),
      sql`, `,
    );
    const [e, r] = await db.batch([
      db.all<{ id: string; d: string }>(
        sql`SELECT assessor_id AS id, max(date) AS d FROM examinations WHERE assessor_id IN (${list}) AND date <= ${on} GROUP BY assessor_id`,
      ),
      db.all<{ id: string; d: string }>(
        sql`SELECT assessor_id AS id, max(date) AS d FROM refresher_trainings WHERE assessor_id IN (${list}) AND date <= ${on} GROUP BY assessor_id`,
      ),
    ]);
    for (const x of e) exams.set(x.id, x.d);
    for (const x of r) refreshers.set(x.id, x.d);
  }
  return { exams, refreshers };
}

export async function listSchoolAssessors(
  db: DB,
  actor: Actor,
  f: ListFilter,
): Promise<{ items: SchoolListItem[]; total: number }> {
  const where = conditions(actor, f);
  const linkedExpr = actor.schoolId
    ? sql`EXISTS (SELECT 1 FROM assessor_schools s WHERE s.assessor_id = a.id AND s.school_id = ${actor.schoolId})`
    : sql`0`;
  const page =
    f.perPage === null ? sql`` : sql`LIMIT ${f.perPage} OFFSET ${(f.page - 1) * f.perPage}`;
  const [[{ total }], rows] = await db.batch([
    db.all<{ total: number }>(sql`SELECT count(*) AS total FROM assessors a WHERE ${where}`),
    db.all<Row>(sql`SELECT a.id, a.first_name, a.infix, a.last_name, a.organisation, a.email, a.phone,
        a.initial_training_date, a.last_examination_date, a.last_refresher_date, a.public_consent,
        a.deregistered_on, a.registering_school_id, a.erased_at, a.version, ${linkedExpr} AS linked, NULL AS dist
      FROM assessors a WHERE ${where} ORDER BY ${orderBy(f)} ${page}`),
  ]);
  const hydrated = await hydrate(db, rows);
  const past =
    f.on < f.today
      ? await datesOn(
          db,
          rows.map((r) => r.id),
          f.on,
        )
      : null;
  const items = rows.map((r, i): SchoolListItem => {
    const lastExam = past ? past.exams.get(r.id) : r.last_examination_date;
    const lastRefresher = past ? past.refreshers.get(r.id) : r.last_refresher_date;
    const status = statusOn(
      { initialTrainingDate: r.initial_training_date, deregisteredOn: r.deregistered_on },
      lastExam ? [lastExam] : [],
      lastRefresher ? [lastRefresher] : [],
      f.on,
      f.expiringDays,
    );
    return {
      id: r.id,
      name: fullName({ firstName: r.first_name, infix: r.infix, lastName: r.last_name }),
      first_name: r.first_name,
      infix: r.infix,
      last_name: r.last_name,
      email: r.email,
      phone: r.phone,
      organisation: r.organisation,
      places: hydrated[i].places,
      crebos: hydrated[i].crebos,
      schools: hydrated[i].schools,
      initial_training_date: r.initial_training_date,
      last_examination_date: r.last_examination_date,
      last_refresher_date: r.last_refresher_date,
      public_consent: Boolean(r.public_consent),
      deregistered_on: r.deregistered_on,
      registering_school_id: r.registering_school_id,
      erased: r.erased_at !== null,
      linked: Boolean(r.linked),
      version: r.version,
      ...status,
    };
  });
  return { items, total };
}

export type StatusCounts = Record<AssessorStatus, number>;

/** Counts per status of the actor's own (linked) assessors, or all for the admin, in one query. */
export async function statusCounts(
  db: DB,
  actor: Actor,
  on: string,
  expiringDays: number,
): Promise<StatusCounts> {
  const scope = actor.schoolId
    ? sql`a.id IN (SELECT assessor_id FROM assessor_schools WHERE school_id = ${actor.schoolId}) AND ${readableBy(actor)}`
    : sql`1 = 1`;
  const count = (s: AssessorStatus) =>
    sql`sum(CASE WHEN ${statusCondition(s, on, expiringDays)} THEN 1 ELSE 0 END)`;
  const [row] = await db.all<Record<AssessorStatus, number | null>>(sql`SELECT
      ${count("qualified")} AS qualified, ${count("expiring")} AS expiring,
      ${count("lapsed")} AS lapsed, ${count("deregistered")} AS deregistered
    FROM assessors a WHERE ${scope}`);
  return {
    qualified: row?.qualified ?? 0,
    expiring: row?.expiring ?? 0,
    lapsed: row?.lapsed ?? 0,
    deregistered: row?.deregistered ?? 0,
  };
}
