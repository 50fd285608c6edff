// Totals and facets from the maintained counts (migration 0008) for the searches that are
// otherwise the most expensive: no filter, or only a province. Sums over a few thousand rows.
import { sql, type SQL } from "drizzle-orm";
import type { DB } from "#src/db";
import type { Facet } from "./search";

/** True when the maintained counts can answer: no text, place, radius or crebo filter. */
export function countsAnswer(f: {
  fts: string | null;
  short: string[];
  placeWords: unknown[];
  place?: string;
  crebo?: string;
  near: unknown;
}): boolean {
  return (
    !f.fts && f.short.length === 0 && f.placeWords.length === 0 && !f.place && !f.crebo && !f.near
  );
}

/**
 * The live counts of `facet` on `today`: the day rows of today's month from today on, plus the
 * month rows of later months (migration 0008), optionally only one code or codes in [from, to).
 */
function live(
  facet: string,
  today: string,
  codes?: { from: string; to: string } | { exact: string },
): SQL {
  const month = today.slice(0, 7);
  const range = !codes
    ? sql``
    : "exact" in codes
      ? sql` AND code = ${codes.exact}`
      : sql` AND code >= ${codes.from} AND code < ${codes.to}`;
  return sql`SELECT code, n FROM public_counts
      WHERE facet = ${facet} AND public_until >= ${today} AND public_until <= ${`${month}-31`}${range}
    UNION ALL
    SELECT code, n FROM public_counts WHERE facet = ${`${facet}_m`} AND public_until > ${month}${range}`;
}

/** The three statements (total, province facet, crebo facet), in searchAssessors' batch order. */
export function countStatements(db: DB, today: string, province: string | undefined) {
  return [
    db.all<{ total: number }>(sql`SELECT coalesce(sum(n), 0) AS total
      FROM (${live(province ? "province" : "all", today, { exact: province ?? "" })})`),
    // A province facet ignores its own filter: always the unfiltered one.
    db.all<Facet>(sql`SELECT pr.code, pr.name, t.count FROM (
        SELECT code, sum(n) AS count FROM (${live("province", today)}) GROUP BY code HAVING sum(n) > 0) t
      JOIN provinces pr ON pr.code = t.code ORDER BY t.count DESC, pr.name`),
    province
      ? db.all<Facet>(sql`SELECT c.code, c.name, t.count FROM (
          SELECT substr(code, 4) AS crebo, sum(n) AS count
          FROM (${live("province_crebo", today, { from: `${province}|`, to: `${province}}` })})
          GROUP BY code HAVING sum(n) > 0) t
        JOIN crebos c ON c.code = t.crebo ORDER BY t.count DESC, c.code`)
      : db.all<Facet>(sql`SELECT c.code, c.name, t.count FROM (
          SELECT code, sum(n) AS count FROM (${live("crebo", today)}) GROUP BY code HAVING sum(n) > 0) t
        JOIN crebos c ON c.code = t.code ORDER BY t.count DESC, c.code`),
  ] as const;
}
