// The outbox as a queue: queue a mail, claim due rows with a lease (one statement, so two senders
// never take the same row), record the outcome of a try, and the reads behind /beheer/mail.
import { and, asc, count, desc, eq, inArray, lt, lte, or, sql } from "drizzle-orm";
import { outbox } from "#db/schema";
import type { DB } from "#src/db";
import { newId } from "#src/lib/ids";

export type OutboxRow = typeof outbox.$inferSelect;
export type OutboxStatus = OutboxRow["status"];
export const OUTBOX_STATUSES: readonly OutboxStatus[] = ["queued", "sending", "sent", "failed"];

/** What replaces a one-time link in the stored body once the mail is delivered (issue 12 item 6). */
export const REDACTED_LINK = "[link verwijderd na verzending]";

export type NewOutboxMail = {
  to: string;
  subject: string;
  body: string;
  kind: string;
  dedupeKey: string | null;
  automatic: boolean;
  oneTimeLinks: string[];
};

/** Inserts a queued mail, due at once; false when its dedupe key was queued before. */
export async function insertOutboxMail(db: DB, mail: NewOutboxMail, now: Date): Promise<boolean> {
  const inserted = await db
    .insert(outbox)
    .values({
      id: newId(),
      toAddress: mail.to,
      subject: mail.subject,
      body: mail.body,
      kind: mail.kind,
      dedupeKey: mail.dedupeKey,
      automatic: mail.automatic,
      oneTimeLinks: mail.oneTimeLinks.length ? JSON.stringify(mail.oneTimeLinks) : null,
      status: "queued",
      nextAttemptAt: now.toISOString(),
    })
    .onConflictDoNothing()
    .returning({ id: outbox.id });
  return inserted.length > 0;
}

/**
 * Claims up to `limit` due mails for `holder` until `leaseUntil`: queued rows whose next try has
 * come, and rows still `sending` whose sender's lease ran out (it crashed mid-send). One UPDATE …
 * RETURNING: SQLite runs it under the write lock, so a row is never handed to two senders.
 * The try is counted here, so a sender that dies while sending still uses up a try.
 */
export async function claimDueMails(
  db: DB,
  holder: string,
  now: Date,
  leaseUntil: Date,
  limit: number,
): Promise<OutboxRow[]> {
  const at = now.toISOString();
  const due = or(
    and(eq(outbox.status, "queued"), lte(outbox.nextAttemptAt, at)),
    and(eq(outbox.status, "sending"), lt(outbox.claimedUntil, at)),
  );
  const candidates = db
    .select({ id: outbox.id })
    .from(outbox)
    .where(due)
    .orderBy(asc(outbox.nextAttemptAt))
    .limit(limit);
  return db
    .update(outbox)
    .set({
      status: "sending",
      claimedBy: holder,
      claimedUntil: leaseUntil.toISOString(),
      attempts: sql`${outbox.attempts} + 1`,
    })
    .where(and(inArray(outbox.id, candidates), due))
    .returning();
}

/** The body as stored after delivery: every one-time link replaced. */
export function redactedBody(row: Pick<OutboxRow, "body" | "oneTimeLinks">): string {
  if (!row.oneTimeLinks) return row.body;
  let body = row.body;
  for (const link of JSON.parse(row.oneTimeLinks) as string[]) {
    if (link) body = body.split(link).join(REDACTED_LINK);
  }
  return body;
}

/** Delivered: status sent, the one-time links gone from the body. Only by the lease holder. */
export async function markSent(db: DB, row: OutboxRow, holder: string, now: Date): Promise<void> {
  await db
    .update(outbox)
    .set({
      status: "sent",
      sentAt: now.toISOString(),
      body: redactedBody(row),
      oneTimeLinks: null,
      lastError: null,
      claimedBy: null,
      claimedUntil: null,
    })
    .where(and(eq(outbox.id, row.id), eq(outbox.claimedBy, holder)));
}

/**
 * A failed try: back to queued with the next try after the backoff for this attempt, or `failed`
 * when every try is used up. Returns the new status.
 */
export async function markAttemptFailed(
  db: DB,
  row: OutboxRow,
  holder: string,
  now: Date,
  error: string,
  backoffSeconds: readonly number[],
): Promise<"queued" | "failed"> {
  const wait = backoffSeconds[row.attempts - 1];
  const status = wait === undefined ? "failed" : "queued";
  await db
    .update(outbox)
    .set({
      status,
      lastError: error.slice(0, 500),
      nextAttemptAt:
        wait === undefined
          ? now.toISOString()
          : new Date(now.getTime() + wait * 1000).toISOString(),
      claimedBy: null,
      claimedUntil: null,
    })
    .where(and(eq(outbox.id, row.id), eq(outbox.claimedBy, holder)));
  return status;
}

/** The moment the next queued mail (or expired claim) is due, for the sender's timer. */
export async function nextDueAt(db: DB): Promise<string | null> {
  const [queued] = await db
    .select({ at: sql<string | null>`min(${outbox.nextAttemptAt})` })
    .from(outbox)
    .where(eq(outbox.status, "queued"));
  const [sending] = await db
    .select({ at: sql<string | null>`min(${outbox.claimedUntil})` })
    .from(outbox)
    .where(eq(outbox.status, "sending"));
  const moments = [queued?.at, sending?.at].filter((m): m is string => !!m).sort();
  return moments[0] ?? null;
}

/** Resend from /beheer/mail: a failed mail is queued again with fresh tries. */
export async function requeueFailedMail(db: DB, id: string, now: Date): Promise<boolean> {
  const updated = await db
    .update(outbox)
    .set({ status: "queued", attempts: 0, nextAttemptAt: now.toISOString(), lastError: null })
    .where(and(eq(outbox.id, id), eq(outbox.status, "failed")))
    .returning({ id: outbox.id });
  return updated.length > 0;
}

export type OutboxFilter = { status?: OutboxStatus; kind?: string; to?: string };

function filterWhere(filter: OutboxFilter) {
  return and(
    filter.status ? eq(outbox.status, filter.status) : undefined,
    filter.kind ? eq(outbox.kind, filter.kind) : undefined,
    filter.to ? sql`instr(lower(${outbox.toAddress}), ${filter.to.toLowerCase()}) > 0` : undefined,
  );
}

export type OutboxListItem = Pick<
  OutboxRow,
  | "id"
  | "toAddress"
  | "subject"
  | "kind"
  | "status"
  | "attempts"
  | "lastError"
  | "nextAttemptAt"
  | "createdAt"
  | "sentAt"
>;

/** One page of the outbox for /beheer/mail, newest first (the body is not listed). */
export async function listOutbox(
  db: DB,
  filter: OutboxFilter,
  page: number,
  perPage: number,
): Promise<{ items: OutboxListItem[]; total: number }> {
  const where = filterWhere(filter);
  const [items, [{ n }]] = await Promise.all([
    db
      .select({
        id: outbox.id,
        toAddress: outbox.toAddress,
        subject: outbox.subject,
        kind: outbox.kind,
        status: outbox.status,
        attempts: outbox.attempts,
        lastError: outbox.lastError,
        nextAttemptAt: outbox.nextAttemptAt,
        createdAt: outbox.createdAt,
        sentAt: outbox.sentAt,
      })
      .from(outbox)
      .where(where)
      .orderBy(desc(outbox.createdAt), desc(outbox.id))
      .limit(perPage)
      .offset((page - 1) * perPage),
    db.select({ n: count() }).from(outbox).where(where),
  ]);
  return { items, total: n };
}

/** How many mails are in each status (the counts above the list). */
export async function outboxStatusCounts(db: DB): Promise<Record<OutboxStatus, number>> {
  const rows = await db
    .select({ status: outbox.status, n: count() })
    .from(outbox)
    .groupBy(outbox.status);
  const counts: Record<OutboxStatus, number> = { queued: 0, sending: 0, sent: 0, failed: 0 };
  for (const r of rows) counts[r.status] = r.n;
  return counts;
}

/** The kinds of mail in the outbox (the filter's options). */
export async function outboxKinds(db: DB): Promise<string[]> {
  const rows = await db.selectDistinct({ kind: outbox.kind }).from(outbox).orderBy(outbox.kind);
  return rows.map((r) => r.kind);
}

export async function outboxMailById(db: DB, id: string): Promise<OutboxRow | undefined> {
  const [row] = await db.select().from(outbox).where(eq(outbox.id, id));
  return row;
}
