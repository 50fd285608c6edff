// The assessor's own access (DESIGN §3): personal links to /mijn-gegevens (32 random bytes, only
// the SHA-256 stored, 30 days), consent given or withdrawn by the assessor, and what erasure
// must remove from these tables.
import { and, eq, gt, isNull, like } from "drizzle-orm";
import {
  assessorAccessTokens,
  assessorReports,
  consentEvents,
  outbox,
  throttleEvents,
} from "#db/schema";
import { CONSENT_TEXT_VERSION } from "#src/rules/consent";
import type { DB } from "#src/db";
import { newId, newToken, sha256Hex } from "#src/lib/ids";
import type { Actor } from "#src/rules/access";
import { changeAssessor } from "./assessor-changes";
import { getAssessor, type AssessorRow } from "./assessors";
import type { Statement } from "./batch";

export const ACCESS_TOKEN_DAYS = 30;

/** The actor of a change the assessor made through their personal link (no user, no school). */
export function assessorActor(requestId: string | null): Actor {
  return { userId: null, schoolId: null, isAdmin: false, requestId };
}

/** A new personal link for this assessor; returns the token for the link (never stored). */
export async function createAccessToken(db: DB, assessorId: string, now: Date): Promise<string> {
  const token = newToken();
  await db.insert(assessorAccessTokens).values({
    id: newId(),
    assessorId,
    tokenHash: await sha256Hex(token),
    expiresAt: new Date(now.getTime() + ACCESS_TOKEN_DAYS * 86_400_000).toISOString(),
  });
  return token;
}

export type AccessLookup =
  | { state: "valid"; assessor: AssessorRow; expiresAt: string }
  | { state: "expired" | "revoked" }
  | { state: "unknown" };

/**
 * The assessor behind a token. Unknown, tampered and erased all answer "unknown" along the same
 * path (one indexed lookup by hash), so the answer and its timing say nothing more.
 */
export async function findAccessToken(db: DB, token: string, now: Date): Promise<AccessLookup> {
  const hash = await sha256Hex(token.slice(0, 200));
  const [row] = await db
    .select()
    .from(assessorAccessTokens)
    .where(eq(assessorAccessTokens.tokenHash, hash));
  const assessor = row ? await getAssessor(db, row.assessorId) : undefined;
  if (!row || !assessor || assessor.erasedAt) return { state: "unknown" };
  if (row.revokedAt) return { state: "revoked" };
  if (Date.parse(row.expiresAt) <= now.getTime()) return { state: "expired" };
  return { state: "valid", assessor, expiresAt: row.expiresAt };
}

/** Ends every open link of the assessor (the address changed: the old mailbox loses access). */
export function revokeAccessTokens(db: DB, assessorId: string, now: Date) {
  return db
    .update(assessorAccessTokens)
    .set({ revokedAt: now.toISOString() })
    .where(
      and(
        eq(assessorAccessTokens.assessorId, assessorId),
        isNull(assessorAccessTokens.revokedAt),
        gt(assessorAccessTokens.expiresAt, now.toISOString()),
      ),
    );
}

/** The assessor gives or withdraws public consent; effective in public search at once. */
export async function setConsentByAssessor(
  db: DB,
  assessorId: string,
  given: boolean,
  requestId: string | null,
): Promise<AssessorRow> {
  return changeAssessor(db, assessorActor(requestId), assessorId, (current) =>
    current.publicConsent === given || current.erasedAt
      ? null
      : {
          set: { publicConsent: given, publicEligible: given },
          changes: {
            public_consent: { from: current.publicConsent, to: given },
            consent_text_version: CONSENT_TEXT_VERSION,
            source: "assessor",
          },
          action: given ? "consent.give" : "consent.withdraw",
          extra: (db) => [
            db.insert(consentEvents).values({
              id: newId(),
              assessorId,
              given,
              textVersion: CONSENT_TEXT_VERSION,
              source: "assessor",
              schoolId: null,
              userId: null,
            }),
          ],
        },
  );
}

/** Mails about one assessor carry this dedupe-key prefix, so that erasure can find them. */
export function assessorMailKey(assessorId: string, purpose: string): string {
  return `assessor:${assessorId}:${purpose}:${newId(10)}`;
}

/** An e-mail address never goes into a throttle key as such: only its hash does. */
export async function addressThrottleKey(email: string): Promise<string> {
  return `own-access:address:${await sha256Hex(email.trim().toLowerCase())}`;
}

/**
 * What erasure removes from the own-access tables: the links, the text and reply address of
 * reports (the rows stay, for counts), queued or sent mails about the assessor, and the
 * throttle rows of their address.
 */
export async function ownAccessErasure(db: DB, current: AssessorRow): Promise<Statement[]> {
  const id = current.id;
  const statements: Statement[] = [
    db.delete(assessorAccessTokens).where(eq(assessorAccessTokens.assessorId, id)),
    db
      .update(assessorReports)
      .set({ message: "", replyTo: null })
      .where(eq(assessorReports.assessorId, id)),
    db.delete(outbox).where(like(outbox.dedupeKey, `assessor:${id}:%`)),
  ];
  if (current.email)
    statements.push(
      db
        .delete(throttleEvents)
        .where(eq(throttleEvents.key, await addressThrottleKey(current.email))),
    );
  return statements;
}
