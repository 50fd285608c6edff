// Which address login throttling counts: the proxy's X-Forwarded-For only when TRUST_PROXY is set.
import { Hono } from "hono";
import { describe, expect, test } from "vitest";
import { clientIp } from "#src/auth/throttle";
import { parseConfig } from "#src/config";
import type { AppEnv } from "#src/env";

function appWith(trustProxy: string) {
  const app = new Hono<AppEnv>();
  app.use(async (c, next) => {
    c.set("config", parseConfig({ TRUST_PROXY: trustProxy }));
    await next();
  });
  app.get("/ip", (c) => c.text(clientIp(c)));
  return app;
}

describe("clientIp", () => {
  test("without TRUST_PROXY a forwarded header is ignored", async () => {
    const res = await appWith("0").request("/ip", {
      headers: { "x-forwarded-for": "203.0.113.9" },
    });
    expect(await res.text()).toBe("unknown");
  });
  test("with TRUST_PROXY the entry the proxy added (the last) counts, not one the client forged", async () => {
    const res = await appWith("1").request("/ip", {
      headers: { "x-forwarded-for": "10.9.9.9, 198.51.100.7" },
    });
    expect(await res.text()).toBe("198.51.100.7");
  });
});
