// Serves public/ from memory (Node): one lookup, an ETag, and a year's `immutable` cache when the
// URL carries the file's fingerprint (`?v=<hash>`, see lib/assets). Runs after the security
// headers, so static files carry the same headers as pages.
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "#src/env";
import type { StaticFiles } from "#src/lib/cached-body";
import { sendKept } from "./compression";

export type { StaticFiles };

export const IMMUTABLE = "public, max-age=31536000, immutable";

export function serveStaticFiles(files: StaticFiles) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const file = files.get(c.req.path);
    if (!file || (c.req.method !== "GET" && c.req.method !== "HEAD")) return next();
    const etag = `"${file.hash}"`;
    c.header("ETag", etag);
    c.header(
      "Cache-Control",
      c.req.query("v") === file.hash ? IMMUTABLE : "public, max-age=300, must-revalidate",
    );
    if (
      c.req
        .header("if-none-match")
        ?.split(",")
        .some((t) => t.trim() === etag)
    )
      return c.body(null, 304);
    return sendKept(c, file.body);
  });
}
