// Starts the real app on a loopback port (for browser tests), with static files from public/ in memory.
import { serve } from "@hono/node-server";
import type { AddressInfo } from "node:net";
import { createApp } from "#src/app";
import { setAssetFingerprints } from "#src/lib/assets";
import { loadStaticFiles, nodeCompress, nodeGzipStream } from "#src/node-assets";
import { createTestDb, TEST_NOW } from "./app";
import { parseConfig } from "#src/config";
import type { DB } from "#src/db";

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
  // The app is made once the port (its BASE_URL) is known; static files as src/server.ts serves them.
  let app: ReturnType<typeof createApp> | null = null;
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: (req) => app!.fetch(req), port: 0, hostname: "127.0.0.1" }, () =>
      resolve(s),
    );
  });
  const port = (server.address() as AddressInfo).port;
  const config = parseConfig({
    NODE_ENV: "test",
    SEED_DEMO: "0",
    BASE_URL: `http://127.0.0.1:${port}`,
  });
  const staticFiles = loadStaticFiles("public");
  setAssetFingerprints([...staticFiles].map(([path, file]) => [path, file.hash]));
  app = createApp({
    db,
    config,
    now: opts.now ?? (() => TEST_NOW),
    mailer: (m) => void mails.push(m),
    staticFiles,
    compress: nodeCompress,
    gzipStream: nodeGzipStream,
  });
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
