// Node entry: embedded libSQL, migrations and reference data at start, static files, port 8787.
import { serve } from "@hono/node-server";
import { mkdirSync } from "node:fs";
import { createApp } from "./app";
import { ConfigError, configFromProcess } from "./config";
import { openDatabase } from "./db";
import { setAssetFingerprints } from "./lib/assets";
import { loadStaticFiles, nodeCompress } from "./node-assets";
import { databaseHealthCheck } from "./db-file";
import { consoleMailer } from "./mail";
import { printStartupLogins } from "./startup";
import { prepareDatabase } from "./setup";

async function main() {
  let config;
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

  // public/ is served from memory by the app itself, so static files get the same security
  // headers as pages and unknown paths reach the app's own (Dutch / JSON) 404.
  const staticFiles = loadStaticFiles("public");
  setAssetFingerprints([...staticFiles].map(([path, file]) => [path, file.hash]));
  const app = createApp({
    db,
    config,
    mailer: config.env === "production" ? undefined : consoleMailer,
    ping,
    dataVersionRecheckMs: 1000,
    compress: nodeCompress,
    staticFiles,
  });

  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
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
