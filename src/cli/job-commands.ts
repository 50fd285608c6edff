// `jobs run <name>`: runs one job by hand, under the same lease and with the same run record as
// the scheduler (so it never overlaps a run inside `npm start`).
import { hostname } from "node:os";
import type { CliCommand } from "#src/cli-commands";
import { isJobName, JOB_NAMES, runJob } from "#src/jobs/registry";
import { selectTransport } from "#src/mail/sender";
import { smtpTransport } from "#src/mail/smtp";

export class JobCommandError extends Error {}

export const jobCommands: CliCommand[] = [
  {
    name: "jobs",
    sub: "run",
    usage: `jobs run <${JOB_NAMES.join("|")}>`,
    description: "één taak nu uitvoeren (e-mail, herinneringen, bewaartermijn, opruimen)",
    run: async ({ db, config, args }) => {
      const [name] = args;
      if (!name || !isJobName(name))
        throw new JobCommandError(`Kies een taak: ${JOB_NAMES.join(", ")}.`);
      const transport = selectTransport(config, smtpTransport);
      try {
        const outcome = await runJob(
          {
            db,
            config,
            transport,
            now: () => new Date(),
            runner: `cli:${hostname()}:${process.pid}`,
          },
          name,
        );
        if (outcome.result === "ok")
          console.log(`Taak ${name} klaar: ${JSON.stringify(outcome.counts)}`);
        else if (outcome.result === "skipped")
          console.log(`Taak ${name} overgeslagen: die loopt al in een ander proces.`);
        else throw new JobCommandError(`Taak ${name} mislukt: ${outcome.error}`);
        if (name === "outbox" && !transport)
          console.log(
            "Er is geen e-mailverzending ingesteld (SMTP_URL); mail blijft in de outbox.",
          );
      } finally {
        transport?.close?.();
      }
    },
  },
];
