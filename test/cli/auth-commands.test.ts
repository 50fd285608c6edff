// CLI (DESIGN §8): admin create, school create, token create, crebo add/rename/retire.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { apiTokens, auditLog, crebos, schools, users } from "#db/schema";
import { commands } from "#src/cli-commands";
import { openDatabase } from "#src/db";
import { sha256Hex } from "#src/lib/ids";
import { createTestApp, type TestApp } from "../helpers/app";
import { createSchoolWithUser } from "../helpers/factories";
import { login } from "../routes/auth-helpers";

const run = promisify(execFile);
const PASSWORD = "een-lang-cli-wachtwoord";
const TSX = "node_modules/.bin/tsx";

let t: TestApp;
let output: string[];

beforeEach(async () => {
  t = await createTestApp();
  output = [];
  vi.spyOn(console, "log").mockImplementation(
    (...args: unknown[]) => void output.push(args.join(" ")),
  );
});
afterEach(() => {
  vi.restoreAllMocks();
  t.close();
});

async function cli(line: string) {
  const [name, sub, ...args] = line.split(" ");
  const command = commands.find((c) => c.name === name && c.sub === sub);
  if (!command) throw new Error(`no command ${name} ${sub}`);
  await command.run({ db: t.db, config: t.config, args: args.map((a) => a.replace(/_/g, " ")) });
}

describe("admin create", () => {
  test("creates an admin who can log in", async () => {
    await cli(`admin create --email Beheer@Register.test --password ${PASSWORD}`);
    const [user] = await t.db.select().from(users);
    expect(user).toMatchObject({ email: "beheer@register.test", role: "admin", schoolId: null });
    expect(user.passwordHash).toMatch(/^scrypt\$32768\$8\$3\$/);
    expect(output.join("\n")).toContain("beheer@register.test");
    const cookie = await login(t.app, "beheer@register.test", PASSWORD);
    expect((await t.app.request("/beheer", { headers: { cookie } })).status).toBe(200);
  });

  test("refuses a weak password, a duplicate address and missing options", async () => {
    await expect(cli("admin create --email a@register.test --password kort")).rejects.toThrow(
      "minstens 12 tekens",
    );
    await cli(`admin create --email a@register.test --password ${PASSWORD}`);
    await expect(
      cli(`admin create --email A@register.test --password ${PASSWORD}`),
    ).rejects.toThrow("bestaat al");
    await expect(cli("admin create --email b@register.test")).rejects.toThrow("--password");
    await expect(cli("admin create --onbekend x")).rejects.toThrow();
  });
});

describe("school create", () => {
  test("creates an active school and its first user, a school admin", async () => {
    await cli(
      `school create --name ROC_Midden --email info@rocmidden.test --password ${PASSWORD} --brin 25lj`,
    );
    const [school] = await t.db.select().from(schools);
    expect(school).toMatchObject({ name: "ROC Midden", brin: "25LJ", status: "active" });
    const [user] = await t.db.select().from(users);
    expect(user).toMatchObject({
      email: "info@rocmidden.test",
      role: "school_admin",
      schoolId: school.id,
    });
    const cookie = await login(t.app, "info@rocmidden.test", PASSWORD);
    expect((await t.app.request("/school/team", { headers: { cookie } })).status).toBe(200);
    expect((await t.db.select().from(auditLog)).map((r) => `${r.entity}:${r.action}`)).toEqual([
      "school:create",
      "user:create",
    ]);
  });

  test("refuses a bad BRIN and an address in use", async () => {
    await expect(
      cli(`school create --name X_College --email x@x.test --password ${PASSWORD} --brin 123`),
    ).rejects.toThrow("BRIN");
    const { user } = await createSchoolWithUser(t.db);
    await expect(
      cli(`school create --name Y_College --email ${user.email} --password ${PASSWORD}`),
    ).rejects.toThrow("bestaat al");
    expect(await t.db.select().from(schools)).toHaveLength(1);
  });
});

describe("token create", () => {
  test("prints the token alone on the last line; it works on the school API", async () => {
    const { user } = await createSchoolWithUser(t.db);
    await cli(`token create --email ${user.email} --name Roosters`);
    const token = output[output.length - 1];
    expect(token).toMatch(/^rgp_[A-Za-z0-9_-]{43}$/);
    const [row] = await t.db.select().from(apiTokens);
    expect(row).toMatchObject({
      name: "Roosters",
      userId: user.id,
      tokenHash: await sha256Hex(token),
    });
    const res = await t.app.request("/api/v1/school/assessors", {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
  });

  test("refuses an unknown address and a suspended school", async () => {
    await expect(cli("token create --email niemand@x.test")).rejects.toThrow("geen gebruiker");
    const { school, user } = await createSchoolWithUser(t.db);
    await t.db.update(schools).set({ status: "suspended" }).where(eq(schools.id, school.id));
    await expect(cli(`token create --email ${user.email}`)).rejects.toThrow("opgeschort");
    expect(await t.db.select().from(apiTokens)).toHaveLength(0);
  });
});

describe("crebo", () => {
  test("add, rename, retire", async () => {
    await cli("crebo add --code 29998 --name Monteur_warmtepompen --level 3");
    let [row] = await t.db.select().from(crebos).where(eq(crebos.code, "29998"));
    expect(row).toMatchObject({
      name: "Monteur warmtepompen",
      level: 3,
      mei: true,
      retiredAt: null,
    });
    await cli("crebo rename --code 29998 --name Eerste_monteur_warmtepompen");
    [row] = await t.db.select().from(crebos).where(eq(crebos.code, "29998"));
    expect(row.name).toBe("Eerste monteur warmtepompen");
    await cli("crebo retire --code 29998");
    [row] = await t.db.select().from(crebos).where(eq(crebos.code, "29998"));
    expect(row.retiredAt).not.toBeNull();
    expect((await t.db.select().from(auditLog)).map((r) => r.action)).toEqual([
      "create",
      "rename",
      "retire",
    ]);
  });

  test("refuses a bad code, a duplicate and an unknown crebo", async () => {
    await expect(cli("crebo add --code 123 --name Iets")).rejects.toThrow("5 cijfers");
    await cli("crebo add --code 29997 --name Iets");
    await expect(cli("crebo add --code 29997 --name Iets")).rejects.toThrow("bestaat al");
    await expect(cli("crebo rename --code 00001 --name Iets")).rejects.toThrow("bestaat niet");
    await expect(cli("crebo retire --code 00001")).rejects.toThrow("bestaat niet");
    await expect(cli("crebo add --code 29996 --name Iets --level drie")).rejects.toThrow("niveau");
  });
});

test("the real CLI: school create, then token create prints the token alone on the last line", async () => {
  const dir = mkdtempSync(join(tmpdir(), "rgp-cli-"));
  // Vitest sets BASE_URL="/" (Vite's variable); the CLI gets a real one.
  const env = {
    ...process.env,
    DATABASE_URL: `file:${join(dir, "cli.db")}`,
    NODE_ENV: "test",
    SEED_DEMO: "0",
    BASE_URL: "http://localhost:8787",
  };
  try {
    const created = await run(
      TSX,
      [
        "src/cli.ts",
        "school",
        "create",
        "--name",
        "ROC Echt",
        "--email",
        "echt@roc.test",
        "--password",
        PASSWORD,
      ],
      { env },
    );
    expect(created.stdout).toContain("ROC Echt");
    const { stdout } = await run(
      TSX,
      ["src/cli.ts", "token", "create", "--email", "echt@roc.test"],
      { env },
    );
    const lines = stdout.trimEnd().split("\n");
    const token = lines[lines.length - 1];
    expect(token).toMatch(/^rgp_[A-Za-z0-9_-]{43}$/);
    const { db, client } = await openDatabase(env.DATABASE_URL);
    const [row] = await db.select().from(apiTokens);
    expect(row.tokenHash).toBe(await sha256Hex(token));
    client.close();
    const failed = await run(
      TSX,
      ["src/cli.ts", "token", "create", "--email", "niemand@roc.test"],
      { env },
    ).catch((e: { code: number; stderr: string }) => e);
    expect((failed as { code: number }).code).toBe(1);
    expect((failed as { stderr: string }).stderr).toContain("geen gebruiker");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 60_000);
