// The maintained public counts (migrations 0008 and 0010): public assessors per facet value and
// last public day, kept by triggers. What is visible on a day is a sum over a few thousand rows.
import { sql, type SQL } from "drizzle-orm";

/**
 * The live counts of `facet` on `today`: the day rows of today's month from today on, plus the
 * month rows of later months (migration 0008), optionally only one code or codes in [from, to).
 */
export function liveCounts(
  facet: string,
  today: string,
  codes?: { from: string; to: string } | { exact: string | SQL },
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

/**
 * Public assessors of the school whose id is `schoolId` (a column or a value) on `today`: a
 * scalar subquery over the school's count rows.
 */
export function schoolCount(schoolId: SQL, today: string): SQL<number> {
  return sql<number>`(SELECT coalesce(sum(n), 0) FROM (${liveCounts("school", today, { exact: schoolId })}))`;
}
