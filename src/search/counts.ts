// Totals and facets from the maintained counts (migration 0008) for the searches that are
// otherwise the most expensive: no filter, or only a province. Sums over a few thousand rows.
import { sql } from "drizzle-orm";
import type { DB } from "#src/db";
import { liveCounts as live } from "#src/queries/public-counts";
import type { Facet } from "./search";

/** True when the maintained counts can answer: no text, place, radius or crebo filter. */
export function countsAnswer(f: {
  fts: string | null;
  short: string[];
  placeWords: unknown[];
  place?: string;
  crebo?: string;
  near: string | null;
}): boolean {
  return (
    !f.fts && f.short.length === 0 && f.placeWords.length === 0 && !f.place && !f.crebo && !f.near
  );
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

/** Public assessors per province, every province (0 included), in name order: GET /api/v1/provinces. */
export function provinceTotals(db: DB, today: string) {
  return db.all<Facet>(sql`SELECT pr.code, pr.name, coalesce(t.count, 0) AS count
    FROM provinces pr
    LEFT JOIN (SELECT code, sum(n) AS count FROM (${live("province", today)}) GROUP BY code) t
      ON t.code = pr.code
    ORDER BY pr.name`);
}
