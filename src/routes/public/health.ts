// GET /healthz: 200 {"status":"ok"} when the database answers, 503 otherwise (load balancers, uptime checks).
import { Hono, type Context } from "hono";
import type { AppEnv } from "#src/env";
import { pingDatabase } from "#src/queries/health";
import { sendKept } from "#src/http/compression";
import { CachedBody } from "#src/lib/cached-body";

export const healthRoutes = new Hono<AppEnv>();

/**
 * Health checks that arrive while one is asking the database share its answer (never an older
 * one): fifty probes at once cost one check, and a lost database is still seen by the next probe.
 */
const checksInFlight = new WeakMap<object, Promise<void>>();

function sharedCheck(c: Context<AppEnv>): Promise<void> {
  const deps = c.get("deps");
  let pending = checksInFlight.get(deps);
  if (!pending) {
    const ping = deps.ping;
    pending = (async () => {
      if (ping) await ping();
      else await pingDatabase(c.get("db"));
    })().finally(() => checksInFlight.delete(deps));
    checksInFlight.set(deps, pending);
  }
  return pending;
}

/** The answer is always the same bytes: kept, so no probe builds or inspects a body. */
const OK = new CachedBody(JSON.stringify({ status: "ok" }), "application/json");

healthRoutes.get("/healthz", async (c) => {
  try {
    await sharedCheck(c);
    return sendKept(c, OK);
  } catch {
    return c.json({ status: "unavailable" }, 503);
  }
});
