// Route middleware of the school API: loads the assessor a route is about and decides 404/403
// (and "only a school") before the body is validated, as the API always answered.
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "#src/env";
import type { Loaded } from "#src/queries/assessors";
import type { Actor } from "#src/rules/access";
import type { AssessorWrite } from "#src/rules/assessor-writes";
import { loadForLog, loadForWrite, loadOr404, schoolActorOf } from "#src/routes/school/context";

export type Writable = Loaded & { actor: Actor };
export type Loggable = Loaded & { actor: Actor & { schoolId: string } };

// The assessor loaded by the route middleware, per request. A map keyed by the context rather
// than a context variable: handlers keep the app's plain Context type.
const targets = new WeakMap<Context, { loaded: Loaded; kind: "read" | "write" | "log" }>();

function load(kind: "read" | "write" | "log", run: (c: Context<AppEnv>) => Promise<Loaded>) {
  return createMiddleware<AppEnv>(async (c, next) => {
    targets.set(c, { loaded: await run(c), kind });
    await next();
  });
}

const idOf = (c: Context) => c.req.param("id") ?? "";

/** The assessor the caller may read (else 404); read it in the handler with target(c). */
export const readable = load("read", (c) => loadOr404(c, idOf(c)));

/** The assessor the caller may change in this way (404 invisible, 403 with the reason). */
export const writable = (write: AssessorWrite) =>
  load("write", (c) => loadForWrite(c, idOf(c), write));

/** The assessor a linked school logs an examination or bijscholing for. */
export const loggable = load("log", (c) => loadForLog(c, idOf(c)));

function loaded(c: Context, kinds: string[]): Loaded {
  const entry = targets.get(c);
  if (!entry || !kinds.includes(entry.kind))
    throw new Error(`${c.req.path}: route declared without the ${kinds.join("/")} middleware`);
  return entry.loaded;
}

export const target = (c: Context): Loaded => loaded(c, ["read", "write", "log"]);
export const writeTarget = (c: Context) => loaded(c, ["write", "log"]) as Writable;
export const logTarget = (c: Context) => loaded(c, ["log"]) as Loggable;

/** Only a school (not the register admin) registers and imports: 403 before the body is read. */
export const schoolOnly = createMiddleware<AppEnv>(async (c, next) => {
  schoolActorOf(c);
  await next();
});
