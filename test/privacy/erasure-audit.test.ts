// AVG erasure leaves no personal value in the audit log, which otherwise stays append-only.
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { auditLog } from "#db/schema";
import { addExamination, addRefresherTraining } from "#src/queries/logs";
import { eraseAssessor } from "#src/queries/privacy";
import { createTestDb } from "../helpers/app";
import { createSchoolWithUser } from "../helpers/factories";
import { createTestAssessor, schoolActor } from "../helpers/assessors";

let env: Awaited<ReturnType<typeof createTestDb>>;
beforeAll(async () => {
  env = await createTestDb();
});
afterAll(() => env.close());

describe("erasure and the audit log", () => {
  test("personal values are replaced by [gewist]; actions, dates and counts stay", async () => {
    const { db } = env;
    const who = await createSchoolWithUser(db);
    const actor = schoolActor(who.user, who.school);
    const { id, input } = await createTestAssessor(db, who, {
      firstName: "Geertruida",
      lastName: "Wisbaar",
      email: "geertruida.wisbaar@prive.example",
      phone: "06-99887766",
      organisation: "Wisbaar Installaties",
    });
    await addExamination(db, actor, id, {
      date: "2025-03-01",
      crebo: input.crebos[0],
      notes: "Beoordeelde Geertruida Wisbaar",
    });
    await addRefresherTraining(db, actor, id, {
      date: "2025-04-01",
      kind: "overig",
      description: "Privé-afspraak Wisbaar",
      provider: "ROC",
    });
    const before = await db.select().from(auditLog).where(eq(auditLog.entityId, id));
    expect(JSON.stringify(before)).toContain("Wisbaar");

    await eraseAssessor(db, { ...actor }, id, "2026-06-15T10:00:00.000Z");

    const after = await db.select().from(auditLog).where(eq(auditLog.entityId, id));
    const text = JSON.stringify(after);
    for (const value of [
      "Geertruida",
      "Wisbaar",
      "geertruida.wisbaar@prive.example",
      "06-99887766",
    ])
      expect(text).not.toContain(value);
    expect(text).toContain("[gewist]");
    expect(after.length).toBe(before.length + 1);
    expect(after.slice(0, before.length).map((r) => [r.id, r.action, r.at])).toEqual(
      before.map((r) => [r.id, r.action, r.at]),
    );
  });

  test("any other update or delete of the audit log is still refused", async () => {
    const { db } = env;
    const [row] = await db.select().from(auditLog).limit(1);
    await expect(
      db.run(sql`UPDATE audit_log SET action = 'x' WHERE id = ${row.id}`),
    ).rejects.toThrow();
    await expect(
      db.run(sql`UPDATE audit_log SET changes = '{}' WHERE id = ${row.id}`),
    ).rejects.toThrow();
    await expect(
      db.run(
        sql`UPDATE audit_log SET action = 'x', changes = '{"a":"[gewist]"}' WHERE id = ${row.id}`,
      ),
    ).rejects.toThrow();
    await expect(db.run(sql`DELETE FROM audit_log WHERE id = ${row.id}`)).rejects.toThrow();
  });
});
