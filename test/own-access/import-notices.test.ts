// A CSV import (API and CLI) tells every imported assessor, like a single registration does.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { commands } from "#src/cli-commands";
import { createTestApp, type TestApp } from "../helpers/app";
import { bearer, createSchoolWithUser } from "../helpers/factories";
import { mailsTo, personalLink } from "./helpers";

const HEADER =
  "voornaam;tussenvoegsel;achternaam;e-mail;telefoon;organisatie;plaatscodes;crebos;scholing datum;scholing aanbieder;scholing onderdelen;openbaar";
const row = (tag: string) =>
  `Kees;;Import ${tag};kees-${tag}@voorbeeld.nl;06-12121212;Bedrijf ${tag};3295;25332;2024-01-10;Kenniscentrum;exam_process, assessing, final_interview;ja`;

describe("import notices", () => {
  let t: TestApp;
  let auth: string;
  let userEmail: string;

  beforeAll(async () => {
    t = await createTestApp();
    const { school, user } = await createSchoolWithUser(t.db, "ROC Import");
    auth = await bearer(t.db, user.id, school.id);
    userEmail = user.email;
  });
  afterAll(() => t.close());

  it("the API import mails each new assessor a working personal link", async () => {
    const res = await t.app.request("/api/v1/school/assessors/import", {
      method: "POST",
      headers: { authorization: auth, "content-type": "text/csv; charset=utf-8" },
      body: [HEADER, row("a1"), row("a2")].join("\n"),
    });
    expect(res.status).toBe(201);
    for (const tag of ["a1", "a2"]) {
      const [mail] = await mailsTo(t.db, `kees-${tag}@voorbeeld.nl`);
      expect(mail.kind).toBe("assessor_registered");
      expect(mail.body).toContain("ROC Import");
      const page = await t.app.request(new URL(personalLink(mail.body)).pathname);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain(`Import ${tag}`);
    }
  });

  it("the CLI import does too", async () => {
    const dir = mkdtempSync(join(tmpdir(), "import-notice-"));
    const file = join(dir, "x.csv");
    writeFileSync(file, [HEADER, row("c1")].join("\n"));
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    try {
      const command = commands.find((c) => c.name === "import" && !c.sub)!;
      await command.run({
        db: t.db,
        config: t.config,
        args: ["--school-email", userEmail, "--file", file],
      });
    } finally {
      log.mockRestore();
      rmSync(dir, { recursive: true, force: true });
    }
    const [mail] = await mailsTo(t.db, "kees-c1@voorbeeld.nl");
    expect(mail?.kind).toBe("assessor_registered");
  });
});
