// Node entry: embedded libSQL, migrations and reference data at start, static files, port 8787,
// and the jobs (outbox delivery, reminders, retention, purges) running inside the process.
import { serve } from "@hono/node-server";
import { mkdirSync } from "node:fs";
import { hostname } from "node:os";
import { createApp } from "./app";
import { type Config, ConfigError, configFromProcess } from "./config";
import { openDatabase } from "./db";
import { setAssetFingerprints } from "./lib/assets";
import { loadStaticFiles, nodeCompress, nodeGzipStream } from "./node-assets";
import { databaseHealthCheck } from "./db-file";
import { startJobRunner } from "./jobs/node-runner";
import { selectTransport } from "./mail/sender";
import { smtpLabel, smtpTransport } from "./mail/smtp";
import type { MailTransport } from "./mail/transport";
import { printStartupLogins } from "./startup";
import { prepareDatabase } from "./setup";
import { preloadPlaceWords } from "./search/place-words";

function announceTransport(config: Config, transport: MailTransport | null) {
  if (transport?.name === "smtp") console.log(`E-mail: via ${smtpLabel(config.mail.smtpUrl!)}`);
  else if (transport?.name === "http-api") console.log(`E-mail: via ${config.mail.apiUrl}`);
  else if (transport) console.log("E-mail: geen SMTP_URL ingesteld; mails worden hier getoond.");
  else {
    console.error(
      [
        "",
        "!!! LET OP: er is geen e-mailverzending ingesteld (SMTP_URL ontbreekt).",
        "!!! Uitnodigingen, wachtwoordherstel en herinneringen blijven in de outbox staan",
        "!!! tot SMTP_URL en MAIL_FROM zijn ingesteld en de server opnieuw is gestart.",
        "",
      ].join("\n"),
    );
  }
}

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
  // The place names that words of a search may name: read once here, not by the first search.
  await preloadPlaceWords(db);
  // /healthz: the file must still be the one opened, and readable (src/db-file.ts).
  const ping = await databaseHealthCheck(client, config.databaseUrl);

  const transport = selectTransport(config, smtpTransport);
  announceTransport(config, transport);
  let wake = () => {};
  const runner = startJobRunner({
    db,
    config,
    transport,
    now: () => new Date(),
    runner: `${hostname()}:${process.pid}:${crypto.randomUUID().slice(0, 8)}`,
    mailer: () => wake(),
  });
  wake = () => runner.wake();

  // public/ is served from memory by the app itself, so static files get the same security
  // headers as pages and unknown paths reach the app's own (Dutch / JSON) 404.
  const staticFiles = loadStaticFiles("public");
  setAssetFingerprints([...staticFiles].map(([path, file]) => [path, file.hash]));
  const app = createApp({
    db,
    config,
    mailer: () => wake(),
    mail: { transport: transport?.name ?? null },
    ping,
    dataVersionRecheckMs: 1000,
    compress: nodeCompress,
    gzipStream: nodeGzipStream,
    staticFiles,
  });

  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
    console.log(`Register draait op ${config.baseUrl} (poort ${info.port})`);
  });
  await printStartupLogins(db, config, setup);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    server.close();
    // Let a mail being sent finish and be marked, so it is not sent twice after a restart.
    await Promise.race([runner.stop(), new Promise((r) => setTimeout(r, 5000))]);
    transport?.close?.();
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
