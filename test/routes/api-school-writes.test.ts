// School API writes: Idempotency-Key, optimistic locking on PATCH, audit rows, consent events,
// linking, AVG export and erasure.
import { and, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { assessors, auditLog, consentEvents, examinations, idempotencyKeys } from "#db/schema";
import { CONSENT_TEXT_VERSION } from "#src/rules/consent";
import { createTestApp, type TestApp } from "../helpers/app";
import { bearer, createSchoolWithUser, createUser } from "../helpers/factories";
import { CREBO, DE_MEERN, UTRECHT, createTestAssessor } from "../helpers/assessors";

let t: TestApp;
let auth: string;
let school: { id: string; name: string };
let user: { id: string };

beforeEach(async () => {
  t = await createTestApp();
  ({ school, user } = await createSchoolWithUser(t.db, "ROC Test"));
  auth = await bearer(t.db, user.id, school.id);
});
afterEach(() => t.close());

function call(
  method: string,
  path: string,
  json?: unknown,
  headers: Record<string, string> = {},
  as = auth,
) {
  return t.app.request(path, {
    method,
    headers: {
      Authorization: as,
      ...(json === undefined ? {} : { "Content-Type": "application/json" }),
      ...headers,
    },
    body: json === undefined ? undefined : JSON.stringify(json),
  });
}

const newAssessor = (email = "idem@voorbeeld.nl") => ({
  first_name: "Idem",
  last_name: "Potent",
  email,
  places: [UTRECHT],
  crebos: [CREBO],
  initial_training: {
    date: "2025-01-01",
    provider: "X",
    components: ["exam_process", "assessing", "final_interview"],
  },
  public_consent: false,
});

async function auditRows(entityId: string) {
  return t.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entity, "assessor"), eq(auditLog.entityId, entityId)));
}

describe("Idempotency-Key", () => {
  it("replays the first response for the same key and body, and writes once", async () => {
    const headers = { "Idempotency-Key": "key-123" };
    const first = await call("POST", "/api/v1/school/assessors", newAssessor(), headers);
    expect(first.status).toBe(201);
    const firstBody = await first.json();
    const again = await call("POST", "/api/v1/school/assessors", newAssessor(), headers);
    expect(again.status).toBe(201);
    expect(await again.json()).toEqual(firstBody);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(await t.db.select().from(assessors)).toHaveLength(1);
  });

  it("422 idempotency_mismatch for the same key with another body", async () => {
    await call("POST", "/api/v1/school/assessors", newAssessor(), { "Idempotency-Key": "k1" });
    const res = await call("POST", "/api/v1/school/assessors", newAssessor("ander@voorbeeld.nl"), {
      "Idempotency-Key": "k1",
    });
    expect(res.status).toBe(422);
    expect((await res.json()).error.code).toBe("idempotency_mismatch");
  });

  it("replays an error response too (same key, same body)", async () => {
    const bad = { ...newAssessor(), email: "x@" };
    const first = await call("POST", "/api/v1/school/assessors", bad, { "Idempotency-Key": "bad" });
    expect(first.status).toBe(422);
    const second = await call("POST", "/api/v1/school/assessors", bad, {
      "Idempotency-Key": "bad",
    });
    expect(second.status).toBe(422);
    expect(await second.json()).toEqual(await first.json());
  });

  it("keys are scoped per school", async () => {
    const other = await createSchoolWithUser(t.db);
    const otherAuth = await bearer(t.db, other.user.id, other.school.id);
    const a = await call("POST", "/api/v1/school/assessors", newAssessor("a@voorbeeld.nl"), {
      "Idempotency-Key": "shared",
    });
    const b = await call(
      "POST",
      "/api/v1/school/assessors",
      newAssessor("b@voorbeeld.nl"),
      { "Idempotency-Key": "shared" },
      otherAuth,
    );
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect((await a.json()).id).not.toBe((await b.json()).id);
  });

  it("works for logging: the same examination posted twice is stored once", async () => {
    const { id } = await createTestAssessor(t.db, { school, user });
    const body = { date: "2026-06-01", crebo: CREBO, notes: "" };
    const a = await call("POST", `/api/v1/school/assessors/${id}/examinations`, body, {
      "Idempotency-Key": "exam-1",
    });
    const b = await call("POST", `/api/v1/school/assessors/${id}/examinations`, body, {
      "Idempotency-Key": "exam-1",
    });
    expect((await a.json()).id).toBe((await b.json()).id);
    expect(
      await t.db.select().from(examinations).where(eq(examinations.assessorId, id)),
    ).toHaveLength(1);
  });

  it("keys are kept at least 24 hours, and the retention job purges them after 48", async () => {
    await call("POST", "/api/v1/school/assessors", newAssessor(), { "Idempotency-Key": "old" });
    const { eraseExpiredDeregistrations } = await import("#src/jobs/retention");
    await eraseExpiredDeregistrations(t.db, t.config, "2026-06-16");
    expect(await t.db.select().from(idempotencyKeys)).toHaveLength(1);
    await eraseExpiredDeregistrations(t.db, t.config, "2026-06-18");
    expect(await t.db.select().from(idempotencyKeys)).toHaveLength(0);
  });
});

describe("PATCH with version", () => {
  it("200 with the new version; a stale version → 409 with what changed", async () => {
    const { id } = await createTestAssessor(t.db, { school, user }, { organisation: "Oud" });
    const ok = await call("PATCH", `/api/v1/school/assessors/${id}`, {
      version: 1,
      organisation: "Nieuw",
      places: [UTRECHT, DE_MEERN],
    });
    expect(ok.status).toBe(200);
    const record = await ok.json();
    expect(record).toMatchObject({ version: 2, organisation: "Nieuw" });
    expect(record.places.map((p: { code: string }) => p.code).sort()).toEqual(
      [UTRECHT, DE_MEERN].sort(),
    );
    const stale = await call("PATCH", `/api/v1/school/assessors/${id}`, {
      version: 1,
      organisation: "Mijn versie",
    });
    expect(stale.status).toBe(409);
    const json = await stale.json();
    expect(json.error.code).toBe("version_conflict");
    expect(json.error.current_version).toBe(2);
    expect(json.error.changes.organisation).toEqual({ from: "Oud", to: "Nieuw" });
    const current = await (await call("GET", `/api/v1/school/assessors/${id}`)).json();
    expect(current.organisation).toBe("Nieuw");
  });

  it("422 for a bad patch, 409 duplicate for another assessor's email, rejects unknown fields", async () => {
    const { id } = await createTestAssessor(t.db, { school, user });
    const taken = await createTestAssessor(t.db, { school, user }, { email: "bezet@voorbeeld.nl" });
    expect(
      (await call("PATCH", `/api/v1/school/assessors/${id}`, { organisation: "x" })).status,
    ).toBe(422);
    expect(
      (await call("PATCH", `/api/v1/school/assessors/${id}`, { version: 1, email: "nope" })).status,
    ).toBe(422);
    expect(
      (
        await call("PATCH", `/api/v1/school/assessors/${id}`, {
          version: 1,
          valid_until: "2099-01-01",
        })
      ).status,
    ).toBe(422);
    const dup = await call("PATCH", `/api/v1/school/assessors/${id}`, {
      version: 1,
      email: "BEZET@voorbeeld.nl",
    });
    expect(dup.status).toBe(409);
    expect((await dup.json()).error).toMatchObject({ code: "duplicate", existing_id: taken.id });
  });

  it("moving the training date after a logged examination is refused", async () => {
    const { id } = await createTestAssessor(
      t.db,
      { school, user },
      { examinationDates: ["2024-05-01"] },
    );
    const res = await call("PATCH", `/api/v1/school/assessors/${id}`, {
      version: 1,
      initial_training: {
        date: "2024-06-01",
        provider: "X",
        components: ["exam_process", "assessing", "final_interview"],
      },
    });
    expect(res.status).toBe(422);
    expect((await res.json()).error.fields["initial_training.date"]).toMatch(/vóór deze datum/);
  });
});

describe("audit log", () => {
  it("every write appends a row with actor, school, action and before/after", async () => {
    const created = await (await call("POST", "/api/v1/school/assessors", newAssessor())).json();
    const id = created.id;
    await call("PATCH", `/api/v1/school/assessors/${id}`, { version: 1, organisation: "Nieuw BV" });
    const exam = await (
      await call("POST", `/api/v1/school/assessors/${id}/examinations`, {
        date: "2026-06-01",
        crebo: CREBO,
      })
    ).json();
    await call("DELETE", `/api/v1/school/assessors/${id}/examinations/${exam.id}`);
    const refresher = await (
      await call("POST", `/api/v1/school/assessors/${id}/refresher-trainings`, {
        date: "2026-06-02",
        kind: "terugkomdag",
      })
    ).json();
    await call("DELETE", `/api/v1/school/assessors/${id}/refresher-trainings/${refresher.id}`);
    await call("POST", `/api/v1/school/assessors/${id}/consent`, { public_consent: true });
    await call("POST", `/api/v1/school/assessors/${id}/deregistration`, {
      date: "2026-06-10",
      reason: "Gestopt",
    });
    await call("DELETE", `/api/v1/school/assessors/${id}/deregistration`);
    const rows = await auditRows(id);
    expect(rows.map((r) => r.action)).toEqual([
      "create",
      "update",
      "examination.create",
      "examination.delete",
      "refresher_training.create",
      "refresher_training.delete",
      "consent.give",
      "deregister",
      "deregister.undo",
    ]);
    for (const r of rows) {
      expect(r.actorUserId).toBe(user.id);
      expect(r.schoolId).toBe(school.id);
      expect(r.at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    }
    const update = JSON.parse(rows[1].changes);
    expect(update.organisation).toEqual({ from: "", to: "Nieuw BV" });
    expect(update.version).toEqual({ from: 1, to: 2 });
    const deleted = JSON.parse(rows[3].changes);
    expect(deleted.examination.from).toMatchObject({
      id: exam.id,
      date: "2026-06-01",
      crebo: CREBO,
    });
    expect(deleted.examination.to).toBeNull();
    expect(rows.every((r) => r.requestId)).toBe(true);
  });
});

describe("consent", () => {
  it("stores events with the text version; withdrawal removes the public profile at once", async () => {
    const { id } = await createTestAssessor(t.db, { school, user }, { publicConsent: true });
    expect((await t.app.request(`/api/v1/assessors/${id}`)).status).toBe(200);
    const res = await call("POST", `/api/v1/school/assessors/${id}/consent`, {
      public_consent: false,
    });
    expect(res.status).toBe(200);
    expect((await res.json()).public_consent).toBe(false);
    expect((await t.app.request(`/api/v1/assessors/${id}`)).status).toBe(404);
    const search = await (await t.app.request(`/api/v1/assessors?q=Beoordelaar`)).json();
    expect(search.items.map((i: { id: string }) => i.id)).not.toContain(id);
    const events = await t.db.select().from(consentEvents).where(eq(consentEvents.assessorId, id));
    expect(events.map((e) => e.given)).toEqual([true, false]);
    expect(events[1]).toMatchObject({
      textVersion: CONSENT_TEXT_VERSION,
      schoolId: school.id,
      userId: user.id,
    });
    expect(events[1].at).toMatch(/^\d{4}-/);
    expect(
      (await call("POST", `/api/v1/school/assessors/${id}/consent`, { public_consent: "nee" }))
        .status,
    ).toBe(422);
  });
});

describe("linking", () => {
  it("any school can link an existing assessor; repeating is harmless (200)", async () => {
    const { id } = await createTestAssessor(t.db, { school, user });
    const other = await createSchoolWithUser(t.db, "Tweede School");
    const otherAuth = await bearer(t.db, other.user.id, other.school.id);
    const before = await (
      await call("GET", `/api/v1/school/assessors/${id}`, undefined, {}, otherAuth)
    ).json();
    expect(before.linked).toBe(false);
    for (let i = 0; i < 2; i++) {
      const res = await call(
        "POST",
        `/api/v1/school/assessors/${id}/link`,
        undefined,
        {},
        otherAuth,
      );
      expect(res.status).toBe(200);
      const record = await res.json();
      expect(record.linked).toBe(true);
      expect(record.schools.map((s: { name: string }) => s.name).sort()).toEqual([
        "ROC Test",
        "Tweede School",
      ]);
    }
    expect((await auditRows(id)).filter((r) => r.action === "link")).toHaveLength(1);
    // the public profile lists both schools
    const pub = await (await t.app.request(`/api/v1/assessors/${id}`)).json();
    expect(pub.schools).toHaveLength(2);
    // and the linked school may now log
    expect(
      (
        await call(
          "POST",
          `/api/v1/school/assessors/${id}/examinations`,
          { date: "2026-06-01", crebo: CREBO },
          {},
          otherAuth,
        )
      ).status,
    ).toBe(201);
  });
});

describe("AVG export and erasure", () => {
  it("exports everything stored about one assessor", async () => {
    const { id } = await createTestAssessor(
      t.db,
      { school, user },
      { examinationDates: ["2025-03-01"], refresherDates: ["2025-04-01"] },
    );
    const res = await call("GET", `/api/v1/school/assessors/${id}/export`);
    expect(res.status).toBe(200);
    const data = await res.json();
    expect(data.assessor).toMatchObject({
      id,
      email: expect.stringContaining("@"),
      phone: "06-12345678",
    });
    expect(data.assessor.examinations).toHaveLength(1);
    expect(data.assessor.refresher_trainings).toHaveLength(1);
    expect(data.consent_events).toHaveLength(1);
    expect(data.audit_log.map((a: { action: string }) => a.action)).toEqual([
      "create",
      "examination.create",
      "refresher_training.create",
    ]);
  });

  it("erasure by the registering school removes personal fields and keeps counts", async () => {
    const { id } = await createTestAssessor(
      t.db,
      { school, user },
      { examinationDates: ["2025-03-01", "2025-09-01"], refresherDates: ["2025-04-01"] },
    );
    const res = await call("POST", `/api/v1/school/assessors/${id}/erasure`);
    expect(res.status).toBe(200);
    const record = await res.json();
    expect(record).toMatchObject({
      name: "Verwijderd",
      email: null,
      phone: "",
      organisation: "",
      public_consent: false,
      places: [],
    });
    expect(record.erased_at).toEqual(expect.any(String));
    expect(record.examinations).toHaveLength(2);
    expect(record.refresher_trainings).toHaveLength(1);
    const [row] = await t.db.select().from(assessors).where(eq(assessors.id, id));
    expect(row).toMatchObject({ emailNorm: null, publicEligible: false, lastName: "Verwijderd" });
    expect((await t.app.request(`/api/v1/assessors/${id}`)).status).toBe(404);
    // no longer changeable; audit names the fields, never the old values
    expect(
      (
        await call("POST", `/api/v1/school/assessors/${id}/examinations`, {
          date: "2026-06-01",
          crebo: CREBO,
        })
      ).status,
    ).toBe(403);
    // nothing personal comes back through the export or the profile page (the audit log is append-only)
    const exported = JSON.stringify(
      await (await call("GET", `/api/v1/school/assessors/${id}/export`)).json(),
    );
    expect(exported).not.toContain("@voorbeeld.nl");
    expect(exported).not.toContain("06-12345678");
    expect(exported).not.toContain("Installatiebedrijf Test");
    const cookie = await (await import("../helpers/factories")).sessionCookie(t.db, user.id);
    const page = await (
      await t.app.request(`/school/beoordelaars/${id}`, { headers: { Cookie: cookie } })
    ).text();
    expect(page).not.toContain("@voorbeeld.nl");
    expect(page).toContain("[gewist]");
    const erase = (await auditRows(id)).find((r) => r.action === "erase")!;
    expect(erase.changes).not.toContain("@voorbeeld.nl");
    expect(JSON.parse(erase.changes).erased.to).toContain("email");
  });

  it("the admin may erase; the email can then be registered again", async () => {
    const { id, input } = await createTestAssessor(t.db, { school, user });
    const admin = await createUser(t.db, { role: "admin" });
    const adminAuth = await bearer(t.db, admin.id, null);
    expect(
      (await call("POST", `/api/v1/school/assessors/${id}/erasure`, undefined, {}, adminAuth))
        .status,
    ).toBe(200);
    const again = await call("POST", "/api/v1/school/assessors", { ...newAssessor(input.email) });
    expect(again.status).toBe(201);
  });
});
