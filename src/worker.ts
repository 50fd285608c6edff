// Cloudflare Workers entry (DESIGN §8): the same Hono app as src/server.ts, with the database
// from the bindings (D1 `DB`, else Turso via DATABASE_URL) and the config from the string bindings.
// Static files never reach this code: the assets binding serves public/ (see wrangler.toml).
import type { ExecutionContext } from "hono";
import { createApp, type App } from "./app";
import { ConfigError, parseConfig, type Config } from "./config";
import { openWorkerDatabase, type WorkerBindings, type WorkerDatabase } from "./db";
import { runJob, type JobContext } from "./jobs/registry";
import { jobsForCron, runScheduledJobs } from "./jobs/scheduled";
import { selectTransport } from "./mail/sender";

export type Env = WorkerBindings & Record<string, unknown>;

type ScheduledController = { scheduledTime: number; cron: string };

type Runtime = {
  config: Config;
  database: WorkerDatabase;
  app: App;
  jobs: JobContext;
  /** Set when a request queued a mail: it is delivered right after the response (waitUntil). */
  mailQueued: boolean;
};

/**
 * Only the string bindings are configuration; DB and ASSETS are objects. Nothing comes from the
 * request: a Host header is the client's choice, so production without BASE_URL does not start.
 */
function configFrom(env: Env): Config {
  const strings = Object.fromEntries(Object.entries(env).filter(([, v]) => typeof v === "string"));
  return parseConfig(strings);
}

// One runtime per isolate and bindings object: the app, drizzle and lucia are built once.
const runtimes = new WeakMap<object, Runtime>();

function runtime(env: Env): Runtime {
  const existing = runtimes.get(env);
  if (existing) return existing;
  const config = configFrom(env);
  const database = openWorkerDatabase(env);
  const transport = selectTransport(config);
  if (!transport)
    console.error(
      "LET OP: geen e-mailverzending ingesteld (MAIL_API_KEY); mail blijft in de outbox.",
    );
  const markQueued = () => {
    created.mailQueued = true;
  };
  const app = createApp({
    db: database.db,
    config,
    mailer: markQueued,
    mail: { transport: transport?.name ?? null },
    ping: database.ping,
    // Work done after the response (a reset or new-link mail) may queue mail only then: deliver
    // it at the end of that work, inside the same waitUntil.
    background: (task) => task.then(() => deliverQueued(created)),
  });
  const jobs: JobContext = {
    db: database.db,
    config,
    transport,
    now: () => new Date(),
    runner: `worker:${crypto.randomUUID().slice(0, 8)}`,
    mailer: markQueued,
  };
  const created: Runtime = { config, database, app, jobs, mailQueued: false };
  runtimes.set(env, created);
  return created;
}

/** Runs the outbox job when something was queued since the last run. */
async function deliverQueued(current: Runtime): Promise<void> {
  if (!current.mailQueued) return;
  current.mailQueued = false;
  await runJob(current.jobs, "outbox").then(
    () => undefined,
    (err) => console.error(err),
  );
}

/** Reads and discards a request body, at most `limit` bytes (then cancels the rest). */
async function drain(body: ReadableStream<Uint8Array>, limit = 2 * 1024 * 1024): Promise<void> {
  const reader = body.getReader();
  let read = 0;
  try {
    while (read <= limit) {
      const { done, value } = await reader.read();
      if (done) return;
      read += value.byteLength;
    }
    await reader.cancel();
  } catch {
    // The client went away: nothing left to discard.
  }
}

function startupFailure(err: unknown): Response {
  // One clear line in the log; the visitor gets a plain Dutch message, never a stack trace.
  console.error(err instanceof ConfigError || err instanceof Error ? err.message : String(err));
  return new Response("De dienst is tijdelijk niet beschikbaar. Probeer het later opnieuw.", {
    status: 503,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Retry-After": "60" },
  });
}

export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
    let current: Runtime;
    try {
      current = runtime(env);
    } catch (err) {
      return startupFailure(err);
    }
    const response = await current.app.fetch(request, env, ctx);
    // Deliver what this request queued without making the visitor wait; the cron trigger
    // picks up anything left (the outbox lease keeps the two from sending a mail twice).
    if (current.mailQueued) ctx.waitUntil(deliverQueued(current));
    // An answer that did not read the request body (a CSRF 403, a 404) must not leave the body on
    // the connection: under wrangler dev the next request on that kept-alive connection hangs
    // (cancelling the body is not enough; reading it is). Bounded: larger bodies were refused
    // (413) anyway.
    if (request.body && !request.bodyUsed) await drain(request.body);
    return response;
  },

  async scheduled(controller: ScheduledController, env: Env, ctx: ExecutionContext): Promise<void> {
    const { jobs } = runtime(env);
    const run = runScheduledJobs(
      jobs,
      jobsForCron(controller.cron, new Date(controller.scheduledTime)),
    ).then((outcomes) => {
      for (const o of outcomes) {
        if (o.result === "ok") {
          const first = Object.values(o.counts)[0];
          console.log(
            `scheduled ${controller.cron}: ${o.job} ok${first === undefined ? "" : ` (${first})`} ${JSON.stringify(o.counts)}`,
          );
        } else if (o.result === "skipped")
          console.log(
            `scheduled ${controller.cron}: ${o.job} skipped (another run holds the lease)`,
          );
        else console.error(`scheduled ${controller.cron}: ${o.job} failed: ${o.error}`);
      }
      // A failed job shows as a failed cron run in the Cloudflare dashboard.
      if (outcomes.some((o) => o.result === "error"))
        throw new Error("Een of meer geplande taken zijn mislukt.");
    });
    ctx.waitUntil(run);
    await run;
  },
};
