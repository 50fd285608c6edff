// The admin's upkeep of the crebo list: add, rename, retire, reinstate (with audit and the
// derived search text of the assessors concerned kept current).
import { and, asc, count, eq, inArray, isNotNull, isNull, like, or, sql } from "drizzle-orm";
import { assessorCrebos, crebos } from "#db/schema";
import type { DB } from "#src/db";
import { refreshAssessorsWhere } from "./assessor-derived";
import { auditEntry } from "./audit";
import { bumpDataVersion } from "./meta";

export type CreboRow = typeof crebos.$inferSelect;
export type Actor = { actorUserId: string | null; requestId?: string | null };

export class CreboError extends Error {
  constructor(
    readonly status: 404 | 409 | 422,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = "CreboError";
  }
}

export const CREBO_CODE = /^[0-9]{5}$/;

export type CreboFilter = {
  q?: string;
  status?: "active" | "retired" | "all";
  page?: number;
  perPage?: number;
};

/** One page of crebos, with how many assessors have each (one grouped query for the page). */
export async function listCrebosForAdmin(db: DB, filter: CreboFilter) {
  const perPage = filter.perPage ?? 50;
  const page = Math.max(1, filter.page ?? 1);
  const conditions = [];
  if (filter.status === "active" || filter.status === undefined)
    conditions.push(isNull(crebos.retiredAt));
  if (filter.status === "retired") conditions.push(isNotNull(crebos.retiredAt));
  const q = filter.q?.trim().replace(/[%_]/g, "");
  if (q) conditions.push(or(like(crebos.code, `${q}%`), like(crebos.name, `%${q}%`))!);
  const where = conditions.length ? and(...conditions) : undefined;
  const [[{ total }], items] = await db.batch([
    db.select({ total: count() }).from(crebos).where(where),
    db
      .select()
      .from(crebos)
      .where(where)
      .orderBy(sql`${crebos.mei} DESC`, asc(crebos.code))
      .limit(perPage)
      .offset((page - 1) * perPage),
  ]);
  const counts = items.length
    ? await db
        .select({ code: assessorCrebos.creboCode, n: count() })
        .from(assessorCrebos)
        .where(
          inArray(
            assessorCrebos.creboCode,
            items.map((i) => i.code),
          ),
        )
        .groupBy(assessorCrebos.creboCode)
    : [];
  const byCode = new Map(counts.map((c) => [c.code, c.n]));
  return {
    items: items.map((i) => ({ ...i, assessorCount: byCode.get(i.code) ?? 0 })),
    total,
    page,
    perPage,
  };
}

export async function creboByCode(db: DB, code: string): Promise<CreboRow | undefined> {
  const [row] = await db.select().from(crebos).where(eq(crebos.code, code));
  return row;
}

function cleanName(name: string): string {
  const trimmed = name.trim().replace(/\s+/g, " ");
  if (trimmed.length < 2) throw new CreboError(422, "Vul de naam van de kwalificatie in.", "name");
  if (trimmed.length > 200)
    throw new CreboError(422, "Deze naam is te lang (hoogstens 200 tekens).", "name");
  return trimmed;
}

export async function addCrebo(
  db: DB,
  input: { code: string; name: string; level?: number | null; mei?: boolean },
  actor: Actor,
): Promise<CreboRow> {
  const code = input.code.trim();
  if (!CREBO_CODE.test(code))
    throw new CreboError(422, "Een crebonummer bestaat uit 5 cijfers.", "code");
  const name = cleanName(input.name);
  if (
    input.level != null &&
    (!Number.isInteger(input.level) || input.level < 1 || input.level > 4)
  ) {
    throw new CreboError(422, "Het niveau is 1, 2, 3 of 4.", "level");
  }
  if (await creboByCode(db, code)) throw new CreboError(409, `Crebo ${code} bestaat al.`, "code");
  const row = { code, name, level: input.level ?? null, mei: input.mei ?? true, sector: "" };
  await db.batch([
    db.insert(crebos).values(row),
    bumpDataVersion(db),
    auditEntry(db, {
      ...actor,
      schoolId: null,
      action: "create",
      entity: "crebo",
      entityId: code,
      changes: { name, level: row.level, mei: row.mei },
    }),
  ]);
  return (await creboByCode(db, code))!;
}

/** Renames a crebo; the search text of every assessor with it is rebuilt (it holds crebo names). */
export async function renameCrebo(
  db: DB,
  code: string,
  newName: string,
  actor: Actor,
): Promise<{ refreshed: number }> {
  const crebo = await creboByCode(db, code);
  if (!crebo) throw new CreboError(404, `Crebo ${code} bestaat niet.`, "code");
  const name = cleanName(newName);
  if (name === crebo.name) return { refreshed: 0 };
  await db.batch([
    db
      .update(crebos)
      .set({ name, updatedAt: new Date().toISOString() })
      .where(eq(crebos.code, code)),
    bumpDataVersion(db),
    auditEntry(db, {
      ...actor,
      schoolId: null,
      action: "rename",
      entity: "crebo",
      entityId: code,
      changes: { name: { from: crebo.name, to: name } },
    }),
  ]);
  const ids = await db
    .select({ id: assessorCrebos.assessorId })
    .from(assessorCrebos)
    .where(eq(assessorCrebos.creboCode, code));
  await refreshAssessorsWhere(
    db,
    ids.map((r) => r.id),
  );
  return { refreshed: ids.length };
}

/** Retired crebos leave the pick lists; assessors who have one keep it. */
export async function setCreboRetired(
  db: DB,
  code: string,
  retired: boolean,
  actor: Actor,
): Promise<void> {
  const crebo = await creboByCode(db, code);
  if (!crebo) throw new CreboError(404, `Crebo ${code} bestaat niet.`, "code");
  if (Boolean(crebo.retiredAt) === retired) return;
  const retiredAt = retired ? new Date().toISOString() : null;
  await db.batch([
    db
      .update(crebos)
      .set({ retiredAt, updatedAt: new Date().toISOString() })
      .where(eq(crebos.code, code)),
    bumpDataVersion(db),
    auditEntry(db, {
      ...actor,
      schoolId: null,
      action: retired ? "retire" : "reinstate",
      entity: "crebo",
      entityId: code,
      changes: { retiredAt: { from: crebo.retiredAt, to: retiredAt } },
    }),
  ]);
}
