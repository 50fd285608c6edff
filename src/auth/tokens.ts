// School API tokens: 32 random bytes shown once, stored as SHA-256, revocable.
import { and, eq, isNull } from "drizzle-orm";
import { apiTokens } from "#db/schema";
import type { DB } from "#src/db";
import { newId, newToken, sha256Hex } from "#src/lib/ids";

export async function createApiToken(
  db: DB,
  input: { userId: string; schoolId: string | null; name: string },
): Promise<{ id: string; token: string }> {
  const token = `rgp_${newToken()}`;
  const id = newId();
  await db.insert(apiTokens).values({
    id,
    userId: input.userId,
    schoolId: input.schoolId,
    name: input.name,
    tokenHash: await sha256Hex(token),
  });
  return { id, token };
}

/** The user id behind a live (not revoked) token, or null. Records the last use. */
export async function verifyApiToken(
  db: DB,
  token: string,
): Promise<{ userId: string; tokenId: string } | null> {
  const hash = await sha256Hex(token);
  const [row] = await db
    .select({ id: apiTokens.id, userId: apiTokens.userId, lastUsedAt: apiTokens.lastUsedAt })
    .from(apiTokens)
    .where(and(eq(apiTokens.tokenHash, hash), isNull(apiTokens.revokedAt)));
  if (!row) return null;
  const now = new Date().toISOString();
  // Write the last use at most once a minute: a token can be used for bursts of requests.
  if (!row.lastUsedAt || Date.parse(now) - Date.parse(row.lastUsedAt) > 60_000) {
    await db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.id));
  }
  return { userId: row.userId, tokenId: row.id };
}

export async function revokeApiToken(
  db: DB,
  tokenId: string,
  userIds: readonly string[],
): Promise<boolean> {
  const [row] = await db.select().from(apiTokens).where(eq(apiTokens.id, tokenId));
  if (!row || !userIds.includes(row.userId) || row.revokedAt) return false;
  await db
    .update(apiTokens)
    .set({ revokedAt: new Date().toISOString() })
    .where(eq(apiTokens.id, tokenId));
  return true;
}

export async function revokeUserTokens(db: DB, userId: string): Promise<void> {
  await db
    .update(apiTokens)
    .set({ revokedAt: new Date().toISOString() })
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)));
}
