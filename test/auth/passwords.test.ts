// SECURITY.md 1: scrypt with N=2^15, r=8, p=3 and a per-user salt; at least 12 characters; common
// passwords refused; never logged.
import { afterEach, expect, test, vi } from "vitest";
import {
  hashPassword,
  passwordProblem,
  verifyAgainstDummy,
  verifyPassword,
} from "#src/auth/passwords";
import { consoleMailer } from "#src/mail";
import { createTestApp } from "../helpers/app";
import { createSchoolWithUser, TEST_PASSWORD } from "../helpers/factories";
import { postForm } from "../routes/auth-helpers";

afterEach(() => vi.restoreAllMocks());

test("hashes with scrypt N=2^15, r=8, p=3 and a fresh 16-byte salt per hash", async () => {
  const a = await hashPassword("een-heel-lang-wachtwoord");
  const b = await hashPassword("een-heel-lang-wachtwoord");
  expect(a).toMatch(/^scrypt\$32768\$8\$3\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
  expect(a).not.toBe(b);
  expect(Buffer.from(a.split("$")[4], "base64")).toHaveLength(16);
  expect(Buffer.from(a.split("$")[5], "base64")).toHaveLength(32);
  expect(await verifyPassword(a, "een-heel-lang-wachtwoord")).toBe(true);
  expect(await verifyPassword(b, "een-heel-lang-wachtwoord")).toBe(true);
  expect(await verifyPassword(a, "een-heel-lang-wachtwoorD")).toBe(false);
  expect(await verifyPassword("onzin", "x")).toBe(false);
  expect(await verifyAgainstDummy("iets")).toBe(false);
});

test("the same characters typed differently (NFC/NFD) verify alike", async () => {
  const hash = await hashPassword("crème-brûlée-2026!");
  expect(await verifyPassword(hash, "cre\u0300me-bru\u0302le\u0301e-2026!")).toBe(true);
});

test.each([
  ["elf-tekens!", "minstens 12 tekens"],
  ["wachtwoord123", "te bekend"],
  ["Welkom123456", "te bekend"],
  ["zzzzzzzzzzzzzz", "te bekend"],
  ["x".repeat(201), "hoogstens 200"],
])("refuses %s", (password, message) => {
  expect(passwordProblem(password)).toContain(message);
});

test("accepts a long passphrase", () => {
  expect(passwordProblem("paard-batterij-nietje-correct")).toBeNull();
});

test("a password never reaches the console, also not in development mail", async () => {
  const lines: string[] = [];
  const capture = (...args: unknown[]) => void lines.push(args.map(String).join(" "));
  vi.spyOn(console, "log").mockImplementation(capture);
  vi.spyOn(console, "error").mockImplementation(capture);
  vi.spyOn(console, "warn").mockImplementation(capture);
  const t = await createTestApp();
  const { createApp } = await import("#src/app");
  const afterResponse: Promise<unknown>[] = [];
  const dev = createApp({
    db: t.db,
    config: { ...t.config, env: "development" },
    now: () => new Date(),
    mailer: consoleMailer,
    background: (task) => void afterResponse.push(task),
  });
  const { user } = await createSchoolWithUser(t.db);
  await postForm(dev, "/inloggen", { email: user.email, password: "geheim-verkeerd-wachtwoord" });
  await postForm(dev, "/inloggen", { email: user.email, password: TEST_PASSWORD });
  await postForm(dev, "/wachtwoord-vergeten", { email: user.email });
  await Promise.all(afterResponse); // the reset mail is written after the response
  const output = lines.join("\n");
  expect(output).toContain("/wachtwoord-vergeten/"); // the development mail with the link is printed
  expect(output).not.toContain("geheim-verkeerd-wachtwoord");
  expect(output).not.toContain(TEST_PASSWORD);
  t.close();
});
