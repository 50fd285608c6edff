// The real Node server (src/server.ts) in a child process: issue 12 item 11 (its 404s and the
// headers of static files) and issue 15 (fingerprinted assets, compression, ETag/304, and a data
// version kept in memory that never hides a write: the app's own at once, another process's ≤ 1 s).
import { mkdtempSync, rmSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { openDatabase, type DB } from "#src/db";
import { runMigrations } from "#src/migrate";
import { loadReferenceData } from "#src/reference-data";
import { setConsent } from "#src/queries/assessor-changes";
import { amsterdamDate } from "#src/rules";
import { createTestAssessor, schoolActor } from "../helpers/assessors";
import { bearer, createSchoolWithUser } from "../helpers/factories";
import { startNodeServer, type NodeServer } from "../helpers/node-server";

let dir: string;
let db: DB;
let closeDb: () => void;
let server: NodeServer;
let auth: string;
let who: Awaited<ReturnType<typeof createSchoolWithUser>>;
const ids: string[] = [];

const SECURITY_HEADERS = [
  "content-security-policy",
  "x-content-type-options",
  "x-frame-options",
  "referrer-policy",
  "cross-origin-opener-policy",
  "cross-origin-resource-policy",
];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "register-node-server-"));
  const file = join(dir, "register.db");
  const opened = await openDatabase(`file:${file}`);
  db = opened.db;
  closeDb = () => opened.client.close();
  await runMigrations(db);
  await loadReferenceData(db);
  who = await createSchoolWithUser(db);
  auth = await bearer(db, who.user.id, who.school.id);
  // The server runs on the real clock: trained a year ago, so public today.
  const trained = amsterdamDate(new Date(Date.now() - 365 * 86_400_000));
  for (let i = 0; i < 25; i++) {
    const { id } = await createTestAssessor(db, who, {
      firstName: i === 0 ? "Zichtbaar" : "Test",
      lastName: i === 0 ? "Knooppunt" : `Persoon ${String(i).padStart(2, "0")}`,
      initialTraining: {
        date: trained,
        provider: "Kenniscentrum Techniek",
        components: ["exam_process", "assessing", "final_interview"],
      },
    });
    ids.push(id);
  }
  server = await startNodeServer({ DATABASE_URL: `file:${file}` });
}, 60_000);

afterAll(async () => {
  await server?.stop();
  closeDb?.();
  rmSync(dir, { recursive: true, force: true });
});

type Raw = { status: number; headers: Record<string, string | string[] | undefined>; body: Buffer };

/** A plain HTTP GET that leaves the body as sent (fetch would decompress it). */
function rawGet(path: string, headers: Record<string, string> = {}): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(server.url + path, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () =>
        resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }),
      );
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end();
  });
}

async function setConsentOverApi(id: string, value: boolean) {
  const res = await fetch(`${server.url}/api/v1/school/assessors/${id}/consent`, {
    method: "POST",
    headers: { authorization: auth, "content-type": "application/json" },
    body: JSON.stringify({ public_consent: value }),
  });
  expect(res.status).toBe(200);
  await res.arrayBuffer();
}

async function publicIds(query = ""): Promise<string[]> {
  const res = await fetch(`${server.url}/api/v1/assessors?per_page=100${query}`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { items: { id: string }[] }).items.map((i) => i.id);
}

describe("item 11: the Node server's 404s and static files", () => {
  test("item 11: an unknown /api/... path is a JSON 404 in the error shape, with the security headers", async () => {
    const res = await fetch(`${server.url}/api/v1/bestaat-niet`);
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toContain("application/json");
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("not_found");
    expect(body.error.message).toMatch(/niet gevonden|bestaat niet/i);
    for (const h of SECURITY_HEADERS) expect(res.headers.get(h), h).toBeTruthy();
  });

  test("item 11: an unknown page is the Dutch 404 page, also under /static", async () => {
    for (const path of ["/bestaat-niet", "/static/bestaat-niet.css"]) {
      const res = await fetch(server.url + path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get("content-type"), path).toContain("text/html");
      const html = await res.text();
      expect(html, path).toContain('lang="nl"');
      expect(html, path).toContain("Pagina niet gevonden");
      expect(html, path).not.toContain("404 Not Found");
      for (const h of SECURITY_HEADERS) expect(res.headers.get(h), `${path} ${h}`).toBeTruthy();
    }
  });

  test("item 11: static files carry the same security headers as pages, and fingerprinted ones a year's immutable cache", async () => {
    const page = await fetch(`${server.url}/over`);
    const html = await page.text();
    const css = /href="(\/static\/app\.css\?v=[0-9a-f]{12})"/.exec(html)?.[1];
    const htmx = /src="(\/vendor\/htmx\.min\.js\?v=[0-9a-f]{12})"/.exec(html)?.[1];
    expect(css, "the page links a fingerprinted stylesheet").toBeTruthy();
    expect(htmx, "the page links a fingerprinted htmx").toBeTruthy();
    for (const path of [css!, htmx!, "/static/app.css"]) {
      const res = await fetch(server.url + path);
      expect(res.status, path).toBe(200);
      for (const h of SECURITY_HEADERS)
        expect(res.headers.get(h), `${path} ${h}`).toBe(page.headers.get(h));
      const cache = res.headers.get("cache-control") ?? "";
      if (path.includes("?v=")) {
        expect(cache, path).toContain("immutable");
        expect(Number(/max-age=(\d+)/.exec(cache)?.[1]), path).toBeGreaterThanOrEqual(31536000);
      } else expect(cache, path).not.toContain("immutable");
      await res.arrayBuffer();
    }
    const first = await fetch(server.url + css!);
    await first.arrayBuffer();
    const again = await fetch(server.url + css!, {
      headers: { "if-none-match": first.headers.get("etag")! },
    });
    expect(again.status).toBe(304);
    // A wrong fingerprint is served (an old page still works) but not cached as immutable.
    const stale = await fetch(`${server.url}/static/app.css?v=000000000000`);
    expect(stale.status).toBe(200);
    expect(stale.headers.get("cache-control")).not.toContain("immutable");
  });
});

describe("compression and ETag through the Node server", () => {
  test("JSON, HTML and CSV over 1 KB are compressed when accepted, and decompress to the plain answer", async () => {
    for (const path of ["/api/v1/assessors?per_page=50", "/", "/api/v1/assessors.csv"]) {
      const plain = await rawGet(path);
      expect(plain.status, path).toBe(200);
      expect(plain.headers["content-encoding"], path).toBeUndefined();
      expect(plain.body.byteLength, path).toBeGreaterThan(1024);
      expect(String(plain.headers.vary), path).toMatch(/accept-encoding/i);
      const gz = await rawGet(path, { "accept-encoding": "gzip" });
      expect(gz.headers["content-encoding"], path).toBe("gzip");
      expect(gunzipSync(gz.body).equals(plain.body), path).toBe(true);
      const br = await rawGet(path, { "accept-encoding": "gzip, deflate, br" });
      if (path.endsWith(".csv")) expect(br.headers["content-encoding"]).toBe("gzip");
      else {
        expect(br.headers["content-encoding"], path).toBe("br");
        expect(brotliDecompressSync(br.body).equals(plain.body), path).toBe(true);
        expect(br.body.byteLength, path).toBeLessThan(plain.body.byteLength / 2);
      }
    }
    const refused = await rawGet("/api/v1/assessors", { "accept-encoding": "br;q=0, gzip;q=0" });
    expect(refused.headers["content-encoding"]).toBeUndefined();
    const small = await rawGet("/healthz", { "accept-encoding": "gzip, br" });
    expect(small.headers["content-encoding"]).toBeUndefined();
  });

  test("an invalid search is a 422 every time (never kept), a valid one after it still a 200", async () => {
    for (let i = 0; i < 2; i++) {
      const bad = await fetch(`${server.url}/api/v1/assessors?province=XX&per_page=1000`);
      expect(bad.status).toBe(422);
      const body = (await bad.json()) as {
        error: { code: string; fields: Record<string, string> };
      };
      expect(body.error.code).toBe("invalid_parameter");
      expect(Object.keys(body.error.fields).sort()).toEqual(["per_page", "province"]);
      const unknown = await fetch(`${server.url}/api/v1/assessors?place=0001`);
      expect(unknown.status).toBe(422);
    }
    expect((await fetch(`${server.url}/api/v1/assessors?province=UT`)).status).toBe(200);
  });

  test("a repeated search (sent from memory before the parameter check) answers exactly as the first", async () => {
    const path = "/api/v1/assessors?q=jan&sort=name";
    const answer = async () => {
      const res = await fetch(server.url + path);
      const headers = Object.fromEntries(
        [...res.headers].filter(([name]) => !["date", "x-request-id"].includes(name)),
      );
      return { status: res.status, headers, body: await res.text() };
    };
    const first = await answer();
    expect(first.status).toBe(200);
    const repeats = await Promise.all([answer(), answer(), answer()]);
    for (const again of repeats) expect(again).toEqual(first);
    // With the ETag: a 304, also from the kept path.
    const notModified = await fetch(server.url + path, {
      headers: { "if-none-match": first.headers.etag },
    });
    expect(notModified.status).toBe(304);
    // An invalid query string is never kept: still a 422 after a valid one.
    expect((await fetch(`${server.url}/api/v1/assessors?q=jan&sort=nee`)).status).toBe(422);
  });

  test("public JSON and HTML keep ETag/304; a write changes the ETag", async () => {
    for (const path of ["/api/v1/assessors", "/", `/beoordelaars/${ids[3]}`]) {
      const first = await fetch(server.url + path);
      const etag = first.headers.get("etag");
      expect(etag, path).toBeTruthy();
      await first.arrayBuffer();
      const again = await fetch(server.url + path, { headers: { "if-none-match": etag! } });
      expect(again.status, path).toBe(304);
    }
    const before = (await fetch(`${server.url}/api/v1/assessors`)).headers.get("etag");
    await setConsentOverApi(ids[5], false);
    const after = await fetch(`${server.url}/api/v1/assessors`, {
      headers: { "if-none-match": before! },
    });
    expect(after.status).toBe(200);
    expect(after.headers.get("etag")).not.toBe(before);
    await setConsentOverApi(ids[5], true);
  });
});

describe("the data version in memory never hides a write", () => {
  test("consent withdrawn through the app is visible on the very next request (profile, search, page)", async () => {
    const id = ids[0];
    // Warm every cache first.
    expect((await fetch(`${server.url}/beoordelaars/${id}`)).status).toBe(200);
    expect(await publicIds("&q=knooppunt")).toEqual([id]);
    expect(await (await fetch(`${server.url}/?q=knooppunt`)).text()).toContain("Knooppunt");

    await setConsentOverApi(id, false);
    expect((await fetch(`${server.url}/beoordelaars/${id}`)).status).toBe(404);
    expect((await fetch(`${server.url}/api/v1/assessors/${id}`)).status).toBe(404);
    expect(await publicIds("&q=knooppunt")).toEqual([]);
    expect(await (await fetch(`${server.url}/?q=knooppunt`)).text()).not.toContain("Knooppunt");

    await setConsentOverApi(id, true);
    expect((await fetch(`${server.url}/beoordelaars/${id}`)).status).toBe(200);
    expect(await publicIds("&q=knooppunt")).toEqual([id]);
  });

  test("searches in flight during a write never leave the old answer for the request after it", async () => {
    const id = ids[1];
    let visible = true;
    for (let round = 0; round < 6; round++) {
      const readers = Array.from({ length: 20 }, () => publicIds());
      const write = setConsentOverApi(id, !visible);
      await Promise.all([...readers, write]);
      visible = !visible;
      // The write was acknowledged: every request from now on sees it.
      const [a, b] = await Promise.all([publicIds(), publicIds()]);
      expect(a.includes(id), `round ${round}`).toBe(visible);
      expect(b.includes(id), `round ${round}`).toBe(visible);
    }
    if (!visible) await setConsentOverApi(id, true);
  });

  test("a write by another process (this test's own connection) is visible within 1 s", async () => {
    const id = ids[2];
    expect(await publicIds()).toContain(id);
    const actor = schoolActor(who.user, who.school);
    for (const value of [false, true]) {
      await setConsent(db, actor, id, value);
      const t0 = Date.now();
      let seen = false;
      while (Date.now() - t0 < 3000) {
        if ((await publicIds()).includes(id) === value) {
          seen = true;
          break;
        }
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(seen).toBe(true);
      // Re-checked at most every second; the polling and the request add a little.
      expect(Date.now() - t0).toBeLessThanOrEqual(1300);
    }
  });
});
