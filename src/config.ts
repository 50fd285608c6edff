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
  // Mail (DESIGN §8). The URL keeps its password, so a parse error never echoes the value.
  SMTP_URL: z
    .string()
    .refine(
      isSmtpUrl,
      "geen geldige SMTP-URL (smtp://gebruiker:wachtwoord@host:poort of smtps://…)",
    )
    .optional(),
  MAIL_FROM: z
    .string()
    .refine(isMailbox, "geen geldig afzenderadres (adres@domein of Naam <adres@domein>)")
    .optional(),
  // Workers (and Node without SMTP_URL): an HTTP mail API, see docs/decisions/0008-mail-transport.md.
  MAIL_API_KEY: z.string().min(1).optional(),
  MAIL_API_URL: z.url().default("https://api.brevo.com/v3/smtp/email"),
  /** Seconds between tries after each failure; after the last one the mail is `failed`. */
  MAIL_BACKOFF_SECONDS: z
    .string()
    .regex(/^\d+(,\d+)*$/, "een lijst seconden, bijvoorbeeld 60,300,1800,7200,43200")
    .default("60,300,1800,7200,43200"),
  /** How often the Node sender looks for due retries when nothing wakes it. */
  OUTBOX_POLL_SECONDS: z.coerce.number().min(0.05).max(3600).default(30),
});

function isSmtpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "smtp:" || url.protocol === "smtps:") && url.hostname !== "";
  } catch {
    return false;
  }
}

const ADDRESS = /^[^\s@<>",;]+@[^\s@<>",;]+$/;

/** `adres@domein` or `Naam <adres@domein>`, on one line. */
function isMailbox(value: string): boolean {
  if (/[\r\n]/.test(value)) return false;
  const named = /^(.*)<([^<>]+)>$/.exec(value.trim());
  return ADDRESS.test(named ? named[2].trim() : value.trim());
}

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
  mail: {
    /** smtp://user:pass@host:port or smtps://… (Node); absent: console (dev) or nothing (prod). */
    smtpUrl?: string;
    /** The From of every mail: `adres@domein` or `Naam <adres@domein>`. */
    from: string;
    /** HTTP mail API (Workers): key and endpoint. */
    apiKey?: string;
    apiUrl: string;
    /** Seconds to wait after the 1st, 2nd, … failed try; after the last, the mail is failed. */
    backoffSeconds: number[];
    pollSeconds: number;
  };
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
    mail: {
      smtpUrl: e.SMTP_URL,
      from: e.MAIL_FROM ?? defaultFrom(e.BASE_URL),
      apiKey: e.MAIL_API_KEY,
      apiUrl: e.MAIL_API_URL,
      backoffSeconds: e.MAIL_BACKOFF_SECONDS.split(",").map(Number),
      pollSeconds: e.OUTBOX_POLL_SECONDS,
    },
  };
}

function defaultFrom(baseUrl: string | undefined): string {
  const host = baseUrl ? new URL(baseUrl).hostname : "localhost";
  return `Register Gekwalificeerd Praktijkbeoordelaar <noreply@${host}>`;
}

/** The Node entry points read the process environment here and nowhere else. */
export function configFromProcess(): Config {
  return parseConfig(process.env as Record<string, unknown>);
}
