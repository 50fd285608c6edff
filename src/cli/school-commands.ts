// CLI commands of the school area: daily reminders, retention, and a CSV import for a school.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { notifyRegisteredMany } from "#src/auth/assessor-notices";
import type { CliCommand } from "#src/cli-commands";
import { consoleMailer } from "#src/mail";
import { sendReminders } from "#src/jobs/reminders";
import { eraseExpiredDeregistrations } from "#src/jobs/retention";
import { commitImport, previewImport, schoolUserByEmail } from "#src/queries/import";
import { amsterdamDate } from "#src/rules";

export class CliInputError extends Error {}

export const schoolCommands: CliCommand[] = [
  {
    name: "reminders",
    usage: "reminders",
    description: "herinneringen 90 en 30 dagen voor de uiterste datum versturen (dagelijks)",
    run: async ({ db, config }) => {
      const today = amsterdamDate(new Date());
      const count = await sendReminders(
        { db, config, mailer: config.env === "development" ? consoleMailer : undefined },
        today,
      );
      console.log(`${count} herinnering(en) in de wachtrij gezet (${today}).`);
    },
  },
  {
    name: "retention",
    usage: "retention",
    description: "persoonsgegevens van afgemelde beoordelaars na de bewaartermijn wissen",
    run: async ({ db, config }) => {
      const today = amsterdamDate(new Date());
      const count = await eraseExpiredDeregistrations(db, config, today);
      console.log(
        `${count} afgemelde beoordelaar(s) gewist (bewaartermijn ${config.retentionDays} dagen).`,
      );
    },
  },
  {
    name: "import",
    usage: "import --school-email E --file F.csv [--valid-only]",
    description: "beoordelaars uit een CSV-bestand importeren voor een school",
    run: async ({ db, config, args }) => {
      const { values } = parseArgs({
        args,
        options: {
          "school-email": { type: "string" },
          file: { type: "string" },
          "valid-only": { type: "boolean" },
        },
      });
      const email = values["school-email"];
      if (!email || !values.file)
        throw new CliInputError("Gebruik: import --school-email E --file F.csv [--valid-only]");
      const who = await schoolUserByEmail(db, email);
      if (!who) throw new CliInputError(`Geen actieve schoolgebruiker met e-mailadres ${email}.`);
      let text: string;
      try {
        text = readFileSync(values.file, "utf8");
      } catch {
        throw new CliInputError(`Kan het bestand ${values.file} niet lezen.`);
      }
      const preview = await previewImport(db, text, amsterdamDate(new Date()));
      if (preview.fileErrors.length) throw new CliInputError(preview.fileErrors.join(" "));
      const bad = preview.rows.filter((r) => r.status !== "ok");
      for (const r of bad) {
        const detail = Object.entries(r.errors)
          .map(([k, m]) => `${k}: ${m}`)
          .join("; ");
        console.log(`rij ${r.row} (${r.name || r.email || "?"}): ${detail}`);
      }
      if (bad.length && !values["valid-only"])
        throw new CliInputError(
          `${bad.length} van de ${preview.rows.length} rijen bevatten fouten; er is niets geïmporteerd. Gebruik --valid-only om alleen de geldige rijen te importeren.`,
        );
      const ids = await commitImport(
        db,
        { userId: who.userId, schoolId: who.schoolId, isAdmin: false, requestId: "cli-import" },
        preview.valid,
      );
      // Each imported assessor is told, as after an import in the browser (DESIGN §3).
      const now = new Date();
      await notifyRegisteredMany(
        db,
        {
          baseUrl: config.baseUrl,
          now,
          today: amsterdamDate(now),
          expiringDays: config.expiringDays,
          retentionDays: config.retentionDays,
          mailer: config.env === "production" ? undefined : consoleMailer,
        },
        ids.values(),
        who.schoolId,
      );
      console.log(
        `${ids.size} beoordelaar(s) geïmporteerd${bad.length ? `, ${bad.length} rij(en) overgeslagen` : ""}.`,
      );
    },
  },
];
