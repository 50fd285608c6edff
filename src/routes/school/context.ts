// Request plumbing shared by the school API and pages: the actor, guards that let the register
// admin read, JSON bodies, the ?on= date, and loading an assessor with 404/403 decided once.
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import { requireSchoolApi, requireSchoolPage } from "#src/http/guards";
import type { AppEnv } from "#src/env";
import { HttpError, messages } from "#src/http/errors";
import { loadForActor, type Loaded } from "#src/queries/assessors";
import { isIsoDate, type AssessorWrite } from "#src/rules";
import { actorFrom, writeVerdict, type Actor } from "#src/rules/access";

function noStore(c: Context<AppEnv>) {
  if (!c.res.headers.has("Cache-Control")) c.res.headers.set("Cache-Control", "private, no-store");
}

/** School API routes that the register admin may also read: the admin passes, others get requireSchoolApi. */
export const schoolOrAdminApi = createMiddleware<AppEnv>(async (c, next) => {
  if (c.get("auth")?.role === "admin") {
    await next();
    noStore(c);
    return;
  }
  return requireSchoolApi(c, next);
});

/** School pages that the register admin may also read. */
export const schoolOrAdminPage = createMiddleware<AppEnv>(async (c, next) => {
  if (c.get("auth")?.role === "admin") {
    await next();
    noStore(c);
    return;
  }
  return requireSchoolPage(c, next);
});

export function actorOf(c: Context<AppEnv>): Actor {
  const auth = c.get("auth");
  if (!auth) throw new HttpError(401, "unauthenticated", messages.unauthenticated);
  return actorFrom(auth, c.get("requestId"));
}

/** The actor as a school (writes); the register admin has no school and gets 403. */
export function schoolActorOf(c: Context<AppEnv>): Actor & { schoolId: string } {
  const actor = actorOf(c);
  if (!actor.schoolId)
    throw new HttpError(
      403,
      "forbidden",
      "Alleen een school kan dit doen; een beheerdersaccount heeft geen school.",
    );
  return actor as Actor & { schoolId: string };
}

export function invalid(fields: Record<string, string>, message = messages.invalid): never {
  throw new HttpError(422, "invalid", message, fields);
}

/** ?on=YYYY-MM-DD, default today. */
export function onDate(c: Context<AppEnv>): string {
  const on = c.req.query("on")?.trim();
  if (!on) return c.get("today");
  if (!isIsoDate(on))
    invalid({ on: "Geef een geldige datum (JJJJ-MM-DD)." }, "Ongeldige parameter: on.");
  return on;
}

export const NOT_FOUND_MESSAGE =
  "Deze praktijkbeoordelaar bestaat niet of is niet zichtbaar voor uw school.";
export const READ_ONLY_MESSAGE =
  "Uw school is niet gekoppeld aan deze praktijkbeoordelaar en mag de gegevens alleen inzien. Koppel de beoordelaar eerst aan uw school.";

/** The assessor as the actor may see it; 404 when it may not know it exists. */
export async function loadOr404(c: Context<AppEnv>, id: string): Promise<Loaded> {
  const loaded = await loadForActor(c.get("db"), actorOf(c), id);
  if (!loaded) throw new HttpError(404, "not_found", NOT_FOUND_MESSAGE);
  return loaded;
}

/**
 * The assessor for a change of kind `write`: 404 when invisible, 403 (with the Dutch reason) when
 * the write rules (src/rules/assessor-writes.ts) do not allow it to this actor.
 */
/** An examination or bijscholing (logged by a linked school): the actor is always a school. */
export async function loadForLog(
  c: Context<AppEnv>,
  id: string,
): Promise<Loaded & { actor: Actor & { schoolId: string } }> {
  const loaded = await loadForWrite(c, id, "log");
  return { ...loaded, actor: schoolActorOf(c) };
}

export async function loadForWrite(
  c: Context<AppEnv>,
  id: string,
  write: AssessorWrite,
): Promise<Loaded & { actor: Actor }> {
  const loaded = await loadOr404(c, id);
  const actor = actorOf(c);
  const verdict = writeVerdict(actor, loaded.assessor, loaded.linked, write);
  if (!verdict.ok) throw new HttpError(403, "forbidden", verdict.message);
  return { ...loaded, actor };
}
