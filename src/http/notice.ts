// The one notice (flash) convention: after a POST the redirect carries ?melding=<key>, and the
// page shows the Dutch sentence its area's table has for that key. Unknown keys show nothing.
import type { Context } from "hono";
import { withQuery } from "#src/lib/links";

export const NOTICE_PARAM = "melding";

/** The redirect target with its notice: withNotice("/school/team", "uitgenodigd"). */
export function withNotice(path: string, key: string): string {
  return withQuery(path, { [NOTICE_PARAM]: key });
}

/** The sentence for this request's ?melding=, from the area's table. */
export function noticeFrom(c: Context, table: Record<string, string>): string | undefined {
  const key = c.req.query(NOTICE_PARAM);
  return key !== undefined && Object.hasOwn(table, key) ? table[key] : undefined;
}
