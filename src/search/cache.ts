// Caches public search results per (data version, today, parameters): the same key as the ETag,
// so a result is reused only until the next write or the next day.
import type { DB } from "#src/db";
import { getDataVersion } from "#src/queries/meta";
import type { SearchParams } from "./params";
import { searchAssessors, type SearchResult } from "./search";

const MAX_ENTRIES = 500;
const caches = new WeakMap<DB, { version: string; entries: Map<string, Promise<SearchResult>> }>();

export async function cachedSearch(
  db: DB,
  params: SearchParams,
  today: string,
  /** The data version the caller already read (for its ETag), so both describe the same data. */
  dataVersion?: string,
): Promise<SearchResult> {
  const version = `${dataVersion ?? (await getDataVersion(db))}|${today}`;
  let cache = caches.get(db);
  if (!cache || cache.version !== version) {
    cache = { version, entries: new Map() };
    caches.set(db, cache);
  }
  const key = JSON.stringify(params);
  let result = cache.entries.get(key);
  if (!result) {
    if (cache.entries.size >= MAX_ENTRIES) cache.entries.delete(cache.entries.keys().next().value!);
    result = searchAssessors(db, params, today);
    cache.entries.set(key, result);
    // A failed search is not remembered.
    const entries = cache.entries;
    result.catch(() => entries.delete(key));
  }
  return result;
}
