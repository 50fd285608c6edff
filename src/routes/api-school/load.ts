// Route middleware of the school API: loads the assessor a route is about and decides 404/403
// (and "only a school") before the body is validated, as the API always answered.
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "#src/env";
import type { Loaded } from "#src/queries/assessors";
import type { Actor } from "#src/rules/access";
import { loadForWrite, loadOr404, schoolActorOf } from "#src/routes/school/context";

export type Writable = Loaded & { actor: Actor & { schoolId: string } };

// The assessor loaded by the route middleware, per request. A map keyed by the context rather
// than a context variable: handlers keep the app's plain Context type.
const targets = new WeakMap<Context, Loaded | Writable>();

/** The assessor the caller may read (else 404); read it in the handler with target(c). */
export const readable = createMiddleware<AppEnv>(async (c, next) => {
  targets.set(c, await loadOr404(c, c.req.param("id") ?? ""));
  await next();
});

/** The assessor the caller may change (404 invisible, 403 read-only); see writeTarget(c). */
export const writable = createMiddleware<AppEnv>(async (c, next) => {
  targets.set(c, await loadForWrite(c, c.req.param("id") ?? ""));
  await next();
});

export function target(c: Context): Loaded {
  const loaded = targets.get(c);
  if (!loaded) throw new Error(`${c.req.path}: route declared without readable/writable`);
  return loaded;
}

export function writeTarget(c: Context): Writable {
  const loaded = target(c);
  if (!("actor" in loaded)) throw new Error(`${c.req.path}: route declared without writable`);
  return loaded as Writable;
}

/** Only a school (not the register admin) registers and imports: 403 before the body is read. */
export const schoolOnly = createMiddleware<AppEnv>(async (c, next) => {
  schoolActorOf(c);
  await next();
});
