// /healthz under many probes at once (issue 15): probes that overlap share one database ping, but
// no probe ever gets an answer from before it arrived, so a lost database shows at the next one.
import { afterAll, beforeAll, expect, test } from "vitest";
import { createApp } from "#src/app";
import { parseConfig } from "#src/config";
import { createTestDb } from "../helpers/app";
import type { DB } from "#src/db";

let db: DB;
let close: () => void;
let pings = 0;
let healthy = true;
let release: (() => void) | null = null;

beforeAll(async () => {
  ({ db, close } = await createTestDb());
});
afterAll(() => close());

function app() {
  return createApp({
    db,
    config: parseConfig({ NODE_ENV: "test", SEED_DEMO: "0" }),
    ping: async () => {
      pings++;
      await new Promise<void>((resolve) => (release = resolve));
      if (!healthy) throw new Error("database gone");
    },
  });
}

test("50 parallel probes share one ping; the probe after it pings again and sees a lost database", async () => {
  const a = app();
  const probes = Array.from({ length: 50 }, () => a.request("/healthz"));
  await new Promise((r) => setTimeout(r, 20));
  expect(pings).toBe(1);
  release!();
  const answers = await Promise.all(probes);
  expect(answers.map((r) => r.status)).toEqual(Array(50).fill(200));

  healthy = false;
  const after = a.request("/healthz");
  await new Promise((r) => setTimeout(r, 20));
  expect(pings).toBe(2);
  release!();
  const res = await after;
  expect(res.status).toBe(503);
  expect(await res.json()).toEqual({ status: "unavailable" });

  // Failing probes in parallel all fail, and the next healthy ping is 200 again.
  const failing = Array.from({ length: 10 }, () => a.request("/healthz"));
  await new Promise((r) => setTimeout(r, 20));
  release!();
  expect((await Promise.all(failing)).map((r) => r.status)).toEqual(Array(10).fill(503));
  healthy = true;
  const back = a.request("/healthz");
  await new Promise((r) => setTimeout(r, 20));
  release!();
  expect((await back).status).toBe(200);
});
