// One-time links: invites (7 days), password resets (1 hour) and the admin setup link.
// The link carries 32 random bytes; the database keeps only the SHA-256. Each link works once.
import { and, eq, isNull } from "drizzle-orm";
import { invites } from "#db/schema";
import type { DB } from "#src/db";
import type { Role } from "#src/env";
import { newId, newToken, sha256Hex } from "#src/lib/ids";

export type InviteKind = "invite" | "reset" | "admin_setup";
export type Invite = typeof invites.$inferSelect;

export const INVITE_TTL_MS = 7 * 24 * 3600_000;
export const RESET_TTL_MS = 3600_000;

export function ttlFor(kind: InviteKind): number {
  return kind === "reset" ? RESET_TTL_MS : INVITE_TTL_MS;
}

export type NewInvite = {
  kind: InviteKind;
  email: string;
  role?: Role | null;
  schoolId?: string | null;
  userId?: string | null;
  invitedBy?: string | null;
};

/** The row to insert and the token for the link (the token is not stored). */
export async function prepareInvite(
  input: NewInvite,
  now: Date,
): Promise<{ row: typeof invites.$inferInsert; token: string }> {
  const token = newToken();
  return {
    token,
    row: {
      id: newId(),
      kind: input.kind,
      tokenHash: await sha256Hex(token),
      email: input.email.trim().toLowerCase(),
      role: input.role ?? null,
      schoolId: input.schoolId ?? null,
      userId: input.userId ?? null,
      invitedBy: input.invitedBy ?? null,
      expiresAt: new Date(now.getTime() + ttlFor(input.kind)).toISOString(),
    },
  };
}

export async function createInvite(
  db: DB,
  input: NewInvite,
  now: Date,
): Promise<{ id: string; token: string }> {
  const { row, token } = await prepareInvite(input, now);
  await db.insert(invites).values(row);
  return { id: row.id!, token };
}

export type InviteLookup =
  | { state: "valid"; invite: Invite }
  | { state: "used" | "expired"; invite: Invite }
  | { state: "unknown" };

/** Finds the link of this token (of one of the given kinds) and says whether it can still be used. */
export async function findInvite(
  db: DB,
  token: string,
  kinds: readonly InviteKind[],
  now: Date,
): Promise<InviteLookup> {
  if (!token || token.length > 100) return { state: "unknown" };
  const [invite] = await db
    .select()
    .from(invites)
    .where(eq(invites.tokenHash, await sha256Hex(token)));
  if (!invite || !kinds.includes(invite.kind)) return { state: "unknown" };
  if (invite.usedAt) return { state: "used", invite };
  if (Date.parse(invite.expiresAt) <= now.getTime()) return { state: "expired", invite };
  return { state: "valid", invite };
}

/**
 * Marks the link used. Only the first caller gets true, so two tabs submitting the same link at
 * once cannot both use it.
 */
export async function claimInvite(db: DB, inviteId: string, now: Date): Promise<boolean> {
  const claimed = await db
    .update(invites)
    .set({ usedAt: now.toISOString() })
    .where(and(eq(invites.id, inviteId), isNull(invites.usedAt)))
    .returning({ id: invites.id });
  return claimed.length === 1;
}

/** Ends every open link of a kind for a user (e.g. older reset links after a password change). */
export function closeOpenInvitesQuery(
  db: DB,
  where: { userId?: string; email?: string; kind: InviteKind },
  now: Date,
) {
  const conditions = [eq(invites.kind, where.kind), isNull(invites.usedAt)];
  if (where.userId) conditions.push(eq(invites.userId, where.userId));
  if (where.email) conditions.push(eq(invites.email, where.email.toLowerCase()));
  return db
    .update(invites)
    .set({ usedAt: now.toISOString() })
    .where(and(...conditions));
}
