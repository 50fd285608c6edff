// The assessor's own access and Meld een fout through the real Node server (src/server.ts in a
// child process): the notice with a working link, the full data and nothing of others, consent
// withdrawn by the assessor (public at once, a school's re-consent 409), the JSON download equal
// to the school's AVG export, reports from the assessor and the public in the school's list, and
// the throttles under parallel requests.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bearer, createSchoolWithUser } from "../helpers/factories";
import { startNodeServerWithDb, type NodeServerWithDb } from "./node-server-with-db";
import { eventually, mailsTo, personalLink, registrationBody } from "./helpers";

describe("own access through the real Node server", () => {
  let server: NodeServerWithDb;
  let authA: string;
  let authB: string;
  let adminEmail: string;

  const api = (path: string, auth: string, init: RequestInit = {}) =>
    fetch(`${server.url}${path}`, {
      ...init,
      headers: { authorization: auth, "content-type": "application/json", ...init.headers },
    });
  const form = (path: string, fields: Record<string, string>) =>
    fetch(`${server.url}${path}`, {
      method: "POST",
      redirect: "manual",
      headers: { origin: server.url, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(fields).toString(),
    });

  async function register(tag: string) {
    const res = await api("/api/v1/school/assessors", authA, {
      method: "POST",
      body: JSON.stringify(registrationBody(tag)),
    });
    expect(res.status).toBe(201);
    const record = (await res.json()) as { id: string; email: string };
    const mail = await eventually(async () => (await mailsTo(server.db, record.email))[0]);
    return { ...record, mail, link: await linkFor(record.email, mail.body) };
  }

  /**
   * The personal link of the latest mail to `to`: from the outbox body, or, once a sender has
   * delivered it (and redacted the link there), from the console transport's print in the output.
   */
  async function linkFor(to: string, body: string): Promise<string> {
    if (/\/mijn-gegevens\/[A-Za-z0-9_-]{20,}/.test(body)) return personalLink(body);
    return eventually(async () => {
      const printed = server.output().split(`e-mail aan ${to}`).at(-1);
      return printed && /\/mijn-gegevens\/[A-Za-z0-9_-]{20,}/.test(printed)
        ? personalLink(printed)
        : undefined;
    });
  }

  beforeAll(async () => {
    server = await startNodeServerWithDb(async (db) => {
      const a = await createSchoolWithUser(db, "Techniek College Noord");
      const b = await createSchoolWithUser(db, "ROC Zuid");
      authA = await bearer(db, a.user.id, a.school.id);
      authB = await bearer(db, b.user.id, b.school.id);
      adminEmail = a.user.email;
    });
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
  });

  it("registering queues the notice whose link works, shows the full data and nothing of others", async () => {
    const me = await register("node1");
    const other = await register("node2");
    expect(me.mail.kind).toBe("assessor_registered");
    expect(me.link.startsWith(`${server.url}/mijn-gegevens/`)).toBe(true);
    const res = await fetch(me.link);
    expect(res.status).toBe(200);
    expect(res.headers.get("set-cookie")).toBeNull();
    const html = await res.text();
    for (const value of [
      me.email,
      "06-11112222",
      "Installatiebedrijf node1",
      "Techniek College Noord",
    ])
      expect(html).toContain(value);
    expect(html).not.toContain(other.email);
    expect(html).not.toContain("node2");
  });

  it("the JSON download equals the school's AVG export for that assessor", async () => {
    const me = await register("node3");
    const own = await (await fetch(`${me.link}/gegevens.json`)).json();
    const school = await (await api(`/api/v1/school/assessors/${me.id}/export`, authA)).json();
    const { exported_at: a, ...ownRest } = own as Record<string, unknown>;
    const { exported_at: b, ...schoolRest } = school as Record<string, unknown>;
    expect(typeof a).toBe("string");
    expect(typeof b).toBe("string");
    expect(ownRest).toEqual(schoolRest);
  });

  it("withdrawing consent removes the public profile at once; a school's re-consent is 409", async () => {
    const me = await register("node4");
    expect((await fetch(`${server.url}/api/v1/assessors/${me.id}`)).status).toBe(200);
    const search = async () =>
      ((await (await fetch(`${server.url}/api/v1/assessors?q=node4`)).json()) as { total: number })
        .total;
    expect(await search()).toBe(1);
    expect(
      (await form(`${new URL(me.link).pathname}/toestemming`, { consent: "nee" })).status,
    ).toBe(303);
    expect((await fetch(`${server.url}/api/v1/assessors/${me.id}`)).status).toBe(404);
    expect(await search()).toBe(0);
    expect((await fetch(`${server.url}/beoordelaars/${me.id}`)).status).toBe(404);
    const again = await api(`/api/v1/school/assessors/${me.id}/consent`, authA, {
      method: "POST",
      body: JSON.stringify({ public_consent: true }),
    });
    expect(again.status).toBe(409);
    const body = (await again.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("consent_withdrawn_by_assessor");
    expect(body.error.message).toContain("Alleen de beoordelaar");
    expect((await fetch(`${server.url}/api/v1/assessors/${me.id}`)).status).toBe(404);
  });

  it("Meld een fout from the assessor and from the public shows in the school's list", async () => {
    const me = await register("node5");
    const path = new URL(me.link).pathname;
    expect(
      (
        await form(`${path}/melding`, {
          message: "Mijn organisatie heet anders.",
          reply_to: me.email,
        })
      ).status,
    ).toBe(303);
    expect(
      (await form(`/beoordelaars/${me.id}/melding`, { message: "Werkt niet meer in Utrecht." }))
        .status,
    ).toBe(303);
    const open = (await (await api("/api/v1/school/reports?status=open", authA)).json()) as {
      id: string;
      assessor_id: string;
      source: string;
      message: string;
      status: string;
    }[];
    const mine = open.filter((r) => r.assessor_id === me.id);
    expect(mine.map((r) => [r.source, r.message]).sort()).toEqual([
      ["assessor", "Mijn organisatie heet anders."],
      ["public", "Werkt niet meer in Utrecht."],
    ]);
    expect(((await (await api("/api/v1/school/reports", authB)).json()) as unknown[]).length).toBe(
      0,
    );
    const mailed = await eventually(async () => {
      const mails = (await mailsTo(server.db, adminEmail)).filter(
        (m) => m.kind === "assessor_report",
      );
      return mails.length >= 2 ? mails : undefined;
    });
    expect(mailed.length).toBeGreaterThanOrEqual(2);
    const close = await api(`/api/v1/school/reports/${mine[0].id}/close`, authA, {
      method: "POST",
    });
    expect(close.status).toBe(200);
  });

  it("public reports: 5 per hour per IP, atomic under parallel requests", async () => {
    const me = await register("node6");
    const before = ((await (await api("/api/v1/school/reports", authA)).json()) as unknown[])
      .length;
    // Earlier tests used one of this IP's slots; fire enough that the limit must bite.
    const replies = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        form(`/beoordelaars/${me.id}/melding`, { message: `Parallelle melding ${i}` }),
      ),
    );
    const statuses = replies.map((r) => r.status);
    expect(statuses.filter((s) => s !== 303 && s !== 429)).toEqual([]);
    expect(statuses.filter((s) => s === 303).length).toBe(4);
    const limited = replies.find((r) => r.status === 429)!;
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await limited.text()).toContain("meldingen verstuurd");
    const after = ((await (await api("/api/v1/school/reports", authA)).json()) as unknown[]).length;
    expect(after - before).toBe(4);
  });

  it("/mijn-gegevens: the same answer for known and unknown addresses, the link arrives, per-IP limit", async () => {
    const me = await register("node7");
    const known = await form("/mijn-gegevens", { email: me.email });
    const unknown = await form("/mijn-gegevens", { email: "onbekend-node7@voorbeeld.nl" });
    expect([known.status, unknown.status]).toEqual([303, 303]);
    expect(known.headers.get("location")).toBe(unknown.headers.get("location"));
    expect(await known.text()).toBe(await unknown.text());
    const link = await eventually(async () => {
      const mail = (await mailsTo(server.db, me.email)).find((m) => m.kind === "assessor_link");
      return mail ? linkFor(me.email, mail.body) : undefined;
    });
    expect((await fetch(link)).status).toBe(200);
    expect(await mailsTo(server.db, "onbekend-node7@voorbeeld.nl")).toEqual([]);
    // 20 per hour per IP; 2 used above.
    const replies = await Promise.all(
      Array.from({ length: 22 }, (_, i) => form("/mijn-gegevens", { email: `x${i}@voorbeeld.nl` })),
    );
    expect(replies.filter((r) => r.status === 303).length).toBe(18);
    expect(replies.filter((r) => r.status === 429).length).toBe(4);
  });
});
