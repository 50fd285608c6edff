// Turns the environment (process.env on Node, bindings on Workers) into one typed config object.
import { z } from "zod";

const boolish = z
  .enum(["0", "1", "true", "false", "yes", "no"])
  .transform((v) => v === "1" || v === "true" || v === "yes");

export const configSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(8787),
  // 0.0.0.0 so the server is reachable inside a container; set HOST=127.0.0.1 on a shared box.
  HOST: z.string().min(1).default("0.0.0.0"),
  DATABASE_URL: z.string().min(1).default("file:data/register.db"),
  DATABASE_AUTH_TOKEN: z.string().optional(),
  BASE_URL: z.url().optional(),
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  SEED_DEMO: boolish.optional(),
  EXPIRING_DAYS: z.coerce.number().int().min(0).max(365).default(90),
  RETENTION_DAYS: z.coerce.number().int().min(1).max(36500).default(730),
  TRUST_PROXY: boolish.optional(),
});

// Links in mail, the CSRF origin and cookie security come from BASE_URL alone, never from a
// request's Host header (which an attacker chooses): production therefore needs it set.
const requireBaseUrlInProduction = configSchema.superRefine((e, ctx) => {
  if (e.NODE_ENV === "production" && !e.BASE_URL)
    ctx.addIssue({
      code: "custom",
      path: ["BASE_URL"],
      message: "verplicht in productie: het publieke adres van het register (https://…)",
    });
});

export type Config = {
  port: number;
  /** Interface the Node server binds to. */
  host: string;
  databaseUrl: string;
  databaseAuthToken?: string;
  baseUrl: string;
  env: "development" | "production" | "test";
  seedDemo: boolean;
  expiringDays: number;
  retentionDays: number;
  /** Behind a reverse proxy: take the client address from X-Forwarded-For (login throttling). */
  trustProxy: boolean;
};

export class ConfigError extends Error {}

export function parseConfig(source: Record<string, unknown>): Config {
  const clean = Object.fromEntries(
    Object.entries(source).filter(([, v]) => v !== undefined && v !== ""),
  );
  const result = requireBaseUrlInProduction.safeParse(clean);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new ConfigError(
      `Ongeldige configuratie: ${issue.path.join(".") || "?"}: ${issue.message}`,
    );
  }
  const e = result.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    databaseAuthToken: e.DATABASE_AUTH_TOKEN,
    baseUrl: (e.BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ""),
    env: e.NODE_ENV,
    seedDemo: e.SEED_DEMO ?? e.NODE_ENV !== "production",
    expiringDays: e.EXPIRING_DAYS,
    retentionDays: e.RETENTION_DAYS,
    trustProxy: e.TRUST_PROXY ?? false,
  };
}

/** The Node entry points read the process environment here and nowhere else. */
export function configFromProcess(): Config {
  return parseConfig(process.env as Record<string, unknown>);
}
