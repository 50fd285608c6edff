// Starts the real app on a loopback port (for browser tests), with static files from public/.
import { serve } from "@hono/node-server";
import { serveStatic } from "@hono/node-server/serve-static";
import { Hono } from "hono";
import type { AddressInfo } from "node:net";
import { createApp } from "../../src/app";
import type { AppEnv } from "../../src/env";
import { createTestDb, TEST_NOW } from "./app";
import { parseConfig } from "../../src/config";
import type { DB } from "../../src/db";

export type RunningServer = {
  url: string;
  db: DB;
  mails: { to: string; subject: string; body: string }[];
  close: () => Promise<void>;
};

export async function startServer(
  opts: { now?: () => Date; db?: DB } = {},
): Promise<RunningServer> {
  const owned = opts.db ? null : await createTestDb();
  const db = opts.db ?? owned!.db;
  const mails: RunningServer["mails"] = [];
  const root = new Hono<AppEnv>();
  root.use("/static/*", serveStatic({ root: "./public" }));
  root.use("/vendor/*", serveStatic({ root: "./public" }));
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: root.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
  });
  const port = (server.address() as AddressInfo).port;
  const config = parseConfig({
    NODE_ENV: "test",
    SEED_DEMO: "0",
    BASE_URL: `http://127.0.0.1:${port}`,
  });
  root.route(
    "/",
    createApp({ db, config, now: opts.now ?? (() => TEST_NOW), mailer: (m) => void mails.push(m) }),
  );
  return {
    url: `http://127.0.0.1:${port}`,
    db,
    mails,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        owned?.close();
      }),
  };
}
