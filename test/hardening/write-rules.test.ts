// Issue 12, item 8: linking is free, but a linked school only logs examinations and bijscholing;
// personal and contact fields, places, crebos, consent and afmelding belong to the registering
// school and the admin (403 for others). Bulk contact exports are written to the audit log.
// The full role × endpoint matrix is in test/routes/school-authz.test.ts.
import { and, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { assessors, auditLog, consentEvents } from "#db/schema";
import { parseCsvRecords } from "#src/lib/csv";
import { mayWrite, type AssessorWrite, type WriterRelation } from "#src/rules";
import { createTestApp, type TestApp } from "../helpers/app";
import { linkAssessor } from "#src/queries/assessors";
import { bearer, createSchoolWithUser, createUser, sessionCookie } from "../helpers/factories";
import { CREBO, createTestAssessor, schoolActor } from "../helpers/assessors";

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

const API = "/api/v1/school/assessors";

function call(method: string, path: string, auth: string, json?: unknown) {
  return t.app.request(path, {
    method,
    headers: { Authorization: auth, ...(json ? { "Content-Type": "application/json" } : {}) },
    body: json ? JSON.stringify(json) : undefined,
  });
}

describe("item 8: write rules per DESIGN §3", () => {
  const table: [AssessorWrite, WriterRelation[]][] = [
    ["log", ["registering_school", "linked_school"]],
    ["edit_personal", ["registering_school", "admin"]],
    ["consent", ["registering_school", "admin", "assessor"]],
    ["deregister", ["registering_school", "admin"]],
    ["undo_deregistration", ["registering_school", "admin"]],
    ["erase", ["registering_school", "admin"]],
    ["link", ["registering_school", "linked_school", "other_school"]],
  ];
  const relations: WriterRelation[] = [
    "admin",
    "registering_school",
    "linked_school",
    "other_school",
    "assessor",
  ];
  test.each(table)("the rule: %s is allowed to exactly %j", (write, allowed) => {
    for (const relation of relations) {
      const verdict = mayWrite(relation, write, { erased: false });
      expect(verdict.ok, `${relation} ${write}`).toBe(allowed.includes(relation));
      if (!verdict.ok) expect(verdict.message).toMatch(/\S/);
    }
    // After erasure nothing but the (idempotent) erasure itself.
    for (const relation of relations)
      expect(mayWrite(relation, write, { erased: true }).ok).toBe(
        write === "erase" && allowed.includes(relation),
      );
  });

  test("a school that links an assessor can log, but not change e-mail, consent or afmelding", async () => {
    const registering = await createSchoolWithUser(t.db);
    const { id, input } = await createTestAssessor(t.db, registering, { publicConsent: true });
    const stranger = await createSchoolWithUser(t.db);
    const auth = await bearer(t.db, stranger.user.id, stranger.school.id);
    expect((await call("POST", `${API}/${id}/link`, auth)).status).toBe(200);
    const record = await (await call("GET", `${API}/${id}`, auth)).json();
    expect(record.linked).toBe(true);

    const email = await call("PATCH", `${API}/${id}`, auth, {
      version: record.version,
      email: "kaper@voorbeeld.test",
    });
    expect(email.status).toBe(403);
    expect((await email.json()).error.message).toContain("registreerde");
    const consent = await call("POST", `${API}/${id}/consent`, auth, { public_consent: false });
    expect(consent.status).toBe(403);
    const dereg = await call("POST", `${API}/${id}/deregistration`, auth, {
      date: "2026-06-01",
      reason: "",
    });
    expect(dereg.status).toBe(403);
    const [row] = await t.db.select().from(assessors).where(eq(assessors.id, id));
    expect(row).toMatchObject({ email: input.email, publicConsent: true, deregisteredOn: null });

    const exam = await call("POST", `${API}/${id}/examinations`, auth, {
      date: "2026-06-01",
      crebo: CREBO,
    });
    expect(exam.status).toBe(201);
    const refresher = await call("POST", `${API}/${id}/refresher-trainings`, auth, {
      date: "2026-06-01",
      kind: "terugkomdag",
    });
    expect(refresher.status).toBe(201);
  });

  test("the register admin changes consent and contact data; the consent event carries no school", async () => {
    const registering = await createSchoolWithUser(t.db);
    const { id } = await createTestAssessor(t.db, registering, { publicConsent: true });
    const admin = await createUser(t.db, { role: "admin", schoolId: null });
    const auth = await bearer(t.db, admin.id, null);
    const consent = await call("POST", `${API}/${id}/consent`, auth, { public_consent: false });
    expect(consent.status).toBe(200);
    const events = await t.db.select().from(consentEvents).where(eq(consentEvents.assessorId, id));
    expect(events.at(-1)).toMatchObject({ given: false, schoolId: null, userId: admin.id });
    const record = await consent.json();
    const patch = await call("PATCH", `${API}/${id}`, auth, {
      version: record.version,
      phone: "06-11112222",
    });
    expect(patch.status).toBe(200);
    // But an admin logs no examinations (that is the schools' work).
    const exam = await call("POST", `${API}/${id}/examinations`, auth, {
      date: "2026-06-01",
      crebo: CREBO,
    });
    expect(exam.status).toBe(403);
  });

  test("the profile page of a linked school offers logging, not the edit, consent or afmelding forms", async () => {
    const registering = await createSchoolWithUser(t.db);
    const { id } = await createTestAssessor(t.db, registering);
    const linked = await createSchoolWithUser(t.db);
    await linkAssessor(t.db, schoolActor(linked.user, linked.school), id);
    const html = await (
      await t.app.request(`/school/beoordelaars/${id}`, {
        headers: { Cookie: await sessionCookie(t.db, linked.user.id) },
      })
    ).text();
    expect(html).toContain("Activiteit registreren");
    expect(html).not.toContain(`/school/beoordelaars/${id}/bewerken`);
    expect(html).not.toContain(`/school/beoordelaars/${id}/toestemming`);
    expect(html).not.toContain(`/school/beoordelaars/${id}/afmelding`);
    expect(html).toContain("beheert de school die de");
  });

  test("bulk contact exports (linked=false) are written to the audit log with the row count", async () => {
    const a = await createSchoolWithUser(t.db);
    const b = await createSchoolWithUser(t.db);
    for (let i = 0; i < 3; i++) await createTestAssessor(t.db, a);
    await createTestAssessor(t.db, b);
    const auth = await bearer(t.db, b.user.id, b.school.id);
    const exports = () =>
      t.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, "export_contacts"), eq(auditLog.schoolId, b.school.id)));

    const own = await call("GET", `${API}.csv`, auth);
    expect(own.status).toBe(200);
    expect(await exports()).toHaveLength(0); // its own assessors: not a bulk export

    const csv = await call("GET", `${API}.csv?linked=false`, auth);
    expect(csv.status).toBe(200);
    const dataRows = parseCsvRecords(await csv.text()).filter((r) =>
      Object.values(r).some(Boolean),
    ).length;
    const [csvAudit] = await exports();
    expect(csvAudit.actorUserId).toBe(b.user.id);
    expect(JSON.parse(csvAudit.changes)).toMatchObject({ format: "csv", rows: 4, linked: false });
    expect(dataRows).toBe(4);

    const list = await call("GET", `${API}?linked=false&per_page=2`, auth);
    expect((await list.json()).items).toHaveLength(2);
    const audits = await exports();
    expect(audits).toHaveLength(2);
    expect(JSON.parse(audits[1].changes)).toMatchObject({ format: "json", rows: 2, page: 1 });
  });
});
