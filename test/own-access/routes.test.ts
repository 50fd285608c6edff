// The assessor's own access and Meld een fout through createApp (in process): notices, the
// personal page, consent precedence, reports API, the schools' public contact.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assessorAccessTokens, assessorReports, consentEvents, throttleEvents } from "#db/schema";
import { addressThrottleKey } from "#src/queries/own-access";
import { createTestApp, TEST_NOW, type TestApp } from "../helpers/app";
import { bearer, createSchoolWithUser, createUser, sessionCookie } from "../helpers/factories";
import { eventually, mailsTo, personalLink, registrationBody } from "./helpers";

const ORIGIN = "http://localhost:8787";

describe("own access and reports (in process)", () => {
  let t: TestApp;
  let authA: string;
  let authB: string;
  let staffAuth: string;
  let cookieA: string;
  let schoolA: { id: string; name: string };
  let adminA: { id: string; email: string };

  const api = (path: string, auth: string, init: RequestInit = {}) =>
    t.app.request(path, {
      ...init,
      headers: { authorization: auth, "content-type": "application/json", ...init.headers },
    });
  const form = (
    path: string,
    fields: Record<string, string>,
    headers: Record<string, string> = {},
  ) =>
    t.app.request(path, {
      method: "POST",
      headers: { origin: ORIGIN, "content-type": "application/x-www-form-urlencoded", ...headers },
      body: new URLSearchParams(fields).toString(),
    });

  async function register(tag: string, overrides: Record<string, unknown> = {}) {
    const res = await api("/api/v1/school/assessors", authA, {
      method: "POST",
      body: JSON.stringify(registrationBody(tag, overrides)),
    });
    expect(res.status).toBe(201);
    const record = (await res.json()) as { id: string; email: string };
    const [mail] = await mailsTo(t.db, record.email);
    return { id: record.id, email: record.email, link: new URL(personalLink(mail.body)).pathname };
  }

  beforeAll(async () => {
    t = await createTestApp();
    const a = await createSchoolWithUser(t.db, "Techniek College Noord");
    const b = await createSchoolWithUser(t.db, "ROC Zuid");
    schoolA = a.school;
    adminA = a.user;
    authA = await bearer(t.db, a.user.id, a.school.id);
    authB = await bearer(t.db, b.user.id, b.school.id);
    const staff = await createUser(t.db, { schoolId: a.school.id, role: "staff" });
    staffAuth = await bearer(t.db, staff.id, a.school.id);
    cookieA = await sessionCookie(t.db, a.user.id);
  });
  afterAll(() => t.close());

  it("mails the assessor on registration: who, what is stored, what is public, retention, link", async () => {
    const { email, link } = await register("reg1");
    const [mail] = await mailsTo(t.db, email);
    expect(mail.kind).toBe("assessor_registered");
    expect(mail.body).toContain("Techniek College Noord");
    expect(mail.body).toContain("06-11112222");
    expect(mail.body).toContain("openbare vermelding");
    expect(mail.body).toContain("na 2 jaar gewist");
    expect(link).toMatch(/^\/mijn-gegevens\/[A-Za-z0-9_-]{43}$/);
    // Only the hash of the token is stored.
    const rows = await t.db.select().from(assessorAccessTokens);
    expect(rows.some((r) => link.endsWith(r.tokenHash))).toBe(false);
  });

  it("shows everything stored, without a cookie, and nothing of another assessor", async () => {
    const me = await register("me1");
    const other = await register("other1");
    const res = await t.app.request(me.link);
    expect(res.status).toBe(200);
    expect(res.headers.get("set-cookie")).toBeNull();
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    const html = await res.text();
    for (const value of [me.email, "06-11112222", "Installatiebedrijf me1", "Vries me1", "Utrecht"])
      expect(html).toContain(value);
    expect(html).toContain("Techniek College Noord");
    expect(html).not.toContain(other.email);
    expect(html).not.toContain("Vries other1");
  });

  it("the JSON download equals the registering school's AVG export", async () => {
    const me = await register("json1");
    const own = await t.app.request(`${me.link}/gegevens.json`);
    expect(own.status).toBe(200);
    expect(own.headers.get("content-disposition")).toContain("attachment");
    const school = await api(`/api/v1/school/assessors/${me.id}/export`, authA);
    expect(await own.json()).toEqual(await school.json());
  });

  it("consent withdrawn by the assessor: gone from public at once, a school's re-consent → 409", async () => {
    const me = await register("consent1");
    expect((await t.app.request(`/api/v1/assessors/${me.id}`)).status).toBe(200);
    const withdraw = await form(`${me.link}/toestemming`, { consent: "nee" });
    expect(withdraw.status).toBe(303);
    expect((await t.app.request(`/api/v1/assessors/${me.id}`)).status).toBe(404);
    const events = await t.db
      .select()
      .from(consentEvents)
      .where(eq(consentEvents.assessorId, me.id));
    expect(events.at(-1)).toMatchObject({ given: false, source: "assessor", schoolId: null });

    const viaApi = await api(`/api/v1/school/assessors/${me.id}/consent`, authA, {
      method: "POST",
      body: JSON.stringify({ public_consent: true }),
    });
    expect(viaApi.status).toBe(409);
    expect(((await viaApi.json()) as { error: { code: string } }).error.code).toBe(
      "consent_withdrawn_by_assessor",
    );
    const record = (await (await api(`/api/v1/school/assessors/${me.id}`, authA)).json()) as {
      version: number;
    };
    const viaPatch = await api(`/api/v1/school/assessors/${me.id}`, authA, {
      method: "PATCH",
      body: JSON.stringify({ version: record.version, public_consent: true }),
    });
    expect(viaPatch.status).toBe(409);
    const viaPage = await form(
      `/school/beoordelaars/${me.id}/toestemming`,
      { consent: "ja" },
      { cookie: cookieA },
    );
    expect(viaPage.status).toBe(409);
    expect(await viaPage.text()).toContain(
      "Alleen de beoordelaar kan die toestemming opnieuw geven",
    );
    expect((await t.app.request(`/api/v1/assessors/${me.id}`)).status).toBe(404);

    // The assessor gives it again; then the school may change it as before.
    expect((await form(`${me.link}/toestemming`, { consent: "ja" })).status).toBe(303);
    expect((await t.app.request(`/api/v1/assessors/${me.id}`)).status).toBe(200);
    const schoolWithdraws = await api(`/api/v1/school/assessors/${me.id}/consent`, authA, {
      method: "POST",
      body: JSON.stringify({ public_consent: false }),
    });
    expect(schoolWithdraws.status).toBe(200);
    const schoolGives = await api(`/api/v1/school/assessors/${me.id}/consent`, authA, {
      method: "POST",
      body: JSON.stringify({ public_consent: true }),
    });
    expect(schoolGives.status).toBe(200);
  });

  it("the assessor's withdrawal racing schools' consent: the withdrawal is never overruled", async () => {
    for (let round = 0; round < 3; round++) {
      const me = await register(`race${round}`);
      // The school withdraws first, so its later "give" calls are real changes that race.
      await api(`/api/v1/school/assessors/${me.id}/consent`, authA, {
        method: "POST",
        body: JSON.stringify({ public_consent: false }),
      });
      await form(`${me.link}/toestemming`, { consent: "ja" });
      const gives = Array.from({ length: 4 }, () =>
        api(`/api/v1/school/assessors/${me.id}/consent`, authA, {
          method: "POST",
          body: JSON.stringify({ public_consent: true }),
        }),
      );
      const [withdraw, ...replies] = await Promise.all([
        form(`${me.link}/toestemming`, { consent: "nee" }),
        ...gives,
      ]);
      expect(withdraw.status).toBe(303);
      expect(replies.map((r) => r.status).every((s) => s === 200 || s === 409)).toBe(true);
      const events = await t.db
        .select()
        .from(consentEvents)
        .where(eq(consentEvents.assessorId, me.id));
      const last = events.at(-1)!;
      expect(last).toMatchObject({ given: false, source: "assessor" });
      expect((await t.app.request(`/api/v1/assessors/${me.id}`)).status).toBe(404);
    }
  });

  it("Meld een fout from the assessor and from the public lands in the registering school's list", async () => {
    const me = await register("report1");
    expect(
      (
        await form(`${me.link}/melding`, {
          message: "Mijn telefoonnummer is veranderd.",
          reply_to: me.email,
        })
      ).status,
    ).toBe(303);
    const pub = await form(`/beoordelaars/${me.id}/melding`, {
      message: "Deze persoon werkt niet meer in Utrecht.",
      reply_to: "",
    });
    expect(pub.status).toBe(303);
    expect(pub.headers.get("location")).toBe(`/beoordelaars/${me.id}?melding=verstuurd#melding`);
    const list = (await (await api("/api/v1/school/reports?status=open", authA)).json()) as {
      assessor_id: string;
      source: string;
      message: string;
      reply_to: string | null;
    }[];
    const mine = list.filter((r) => r.assessor_id === me.id);
    expect(mine.map((r) => r.source).sort()).toEqual(["assessor", "public"]);
    expect(Object.keys(list[0]).sort()).toEqual(
      ["assessor_id", "created_at", "id", "message", "reply_to", "source", "status"].sort(),
    );
    expect(((await (await api("/api/v1/school/reports", authB)).json()) as unknown[]).length).toBe(
      0,
    );
    // The school's admins get a mail.
    expect((await mailsTo(t.db, adminA.email)).some((m) => m.kind === "assessor_report")).toBe(
      true,
    );
    // Close: 200, then in the closed list with who handled it; another school → 404.
    const id = (mine[0] as unknown as { id: string }).id;
    expect(
      (await api(`/api/v1/school/reports/${id}/close`, authB, { method: "POST" })).status,
    ).toBe(404);
    const closed = await api(`/api/v1/school/reports/${id}/close`, authA, { method: "POST" });
    expect(closed.status).toBe(200);
    expect(((await closed.json()) as { status: string }).status).toBe("closed");
    const closedList = (await (
      await api("/api/v1/school/reports?status=closed", authA)
    ).json()) as {
      id: string;
    }[];
    expect(closedList.map((r) => r.id)).toContain(id);
    expect((await api("/api/v1/school/reports?status=x", authA)).status).toBe(422);
    const page = await t.app.request("/school/meldingen?status=afgehandeld", {
      headers: { cookie: cookieA },
    });
    expect(await page.text()).toContain("Test Gebruiker");
  });

  it("a public report is checked and reveals nothing beyond the public profile", async () => {
    const me = await register("report2");
    const bad = await form(`/beoordelaars/${me.id}/melding`, {
      message: "",
      reply_to: "geen-adres",
    });
    expect(bad.status).toBe(422);
    const html = await bad.text();
    expect(html).toContain("Beschrijf wat er niet klopt");
    expect(html).toContain("Vul een geldig e-mailadres in");
    const viaJson = await t.app.request(`/beoordelaars/${me.id}/melding`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ message: "Organisatie klopt niet." }),
    });
    expect(viaJson.status).toBe(201);
    expect(await viaJson.json()).toEqual({ status: "received" });
    const badJson = await t.app.request(`/beoordelaars/${me.id}/melding`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ message: "" }),
    });
    expect(badJson.status).toBe(422);
    expect(((await badJson.json()) as { error: { fields: object } }).error.fields).toHaveProperty(
      "message",
    );
    const done = await t.app.request(`/beoordelaars/${me.id}?melding=verstuurd`);
    const text = await done.text();
    expect(text).toContain("Uw melding is doorgestuurd");
    expect(text).not.toContain(me.email);
    expect(text).not.toContain("06-11112222");
  });

  it("links another school and changes the e-mail: notices, old links stop working", async () => {
    const me = await register("link1");
    expect(
      (await api(`/api/v1/school/assessors/${me.id}/link`, authB, { method: "POST" })).status,
    ).toBe(200);
    const linked = (await mailsTo(t.db, me.email)).find((m) => m.kind === "assessor_linked");
    expect(linked?.body).toContain("ROC Zuid");
    const record = (await (await api(`/api/v1/school/assessors/${me.id}`, authA)).json()) as {
      version: number;
    };
    const newEmail = "nieuw-link1@voorbeeld.nl";
    const patch = await api(`/api/v1/school/assessors/${me.id}`, authA, {
      method: "PATCH",
      body: JSON.stringify({ version: record.version, email: newEmail }),
    });
    expect(patch.status).toBe(200);
    const [fresh] = await mailsTo(t.db, newEmail);
    expect(fresh.kind).toBe("assessor_email_changed");
    const old = (await mailsTo(t.db, me.email)).find(
      (m) => m.kind === "assessor_email_changed_old",
    );
    expect(old?.body).not.toContain(newEmail);
    expect(old?.body).not.toContain("/mijn-gegevens/");
    const oldLink = await t.app.request(me.link);
    expect(oldLink.status).toBe(410);
    expect(await oldLink.text()).toContain("Nieuwe link aanvragen");
    expect((await t.app.request(new URL(personalLink(fresh.body)).pathname)).status).toBe(200);
  });

  it("an expired link offers a new one; tampered and erased links are 404", async () => {
    const me = await register("exp1");
    const later = await createTestApp({
      db: t.db,
      now: () => new Date(TEST_NOW.getTime() + 31 * 86_400_000),
    });
    const expired = await later.app.request(me.link);
    expect(expired.status).toBe(410);
    expect(await expired.text()).toContain("Stuur mij een link");
    const tampered = await t.app.request(`${me.link.slice(0, -2)}xy`);
    expect(tampered.status).toBe(404);
    const gone = await register("erase1");
    expect(
      (await api(`/api/v1/school/assessors/${gone.id}/erasure`, authA, { method: "POST" })).status,
    ).toBe(200);
    const erased = await t.app.request(gone.link);
    expect(erased.status).toBe(404);
    const withoutRequestId = (html: string) => html.replace(/Kenmerk: [0-9a-f-]+/, "");
    expect(withoutRequestId(await erased.text())).toBe(withoutRequestId(await tampered.text()));
  });

  it("erasure clears tokens, report texts, mails and throttle rows of the assessor", async () => {
    const me = await register("erase2");
    await form("/mijn-gegevens", { email: me.email });
    const key = await addressThrottleKey(me.email);
    const throttled = () => t.db.select().from(throttleEvents).where(eq(throttleEvents.key, key));
    await eventually(async () => ((await throttled()).length ? true : undefined));
    await form(`${me.link}/melding`, {
      message: "Naam verkeerd gespeld: erase2.",
      reply_to: me.email,
    });
    expect(
      (await api(`/api/v1/school/assessors/${me.id}/erasure`, authA, { method: "POST" })).status,
    ).toBe(200);
    expect(
      await t.db
        .select()
        .from(assessorAccessTokens)
        .where(eq(assessorAccessTokens.assessorId, me.id)),
    ).toEqual([]);
    const reports = await t.db
      .select()
      .from(assessorReports)
      .where(eq(assessorReports.assessorId, me.id));
    expect(reports.length).toBe(1);
    expect(reports[0]).toMatchObject({ message: "", replyTo: null });
    expect(await mailsTo(t.db, me.email)).toEqual([]);
    expect(await throttled()).toEqual([]);
    const dump = JSON.stringify(await t.db.all(`SELECT * FROM outbox`));
    expect(dump).not.toContain("erase2");
  });

  it("/mijn-gegevens answers the same for a known and an unknown address", async () => {
    const me = await register("ask1");
    const known = await form("/mijn-gegevens", { email: me.email.toUpperCase() });
    const unknown = await form("/mijn-gegevens", { email: "niemand@voorbeeld.nl" });
    expect(known.status).toBe(303);
    expect(unknown.status).toBe(303);
    expect(known.headers.get("location")).toBe(unknown.headers.get("location"));
    const page = await t.app.request(known.headers.get("location")!);
    expect(await page.text()).toContain("Als dit adres bij ons bekend is, ontvangt u een link");
    const bad = await form("/mijn-gegevens", { email: "geen adres" });
    expect(bad.status).toBe(422);
  });

  it("a new link: at most 3 per hour per address, in parallel too, with the same answer", async () => {
    const me = await register("ask2");
    const replies = await Promise.all(
      Array.from({ length: 6 }, () => form("/mijn-gegevens", { email: me.email })),
    );
    expect(new Set(replies.map((r) => `${r.status} ${r.headers.get("location")}`)).size).toBe(1);
    const key = await addressThrottleKey(me.email);
    await eventually(async () => {
      const rows = await t.db.select().from(throttleEvents).where(eq(throttleEvents.key, key));
      return rows.length === 3 ? true : undefined;
    });
    // Let any late background work finish before counting the mails.
    await new Promise((r) => setTimeout(r, 300));
    const links = (await mailsTo(t.db, me.email)).filter((m) => m.kind === "assessor_link");
    expect(links.length).toBe(3);
  });

  it("the school's public contact: PATCH by a school admin, GET /api/v1/schools and /scholen/{id}", async () => {
    const patch = await api("/api/v1/school/profile", authA, {
      method: "PATCH",
      body: JSON.stringify({
        website: "www.techniekcollege.nl/examens",
        contact_email: "examenbureau@techniekcollege.nl",
        contact_phone: "050-1234567",
      }),
    });
    expect(patch.status).toBe(200);
    expect(await patch.json()).toEqual({
      website: "https://www.techniekcollege.nl/examens",
      contact_email: "examenbureau@techniekcollege.nl",
      contact_phone: "050-1234567",
    });
    const staff = await api("/api/v1/school/profile", staffAuth, {
      method: "PATCH",
      body: JSON.stringify({ contact_phone: "050-7654321" }),
    });
    expect(staff.status).toBe(403);
    expect((await api("/api/v1/school/profile", staffAuth)).status).toBe(200);
    const personal = await api("/api/v1/school/profile", authA, {
      method: "PATCH",
      body: JSON.stringify({ contact_email: adminA.email }),
    });
    expect(personal.status).toBe(422);
    const bad = await api("/api/v1/school/profile", authA, {
      method: "PATCH",
      body: JSON.stringify({ website: "javascript:alert(1)", extra: 1 }),
    });
    expect(bad.status).toBe(422);
    const fields = ((await bad.json()) as { error: { fields: Record<string, string> } }).error
      .fields;
    expect(Object.keys(fields).sort()).toEqual(["extra", "website"]);

    const list = (await (await t.app.request("/api/v1/schools")).json()) as Record<
      string,
      unknown
    >[];
    const mine = list.find((s) => s.id === schoolA.id)!;
    expect(Object.keys(mine).sort()).toEqual(
      ["assessors", "contact_email", "contact_phone", "id", "name", "place", "website"].sort(),
    );
    expect(mine.contact_email).toBe("examenbureau@techniekcollege.nl");
    expect(mine.assessors).toBeGreaterThan(0);
    const one = await t.app.request(`/api/v1/schools/${schoolA.id}`);
    expect(await one.json()).toEqual(mine);
    expect((await t.app.request("/api/v1/schools/onbekend")).status).toBe(404);

    const page = await (await t.app.request(`/scholen/${schoolA.id}`)).text();
    expect(page).toContain("examenbureau@techniekcollege.nl");
    expect(page).toContain("Vries reg1");
    const me = await register("profile1");
    const profile = await (await t.app.request(`/beoordelaars/${me.id}`)).text();
    expect(profile).toContain(`href="/scholen/${schoolA.id}"`);
    expect(profile).toContain("050-1234567");
    expect(profile).toContain("Meld een fout");
  });
});
