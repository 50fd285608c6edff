// What makes public answers cheap: the ETag from the data version and today (304 when the client
// has it), and answers kept in memory per (data version, today, request) until the next write.
import type { Context } from "hono";
import { BodyCache, CachedBody } from "#src/lib/cached-body";
import type { DB } from "#src/db";
import type { AppEnv } from "#src/env";
import { sendKept } from "#src/http/compression";
import { currentDataVersion } from "#src/queries/meta";

/** The data version this request works with (from memory on Node, see queries/meta). */
export function requestDataVersion(c: Context<AppEnv>): Promise<string> {
  return currentDataVersion(c.get("db"), c.get("deps").dataVersionRecheckMs ?? 0);
}

/**
 * Public responses are cacheable: the ETag is the data version (bumped by every write) plus
 * today's date (visibility depends on the date). `notModified` is a 304 response when the client
 * has it; `dataVersion` is the version the ETag was built from, for the body to use too.
 */
export async function publicCache(
  c: Context<AppEnv>,
  knownVersion?: string,
  cacheControl = "public, max-age=60",
): Promise<{ notModified: Response | null; dataVersion: string }> {
  const version = knownVersion ?? (await requestDataVersion(c));
  const etag = `W/"${version}-${c.get("today")}"`;
  c.header("ETag", etag);
  c.header("Cache-Control", cacheControl);
  c.header("Vary", "HX-Request", { append: true });
  const inm = c.req.header("if-none-match");
  const notModified = inm?.split(",").some((t) => t.trim() === etag) ? c.body(null, 304) : null;
  return { notModified, dataVersion: version };
}

const caches = new WeakMap<DB, BodyCache>();

/** The answer for `key` under this data version and day: built once, then served from memory. */
export function cachedAnswer(
  c: Context<AppEnv>,
  dataVersion: string,
  key: string,
  build: () => Promise<CachedBody>,
): Promise<CachedBody> {
  const db = c.get("db");
  let cache = caches.get(db);
  if (!cache) {
    cache = new BodyCache();
    caches.set(db, cache);
  }
  return cache.get(`${dataVersion}|${c.get("today")}`, key, build);
}

/** The answer kept for `key` under this data version and day, without building one. */
export function keptAnswer(
  c: Context<AppEnv>,
  dataVersion: string,
  key: string,
): Promise<CachedBody> | undefined {
  return caches.get(c.get("db"))?.peek(`${dataVersion}|${c.get("today")}`, key);
}

/** The query string as sent ("" or "?…"), without parsing the URL: part of the cache keys. */
export function querySuffix(c: Context<AppEnv>): string {
  const url = c.req.url;
  const at = url.indexOf("?");
  return at < 0 ? "" : url.slice(at);
}

/** Sends a kept body (its compressed forms are made once, by the compression middleware). */
export function sendCached(c: Context<AppEnv>, body: CachedBody, status: 200 | 422 = 200) {
  return sendKept(c, body, status);
}

export function jsonBody(value: unknown): CachedBody {
  return new CachedBody(JSON.stringify(value), "application/json");
}

export async function htmlBody(
  html: string | Promise<string>,
  headers: Record<string, string> = {},
): Promise<CachedBody> {
  return new CachedBody(await html, "text/html; charset=UTF-8", headers);
}
