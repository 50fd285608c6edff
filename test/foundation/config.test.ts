import { describe, expect, test } from "vitest";
import { ConfigError, parseConfig } from "#src/config";

describe("config", () => {
  test("defaults", () => {
    const c = parseConfig({});
    expect(c.port).toBe(8787);
    expect(c.databaseUrl).toBe("file:data/register.db");
    expect(c.baseUrl).toBe("http://localhost:8787");
    expect(c.env).toBe("development");
    expect(c.seedDemo).toBe(true);
    expect(c.expiringDays).toBe(90);
  });
  test("production does not seed demo data by default", () => {
    expect(
      parseConfig({ NODE_ENV: "production", BASE_URL: "https://register.example" }).seedDemo,
    ).toBe(false);
    expect(parseConfig({ SEED_DEMO: "0" }).seedDemo).toBe(false);
  });
  test("values are parsed", () => {
    const c = parseConfig({
      PORT: "9000",
      EXPIRING_DAYS: "30",
      BASE_URL: "https://register.example/",
    });
    expect(c.port).toBe(9000);
    expect(c.expiringDays).toBe(30);
    expect(c.baseUrl).toBe("https://register.example");
  });
  test.each([
    [{ PORT: "abc" }, "PORT"],
    [{ PORT: "70000" }, "PORT"],
    [{ NODE_ENV: "staging" }, "NODE_ENV"],
    [{ EXPIRING_DAYS: "-1" }, "EXPIRING_DAYS"],
    [{ BASE_URL: "not a url" }, "BASE_URL"],
    [{ SEED_DEMO: "maybe" }, "SEED_DEMO"],
    [{ SMTP_URL: "mail.example.org:25" }, "SMTP_URL"],
    [{ SMTP_URL: "http://mail.example.org" }, "SMTP_URL"],
    [{ MAIL_FROM: "geen adres" }, "MAIL_FROM"],
    [{ MAIL_FROM: "a@b.nl\r\nBcc: x@example.org" }, "MAIL_FROM"],
    [{ MAIL_BACKOFF_SECONDS: "1 min" }, "MAIL_BACKOFF_SECONDS"],
    [{ OUTBOX_POLL_SECONDS: "0" }, "OUTBOX_POLL_SECONDS"],
    [{ MAIL_API_URL: "niet-een-url" }, "MAIL_API_URL"],
    [{ NODE_ENV: "production" }, "BASE_URL"],
  ])("bad config %j stops with one clear line naming %s", (env, name) => {
    expect(() => parseConfig(env)).toThrow(ConfigError);
    try {
      parseConfig(env);
    } catch (err) {
      const message = (err as Error).message;
      expect(message).toContain(name);
      expect(message.split("\n")).toHaveLength(1);
    }
  });

  test("mail: SMTP_URL, MAIL_FROM, the HTTP mail API and the backoff", () => {
    const d = parseConfig({ BASE_URL: "https://register.example.nl" });
    expect(d.mail.smtpUrl).toBeUndefined();
    expect(d.mail.from).toBe(
      "Register Gekwalificeerd Praktijkbeoordelaar <noreply@register.example.nl>",
    );
    expect(d.mail.backoffSeconds).toEqual([60, 300, 1800, 7200, 43200]);
    expect(d.mail.pollSeconds).toBe(30);
    expect(d.mail.apiUrl).toBe("https://api.brevo.com/v3/smtp/email");
    const c = parseConfig({
      SMTP_URL: "smtps://user:p%40ss@mail.example.org:465",
      MAIL_FROM: "Register <register@example.org>",
      MAIL_API_KEY: "key",
      MAIL_BACKOFF_SECONDS: "1,2",
      OUTBOX_POLL_SECONDS: "0.5",
    });
    expect(c.mail).toMatchObject({
      smtpUrl: "smtps://user:p%40ss@mail.example.org:465",
      from: "Register <register@example.org>",
      apiKey: "key",
      backoffSeconds: [1, 2],
      pollSeconds: 0.5,
    });
  });
  test("a bad SMTP_URL is named without echoing its password", () => {
    expect(() => parseConfig({ SMTP_URL: "smtp:/user:geheim-wachtwoord" })).toThrow(
      /^Ongeldige configuratie: SMTP_URL: /,
    );
    try {
      parseConfig({ SMTP_URL: "smtp:/user:geheim-wachtwoord" });
    } catch (err) {
      expect((err as Error).message).not.toContain("geheim-wachtwoord");
    }
  });
});
