// Shared steps of the own-access tests: a registration through the API, reading the outbox.
import { desc, eq, like } from "drizzle-orm";
import { outbox } from "#db/schema";
import type { DB } from "#src/db";
import { CREBO, UTRECHT } from "../helpers/assessors";

export function registrationBody(tag: string, overrides: Record<string, unknown> = {}) {
  return {
    first_name: "Anna",
    infix: "de",
    last_name: `Vries ${tag}`,
    email: `anna-${tag}@voorbeeld.nl`,
    phone: "06-11112222",
    organisation: `Installatiebedrijf ${tag}`,
    places: [UTRECHT],
    crebos: [CREBO],
    initial_training: {
      date: "2024-01-10",
      provider: "Kenniscentrum Techniek",
      components: ["exam_process", "assessing", "final_interview"],
    },
    public_consent: true,
    ...overrides,
  };
}

/** The mails queued for one address, newest first. */
export async function mailsTo(db: DB, to: string) {
  return db.select().from(outbox).where(eq(outbox.toAddress, to)).orderBy(desc(outbox.createdAt));
}

export async function mailsAbout(db: DB, assessorId: string) {
  return db
    .select()
    .from(outbox)
    .where(like(outbox.dedupeKey, `assessor:${assessorId}:%`));
}

/** The personal link in a mail body. */
export function personalLink(body: string): string {
  const match = body.match(/https?:\/\/\S+\/mijn-gegevens\/[A-Za-z0-9_-]+/);
  if (!match) throw new Error(`no personal link in:\n${body}`);
  return match[0];
}

/** Polls until `check` returns a value (work done after a response). */
export async function eventually<T>(check: () => Promise<T | undefined>, ms = 5000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 50));
  }
}
