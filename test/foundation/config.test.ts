import { describe, expect, test } from "vitest";
import { ConfigError, parseConfig } from "../../src/config";

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
});
