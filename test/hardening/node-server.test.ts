// Issue 12, items 1 and 3 through the real Node entry (src/server.ts in a child process): the
// client address comes from the socket there, and the reset work runs after the response.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { outbox } from "#db/schema";
import { openDatabase, type DB } from "#src/db";
import { runMigrations } from "#src/migrate";
import { loadReferenceData } from "#src/reference-data";
import { createSchoolWithUser, createUser } from "../helpers/factories";
import { startNodeServer, type NodeServer } from "../helpers/node-server";

let dir: string;
let server: NodeServer;
let url: string;
let db: DB;
let closeDb: () => void;
const users: { email: string }[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "hardening-node-"));
  const dbUrl = `file:${join(dir, "register.db")}`;
  const opened = await openDatabase(dbUrl);
  db = opened.db;
  closeDb = () => opened.client.close();
  await runMigrations(db);
  await loadReferenceData(db);
  const { school, user } = await createSchoolWithUser(db);
  users.push(user);
  for (let i = 0; i < 12; i++) users.push(await createUser(db, { schoolId: school.id }));
  server = await startNodeServer({ DATABASE_URL: dbUrl });
  url = server.url;
}, 60_000);

afterAll(async () => {
  await server?.stop();
  closeDb?.();
  rmSync(dir, { recursive: true, force: true });
});

function post(path: string, fields: Record<string, string>) {
  return fetch(`${url}${path}`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", origin: url },
    body: new URLSearchParams(fields).toString(),
  });
}

describe("item 1: login throttle races (real Node server)", () => {
  test("30 parallel wrong passwords from one socket address: 5 × 401, 25 × 429", async () => {
    const responses = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        post("/inloggen", { email: users[0].email, password: `fout-wachtwoord-${i}` }),
      ),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(25);
  });
});

describe("item 3: /wachtwoord-vergeten after the response (real Node server)", () => {
  test("the answer comes first, the mail follows; known and unknown addresses take the same time", async () => {
    const timings = { known: [] as number[], unknown: [] as number[] };
    // 10 per IP per hour: 5 known, 5 unknown, alternating.
    for (let i = 1; i <= 5; i++) {
      for (const kind of ["known", "unknown"] as const) {
        const email = kind === "known" ? users[i].email : `niemand-${i}@nergens.test`;
        const start = performance.now();
        const res = await post("/wachtwoord-vergeten", { email });
        timings[kind].push(performance.now() - start);
        expect(res.status).toBe(303);
        // Let the work after the response finish before the next request, so that what is
        // timed is the answer alone (a known address's mail is written by then).
        const expected = i;
        const until = Date.now() + 3000;
        while (kind === "known" && Date.now() < until) {
          const rows = await db.select().from(outbox).where(eq(outbox.kind, "reset"));
          if (rows.length >= expected) break;
          await new Promise((r) => setTimeout(r, 20));
        }
        await new Promise((r) => setTimeout(r, 30));
      }
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const k = median(timings.known);
    const u = median(timings.unknown);
    expect(Math.abs(k - u), JSON.stringify(timings)).toBeLessThan(
      Math.max(15, 0.5 * Math.min(k, u)),
    );
    // The mails were written after the responses, to the known addresses only.
    const deadline = Date.now() + 5000;
    let mails: { toAddress: string }[] = [];
    while (Date.now() < deadline) {
      mails = await db
        .select({ toAddress: outbox.toAddress })
        .from(outbox)
        .where(eq(outbox.kind, "reset"));
      if (mails.length >= 5) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(mails.map((m) => m.toAddress).sort()).toEqual(
      users
        .slice(1, 6)
        .map((u) => u.email)
        .sort(),
    );
  });
});
