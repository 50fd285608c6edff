// SECURITY 13: the real Node server (src/server.ts) is killed with SIGKILL in the middle of a burst
// of writes; after a restart every write it had acknowledged (201) is there.
import { execFile, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "#src/db";
import { childEnv, tsxBin } from "./child";
import { freePort, startNodeServer } from "../helpers/node-server";

const run = promisify(execFile);

const MAX_WRITES = 400;
const KILL_AFTER_ACKS = 40;
const IN_FLIGHT = 8;

function exited(child: ChildProcess): Promise<NodeJS.Signals | number | null> {
  if (child.exitCode !== null || child.signalCode !== null)
    return Promise.resolve(child.signalCode ?? child.exitCode);
  return new Promise((resolve) => child.once("exit", (code, signal) => resolve(signal ?? code)));
}

describe("durability: SIGKILL during a burst of writes", () => {
  let dir: string;
  let dbUrl: string;
  let env: NodeJS.ProcessEnv;
  let token: string;
  let port: number;
  const started: ChildProcess[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "register-crash-"));
    dbUrl = `file:${join(dir, "x.db")}`;
    port = await freePort();
    env = childEnv({
      DATABASE_URL: dbUrl,
      PORT: String(port),
      HOST: "127.0.0.1",
      BASE_URL: `http://127.0.0.1:${port}`,
      SEED_DEMO: "0",
    });
    // The school and its token come from the real CLI, against the same file.
    await run(
      tsxBin,
      [
        "src/cli.ts",
        "school",
        "create",
        "--name",
        "Crashtest College",
        "--email",
        "crash@school.test",
        "--password",
        "lang-genoeg-wachtwoord-42",
      ],
      { env },
    );
    const { stdout } = await run(
      tsxBin,
      ["src/cli.ts", "token", "create", "--email", "crash@school.test", "--name", "crash"],
      { env },
    );
    token = stdout.trim().split("\n").at(-1)!.trim();
    expect(token).toMatch(/^\S{20,}$/);
  }, 60_000);

  afterAll(async () => {
    for (const child of started)
      if (child.exitCode === null && child.signalCode === null) {
        process.kill(-child.pid!, "SIGKILL");
        await exited(child);
      }
    rmSync(dir, { recursive: true, force: true });
  });

  it("every acknowledged registration is there after the restart", async () => {
    const first = await startNodeServer({ DATABASE_URL: dbUrl }, { port });
    started.push(first.child);
    const places = (await (await fetch(`${first.url}/api/v1/places?province=GR`)).json()) as {
      code: string;
    }[];
    const crebos = (await (await fetch(`${first.url}/api/v1/crebos`)).json()) as { code: string }[];
    expect(places.length).toBeGreaterThan(0);
    expect(crebos.length).toBeGreaterThan(0);

    const acknowledged: { id: string; email: string }[] = [];
    let attempted = 0;
    let killedAt = -1;
    let failedAfterKill = 0;

    const writer = async () => {
      while (attempted < MAX_WRITES) {
        const i = attempted++;
        const email = `crash-${i}@voorbeeld.nl`;
        try {
          const res = await fetch(`${first.url}/api/v1/school/assessors`, {
            method: "POST",
            headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
            body: JSON.stringify({
              first_name: "Crash",
              infix: "",
              last_name: `Test${i}`,
              email,
              phone: "",
              organisation: "Crashtest BV",
              places: [places[i % places.length].code],
              crebos: [crebos[i % crebos.length].code],
              initial_training: {
                date: "2025-03-10",
                provider: "Opleider",
                components: ["exam_process", "assessing", "final_interview"],
              },
              public_consent: i % 2 === 0,
            }),
          });
          const body = await res.text();
          if (res.status !== 201) throw new Error(`unexpected ${res.status}: ${body}`);
          acknowledged.push({ id: (JSON.parse(body) as { id: string }).id, email });
          if (acknowledged.length === KILL_AFTER_ACKS && killedAt < 0) {
            killedAt = acknowledged.length;
            process.kill(-first.child.pid!, "SIGKILL");
          }
        } catch (err) {
          // After the kill, requests in flight fail: they were never acknowledged.
          if (killedAt < 0) throw err;
          failedAfterKill++;
          return;
        }
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, writer));

    expect(await exited(first.child)).toBe("SIGKILL");
    expect(killedAt).toBe(KILL_AFTER_ACKS);
    // The kill really came mid-burst: other writes were still in flight.
    expect(failedAfterKill).toBeGreaterThan(0);
    expect(acknowledged.length).toBeGreaterThanOrEqual(KILL_AFTER_ACKS);

    const second = await startNodeServer({ DATABASE_URL: dbUrl }, { port });
    started.push(second.child);
    for (const { id, email } of acknowledged) {
      const res = await fetch(`${second.url}/api/v1/school/assessors/${id}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(res.status, `${id} after restart`).toBe(200);
      expect(((await res.json()) as { email: string }).email).toBe(email);
    }
    process.kill(second.child.pid!, "SIGTERM");
    await exited(second.child);

    // Straight from the file: every acknowledged row, a sound database, WAL kept.
    const { db, client } = await openDatabase(dbUrl);
    try {
      const ids = sql.join(
        acknowledged.map((a) => sql`${a.id}`),
        sql`, `,
      );
      const [{ n }] = await db.all<{ n: number }>(
        sql`SELECT count(*) AS n FROM assessors WHERE id IN (${ids})`,
      );
      expect(n).toBe(acknowledged.length);
      const [{ links }] = await db.all<{ links: number }>(
        sql`SELECT count(*) AS links FROM assessor_schools WHERE assessor_id IN (${ids})`,
      );
      expect(links).toBe(acknowledged.length);
      const [check] = await db.all<{ integrity_check: string }>(sql`PRAGMA integrity_check`);
      expect(check.integrity_check).toBe("ok");
      const [mode] = await db.all<{ journal_mode: string }>(sql`PRAGMA journal_mode`);
      expect(mode.journal_mode).toBe("wal");
    } finally {
      client.close();
    }
  }, 120_000);
});
