// Issue 12, items 5 and 10: after an AVG erasure no personal value remains in ANY table (every
// table in sqlite_master, so tables added later are covered too), nor in freed pages of the file;
// and the audit log's one exception (redaction) is narrowed to the erased assessor's own rows.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { assessors, auditLog, outbox } from "#db/schema";
import { openDatabase, type DB } from "#src/db";
import { sendReminders } from "#src/jobs/reminders";
import { runMigrations } from "#src/migrate";
import { loadReferenceData } from "#src/reference-data";
import { createTestApp, createTestDb, type TestApp } from "../helpers/app";
import { bearer, createSchoolWithUser } from "../helpers/factories";
import { CREBO, createTestAssessor, UTRECHT } from "../helpers/assessors";
import { postForm } from "../routes/auth-helpers";

const API = "/api/v1/school/assessors";
const PERSON = {
  first_name: "Geertruida",
  infix: "",
  last_name: "Wisbaarsma",
  email: "Geertruida.Wisbaarsma@prive.example",
  phone: "06-99887766",
  organisation: "Wisbaarsma Installaties",
};
const NOTES = "Beoordeelde samen met Geertruida";
const DESCRIPTION = "Privé-afspraak Wisbaarsma";
const REASON = "Verhuisd naar Zweden, zegt Geertruida";
/** Every value that must be gone after the erasure (case-insensitive). */
const ERASED = [
  PERSON.first_name,
  PERSON.last_name,
  PERSON.email,
  PERSON.phone,
  PERSON.organisation,
  NOTES,
  DESCRIPTION,
  REASON,
];

/** Every row of every table (tables added later by others included), as text. */
async function findErasedValues(db: DB): Promise<string[]> {
  const tables = await db.all<{ name: string }>(
    sql`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`,
  );
  expect(tables.length).toBeGreaterThan(15);
  const hits: string[] = [];
  for (const { name } of tables) {
    const rows = await db.all<Record<string, unknown>>(sql`SELECT * FROM ${sql.identifier(name)}`);
    for (const row of rows)
      for (const [column, value] of Object.entries(row)) {
        if (value === null || value === undefined) continue;
        const text = (
          value instanceof ArrayBuffer || ArrayBuffer.isView(value)
            ? Buffer.from(value as ArrayBuffer).toString("utf8")
            : String(value)
        ).toLowerCase();
        for (const needle of ERASED)
          if (text.includes(needle.toLowerCase())) hits.push(`${name}.${column}: ${needle}`);
      }
  }
  return hits;
}

let dir: string;
let file: string;
let t: TestApp;
let closeDb: () => void;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "erasure-"));
  file = join(dir, "register.db");
  const { db, client } = await openDatabase(`file:${file}`);
  await runMigrations(db);
  await loadReferenceData(db);
  closeDb = () => client.close();
  t = await createTestApp({ db });
});
afterAll(() => {
  closeDb();
  rmSync(dir, { recursive: true, force: true });
});

function call(method: string, path: string, auth: string, json?: unknown, headers = {}) {
  return t.app.request(path, {
    method,
    headers: { Authorization: auth, "Content-Type": "application/json", ...headers },
    body: json === undefined ? undefined : JSON.stringify(json),
  });
}

describe("item 5: erasure clears every copy of the personal data", () => {
  test("idempotency replays, outbox, deregistration reason, audit and throttle rows: nothing left in any table", async () => {
    const who = await createSchoolWithUser(t.db);
    const auth = await bearer(t.db, who.user.id, who.school.id);
    const body = {
      ...PERSON,
      places: [UTRECHT],
      crebos: [CREBO],
      initial_training: {
        date: "2024-01-10",
        provider: "ROC",
        components: ["exam_process", "assessing", "final_interview"],
      },
      public_consent: true,
    };
    const created = await call("POST", API, auth, body, { "Idempotency-Key": "k" });
    expect(created.status).toBe(201);
    const { id } = await created.json();
    expect(
      (
        await call("POST", `${API}/${id}/examinations`, auth, {
          date: "2025-03-01",
          crebo: CREBO,
          notes: NOTES,
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await call("POST", `${API}/${id}/refresher-trainings`, auth, {
          date: "2025-04-01",
          kind: "overig",
          description: DESCRIPTION,
        })
      ).status,
    ).toBe(201);
    // The reminder job mails the linked schools' admins about the deadline, naming the assessor.
    const sent = await sendReminders({ db: t.db, config: t.config }, "2027-12-15");
    expect(sent).toBeGreaterThan(0);
    const reminders = await t.db.select().from(outbox).where(eq(outbox.kind, "reminder"));
    expect(reminders.map((m) => m.subject + m.body).join()).toContain(PERSON.last_name);
    expect(
      (
        await call("POST", `${API}/${id}/deregistration`, auth, {
          date: "2026-06-01",
          reason: REASON,
        })
      ).status,
    ).toBe(200);
    // A login attempt with the address typed in.
    await postForm(t.app, "/inloggen", { email: PERSON.email, password: "fout-wachtwoord" });
    expect((await findErasedValues(t.db)).length).toBeGreaterThan(5);

    const erased = await call("POST", `${API}/${id}/erasure`, auth);
    expect(erased.status).toBe(200);

    // The same Idempotency-Key does not replay the old record.
    const replay = await call("POST", API, auth, body, { "Idempotency-Key": "k" });
    const replayText = await replay.text();
    expect(replay.status).toBe(409);
    for (const value of [PERSON.email, PERSON.phone, PERSON.first_name])
      expect(replayText).not.toContain(value);

    const [row] = await t.db.select().from(assessors).where(eq(assessors.id, id));
    expect(row.deregistrationReason).toBeNull();
    expect(row.deregisteredOn).toBe("2026-06-01"); // counts and dates stay
    expect(await findErasedValues(t.db)).toEqual([]);
  });

  test("secure_delete is on for the embedded database, so the erased text is not left in the file", async () => {
    const [{ secure_delete }] = await t.db.all<{ secure_delete: number }>(
      sql`PRAGMA secure_delete`,
    );
    expect(Number(secure_delete)).toBe(1);
    await t.db.run(sql`PRAGMA wal_checkpoint(TRUNCATE)`);
    const bytes = readFileSync(file).toString("latin1").toLowerCase();
    for (const value of [PERSON.email, PERSON.phone, "wisbaarsma"])
      expect(bytes).not.toContain(value.toLowerCase());
  });
});

describe("item 10: the audit trigger's redaction exception is narrow", () => {
  let db: DB;
  let close: () => void;
  beforeAll(async () => {
    ({ db, close } = await createTestDb());
  });
  afterAll(() => close());

  const update = (id: number, changes: string) =>
    db.run(sql`UPDATE audit_log SET changes = ${changes} WHERE id = ${id}`);
  /** The trigger's refusal (drizzle wraps it: the reason is in the cause). */
  async function refused(attempt: Promise<unknown>, label = "") {
    const err = await attempt.then(
      () => null,
      (e: unknown) => e as Error & { cause?: unknown },
    );
    expect(err, `not refused: ${label}`).not.toBeNull();
    expect(`${err?.message} ${String(err?.cause)}`).toMatch(/append-only/);
  }

  test("a row of an assessor that is not erased cannot be rewritten, not even with the marker", async () => {
    const who = await createSchoolWithUser(db);
    const { id } = await createTestAssessor(db, who);
    const [row] = await db.select().from(auditLog).where(eq(auditLog.entityId, id));
    const changes = JSON.parse(row.changes);
    changes.first_name.to = "[gewist]";
    await refused(update(row.id, JSON.stringify(changes)));
  });

  test("rows of other entities cannot be rewritten with the marker", async () => {
    const who = await createSchoolWithUser(db);
    await db.insert(auditLog).values({
      actorUserId: who.user.id,
      schoolId: who.school.id,
      action: "create",
      entity: "api_token",
      entityId: "x",
      changes: JSON.stringify({ name: "token" }),
    });
    const [row] = await db.select().from(auditLog).where(eq(auditLog.entity, "api_token"));
    await refused(update(row.id, JSON.stringify({ name: "[gewist]" })));
  });

  test("an erased assessor's row may only become its redacted form", async () => {
    const who = await createSchoolWithUser(db);
    const { id } = await createTestAssessor(db, who);
    const [row] = await db.select().from(auditLog).where(eq(auditLog.entityId, id));
    await db
      .update(assessors)
      .set({ erasedAt: "2026-06-15T10:00:00.000Z" })
      .where(eq(assessors.id, id));
    const original = JSON.parse(row.changes);
    const tries: Record<string, unknown>[] = [
      // the marker plus a rewritten non-personal value
      {
        ...original,
        first_name: { from: null, to: "[gewist]" },
        public_consent: { from: null, to: false },
      },
      // a new key smuggled in
      { ...original, first_name: { from: null, to: "[gewist]" }, note: "[gewist]" },
      // a personal value replaced by something other than the marker
      {
        ...original,
        first_name: { from: null, to: "Iemand anders" },
        last_name: { from: null, to: "[gewist]" },
      },
      // a non-personal field "redacted"
      { ...original, crebos: { from: null, to: "[gewist]" } },
      // a field dropped
      Object.fromEntries(Object.entries(original).filter(([k]) => k !== "crebos")),
    ];
    for (const attempt of tries)
      await refused(update(row.id, JSON.stringify(attempt)), JSON.stringify(attempt));
    // The redacted form itself is accepted.
    const { redactPersonalChanges } = await import("#src/queries/assessor-history");
    await update(row.id, JSON.stringify(redactPersonalChanges(original)));
    const [after] = await db.select().from(auditLog).where(eq(auditLog.id, row.id));
    expect(after.changes).toContain('"[gewist]"');
    expect(after.changes).not.toContain(original.email.to);
  });
});
