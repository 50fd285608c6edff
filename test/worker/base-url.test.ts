// Item 12 (issue 12): links, the CSRF origin and cookie security come from BASE_URL, never from a
// request's Host header; production without BASE_URL does not start, on Node and on Workers.
// The Worker entry (src/worker.ts) runs in this process against a real libSQL database over
// HTTP (test/worker/hrana-server.ts), with requests for an attacker's host name.
import { execFile } from "node:child_process";
import { request as httpRequest } from "node:http";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { createClient, type Client } from "@libsql/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "#src/config";
import { openDatabase } from "#src/db";
import { runMigrations } from "#src/migrate";
import { loadReferenceData } from "#src/reference-data";
import worker, { type Env } from "#src/worker";
import { createSchoolWithUser, TEST_PASSWORD } from "../helpers/factories";
import { childEnv, tsxBin } from "../reliability/child";
import { startHranaServer, type HranaServer } from "./hrana-server";
import { SERVER_ARGS } from "../helpers/server-entry";
import { freePort, startNodeServer } from "../helpers/node-server";

const run = promisify(execFile);
const ATTACKER = "https://attacker.example";
const PUBLIC = "https://register.example.nl";

describe("item 12: BASE_URL is required in production and nothing derives from Host", () => {
  describe("Node", () => {
    it("the config refuses production without BASE_URL, in one line naming it", () => {
      expect(() => parseConfig({ NODE_ENV: "production" })).toThrow(ConfigError);
      try {
        parseConfig({ NODE_ENV: "production" });
      } catch (err) {
        expect((err as Error).message).toContain("BASE_URL");
        expect((err as Error).message.split("\n")).toHaveLength(1);
      }
      expect(parseConfig({ NODE_ENV: "production", BASE_URL: `${PUBLIC}/` }).baseUrl).toBe(PUBLIC);
      // Development and tests keep the local default.
      expect(parseConfig({}).baseUrl).toBe("http://localhost:8787");
    });

    it("the real Node server does not start in production without BASE_URL", async () => {
      const dir = mkdtempSync(join(tmpdir(), "register-base-url-"));
      try {
        const env = childEnv({
          NODE_ENV: "production",
          DATABASE_URL: `file:${join(dir, "x.db")}`,
          PORT: "1",
          HOST: "127.0.0.1",
        });
        const outcome = await run(process.execPath, SERVER_ARGS, {
          env,
          timeout: 30_000,
        }).then(
          () => ({ code: 0, stderr: "" }),
          (err: { code: number; stderr: string }) => err,
        );
        expect(outcome.code).toBe(1);
        expect(outcome.stderr.trim().split("\n")).toHaveLength(1);
        expect(outcome.stderr).toContain("BASE_URL");
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }, 40_000);
  });

  describe("the real Node server", () => {
    /** A raw HTTP request, so that the Host header can be the attacker's. */
    function raw(
      port: number,
      path: string,
      headers: Record<string, string>,
      body: string,
    ): Promise<{ status: number; headers: Record<string, string | string[] | undefined> }> {
      return new Promise((resolve, reject) => {
        const req = httpRequest(
          { host: "127.0.0.1", port, path, method: "POST", headers, timeout: 10_000 },
          (res) => {
            res.resume();
            res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers }));
          },
        );
        req.on("error", reject);
        req.end(body);
      });
    }

    it("takes the CSRF origin and mail links from BASE_URL, not from the Host header", async () => {
      const dir = mkdtempSync(join(tmpdir(), "register-base-url-node-"));
      const port = await freePort();
      const base = `http://127.0.0.1:${port}`;
      const file = join(dir, "x.db");
      const env = childEnv({
        NODE_ENV: "production",
        DATABASE_URL: `file:${file}`,
        PORT: String(port),
        HOST: "127.0.0.1",
        BASE_URL: base,
      });
      const email = "basis@school.test";
      await run(
        tsxBin,
        [
          "src/cli.ts",
          "school",
          "create",
          "--name",
          "ROC Basis",
          "--email",
          email,
          "--password",
          "lang-genoeg-wachtwoord-42",
        ],
        { env },
      );
      const server = await startNodeServer(
        { NODE_ENV: "production", DATABASE_URL: `file:${file}` },
        { port },
      );
      try {
        const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
        const type = { "content-type": "application/x-www-form-urlencoded" };
        // The attacker's host and matching origin: refused.
        const forged = await raw(
          port,
          "/wachtwoord-vergeten",
          { ...type, host: "attacker.example", origin: "http://attacker.example" },
          form({ email }),
        );
        expect(forged.status).toBe(403);
        // Our origin through the attacker's host name: the link still points to BASE_URL.
        const reset = await raw(
          port,
          "/wachtwoord-vergeten",
          { ...type, host: "attacker.example", origin: base },
          form({ email }),
        );
        expect(reset.status).toBe(303);
        const outbox = createClient({ url: `file:${file}` });
        try {
          // The reset mail is written after the response (afterResponse): wait for it.
          let rows = await outbox.execute({ sql: "SELECT 1", args: [] });
          for (const deadline = Date.now() + 10_000; Date.now() < deadline;) {
            rows = await outbox.execute({
              sql: "SELECT body FROM outbox WHERE to_address = ?",
              args: [email],
            });
            if (rows.rows.length > 0) break;
            await new Promise((r) => setTimeout(r, 100));
          }
          expect(rows.rows.length).toBe(1);
          expect(String(rows.rows[0].body)).toContain(`${base}/wachtwoord-vergeten/`);
          expect(String(rows.rows[0].body)).not.toContain("attacker.example");
        } finally {
          outbox.close();
        }
      } finally {
        process.kill(-server.child.pid!, "SIGKILL");
        rmSync(dir, { recursive: true, force: true });
      }
    }, 60_000);
  });

  describe("the Worker entry", () => {
    let dir: string;
    let hrana: HranaServer;
    let reader: Client;
    let email: string;

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), "register-base-url-worker-"));
      const file = join(dir, "remote.db");
      const { db, client } = await openDatabase(`file:${file}`);
      await runMigrations(db);
      await loadReferenceData(db);
      email = (await createSchoolWithUser(db, "ROC Basisadres")).user.email;
      client.close();
      hrana = await startHranaServer(file);
      reader = createClient({ url: `file:${file}` });
    }, 60_000);

    afterAll(async () => {
      reader?.close();
      await hrana?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    /** A fresh bindings object: the Worker builds one runtime per bindings object. */
    function bindings(vars: Record<string, string>): Env {
      return { DATABASE_URL: hrana.url, DATABASE_AUTH_TOKEN: hrana.token, ...vars };
    }

    /** Calls the Worker's fetch as workerd does, and waits for work it left running. */
    async function call(env: Env, request: Request): Promise<Response> {
      const pending: Promise<unknown>[] = [];
      const ctx = {
        waitUntil: (p: Promise<unknown>) => void pending.push(p),
        passThroughOnException: () => {},
        props: {},
      };
      const res = await worker.fetch(request, env, ctx as never);
      await Promise.allSettled(pending);
      return res;
    }

    function form(url: string, origin: string, fields: Record<string, string>) {
      return new Request(url, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", origin },
        body: new URLSearchParams(fields).toString(),
        redirect: "manual",
      });
    }

    async function lastMailBody(to: string): Promise<string> {
      const rows = await reader.execute({
        sql: "SELECT body FROM outbox WHERE to_address = ? ORDER BY rowid DESC LIMIT 1",
        args: [to],
      });
      expect(rows.rows.length, `a mail to ${to}`).toBe(1);
      return String(rows.rows[0].body);
    }

    it("production without BASE_URL answers 503 and never builds an app from the request's host", async () => {
      const env = bindings({ NODE_ENV: "production" });
      const errors: string[] = [];
      const original = console.error;
      console.error = (...args: unknown[]) => void errors.push(args.join(" "));
      try {
        for (const path of ["/healthz", "/inloggen", "/wachtwoord-vergeten"]) {
          const res = await call(env, new Request(`${ATTACKER}${path}`));
          expect(res.status, path).toBe(503);
          expect(await res.text()).not.toContain("attacker.example");
        }
        // The same bindings on the right host do not start either: it is the config, not the host.
        expect((await call(env, new Request(`${PUBLIC}/healthz`))).status).toBe(503);
      } finally {
        console.error = original;
      }
      expect(errors.some((e) => e.includes("BASE_URL"))).toBe(true);
      // The scheduled jobs refuse too.
      await expect(
        worker.scheduled({ scheduledTime: Date.now(), cron: "0 4 * * *" }, env, {
          waitUntil: () => {},
          passThroughOnException: () => {},
        } as never),
      ).rejects.toThrow(/BASE_URL/);
    });

    it("with BASE_URL, a request for another host gets BASE_URL's links, CSRF origin and Secure cookie", async () => {
      const env = bindings({ NODE_ENV: "production", BASE_URL: PUBLIC });

      // The attacker's own origin is no CSRF pass, even when it is the request's host.
      const forged = await call(env, form(`${ATTACKER}/wachtwoord-vergeten`, ATTACKER, { email }));
      expect(forged.status).toBe(403);

      // A reset asked for through the attacker's host name links to BASE_URL.
      const reset = await call(env, form(`${ATTACKER}/wachtwoord-vergeten`, PUBLIC, { email }));
      expect(reset.status).toBe(303);
      const body = await lastMailBody(email);
      expect(body).toContain(`${PUBLIC}/wachtwoord-vergeten/`);
      expect(body).not.toContain("attacker.example");

      // The session cookie follows BASE_URL (https): __Host- and Secure, whatever the host.
      const login = await call(
        env,
        form(`http://attacker.example/inloggen`, PUBLIC, { email, password: TEST_PASSWORD }),
      );
      expect(login.status).toBe(303);
      const cookie = login.headers.getSetCookie().find((c) => c.startsWith("__Host-session="));
      expect(cookie).toBeDefined();
      expect(cookie).toMatch(/; Secure/i);
      expect(login.headers.get("strict-transport-security")).toMatch(/max-age=\d+/);
    });

    it("development without BASE_URL uses the local default, not the first request's host", async () => {
      const env = bindings({ NODE_ENV: "development" });
      const first = await call(env, new Request(`${ATTACKER}/healthz`));
      expect(first.status).toBe(200);
      expect(
        (await call(env, form(`${ATTACKER}/wachtwoord-vergeten`, ATTACKER, { email }))).status,
      ).toBe(403);
      // Development mail goes to the console: the link printed there is the local one.
      const printed: string[] = [];
      const original = console.log;
      console.log = (...args: unknown[]) => void printed.push(args.join(" "));
      let status: number;
      try {
        status = (
          await call(
            env,
            form(`${ATTACKER}/wachtwoord-vergeten`, "http://localhost:8787", { email }),
          )
        ).status;
      } finally {
        console.log = original;
      }
      expect(status).toBe(303);
      const mail = printed.join("\n");
      expect(mail).toContain("http://localhost:8787/wachtwoord-vergeten/");
      expect(mail).not.toContain("attacker.example");
    });
  });
});
