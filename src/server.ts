// Node entry: embedded libSQL, migrations and reference data at start, static files, port 8787.
import { serve } from "@hono/node-server";
import { serveStatic } from "@hono/node-server/serve-static";
import { mkdirSync } from "node:fs";
import { Hono } from "hono";
import { createApp } from "./app";
import { type Config, ConfigError, configFromProcess } from "./config";
import { openDatabase } from "./db";
import { databaseHealthCheck } from "./db-file";
import type { AppEnv } from "./env";
import { consoleMailer } from "./mail";
import { printStartupLogins } from "./startup";
import { prepareDatabase } from "./setup";

async function main() {
  let config: Config;
  try {
    config = configFromProcess();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  if (config.databaseUrl.startsWith("file:data/")) mkdirSync("data", { recursive: true });
  const { db, client } = await openDatabase(config.databaseUrl, config.databaseAuthToken);
  const setup = await prepareDatabase(db, config);
  // /healthz: the file must still be the one opened, and readable (src/db-file.ts).
  const ping = await databaseHealthCheck(client, config.databaseUrl);

  const root = new Hono<AppEnv>();
  root.use("/static/*", serveStatic({ root: "./public" }));
  root.use("/vendor/*", serveStatic({ root: "./public" }));
  root.route(
    "/",
    createApp({
      db,
      config,
      mailer: config.env === "production" ? undefined : consoleMailer,
      ping,
    }),
  );

  const server = serve({ fetch: root.fetch, port: config.port, hostname: config.host }, (info) => {
    console.log(`Register draait op ${config.baseUrl} (poort ${info.port})`);
  });
  await printStartupLogins(db, config, setup);

  const stop = () => {
    server.close();
    client.close();
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((err) => {
  console.error("Starten mislukt:", err instanceof Error ? err.message : err);
  process.exit(1);
});
