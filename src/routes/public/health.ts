// GET /healthz: 200 {"status":"ok"} when the database answers, 503 otherwise (load balancers, uptime checks).
import { Hono } from "hono";
import type { AppEnv } from "#src/env";
import { pingDatabase } from "#src/queries/health";

export const healthRoutes = new Hono<AppEnv>();

healthRoutes.get("/healthz", async (c) => {
  try {
    const ping = c.get("deps").ping;
    if (ping) await ping();
    else await pingDatabase(c.get("db"));
    return c.json({ status: "ok" });
  } catch {
    return c.json({ status: "unavailable" }, 503);
  }
});
