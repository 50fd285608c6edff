// The one way links with a query string are built (search pages, lists, pagers, redirects).

export type QueryValues = Record<string, string | number | undefined | null>;

/** "?a=1&b=x" from the values that are set (empty strings, null and undefined are left out), or "". */
export function queryString(values: QueryValues): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    if (value !== undefined && value !== null && value !== "") params.set(key, String(value));
  }
  const s = params.toString();
  return s ? `?${s}` : "";
}

/** path + queryString(values); a path that already has a query gets "&" instead of "?". */
export function withQuery(path: string, values: QueryValues): string {
  const q = queryString(values);
  if (!q) return path;
  return path.includes("?") ? `${path}&${q.slice(1)}` : path + q;
}
