// The types every route shares: the app's dependencies and the per-request context.
import type { Config } from "./config";
import type { DB } from "./db";
import type { CachedBody, Compressor, StaticFiles } from "./lib/cached-body";

export type Role = "admin" | "school_admin" | "staff";

export type AuthContext = {
  user: { id: string; email: string; name: string; role: Role };
  school: { id: string; name: string } | null;
  role: Role;
  via: "session" | "token";
  sessionId?: string;
};

export type Mailer = (mail: { to: string; subject: string; body: string }) => Promise<void> | void;

export type AppDeps = {
  db: DB;
  config: Config;
  /** The clock; tests pass a fixed one. */
  now?: () => Date;
  /** Told after a mail is queued in the outbox (Node: wakes the sender; tests: collect mails). */
  mailer?: Mailer;
  /** How mail leaves: the transport's name, or null when none is configured (banner in /beheer). */
  mail?: { transport: string | null };
  /** Checks the database answers; /healthz uses it. */
  ping?: () => Promise<void>;
  /**
   * How long the data version may be used from memory before it is read again (ms). 0 (the
   * default) reads it on every public request; the Node server keeps it 1 s, since its own writes
   * forget it at once and only another process's writes wait for the re-check.
   */
  dataVersionRecheckMs?: number;
  /** Compression for answers over 1 KB (Node); Workers leaves it to the edge. */
  compress?: Compressor;
  /** A gzip stream for streamed answers (the CSV) when `compress` is set; else CompressionStream. */
  gzipStream?: () => TransformStream<Uint8Array, Uint8Array>;
  /** public/ held in memory (Node); on Workers the assets binding serves it. */
  staticFiles?: StaticFiles;
  /**
   * Receives work run after a response (src/http/after-response.ts), so tests can await it; a
   * returned promise (Workers: the work plus delivering the mail it queued) is what is waited for.
   */
  background?: (task: Promise<unknown>) => Promise<unknown> | undefined;
};

export type AppEnv = {
  Variables: {
    deps: AppDeps;
    db: DB;
    config: Config;
    requestId: string;
    /** Today in Europe/Amsterdam (YYYY-MM-DD). */
    today: string;
    now: Date;
    auth: AuthContext | null;
    /** Set when an Authorization header was sent but was not valid. */
    authError: "invalid_token" | null;
    /** The in-memory body this answer was sent from (compressed once, see http/compression). */
    cachedBody?: CachedBody;
    /** The answer is a stream (the CSV): compressed on the fly. */
    streamedBody?: boolean;
  };
};
