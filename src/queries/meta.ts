// The data version: a counter every write bumps; public ETags and caches are keyed on it.
import { eq, sql } from "drizzle-orm";
import { meta } from "#db/schema";
import type { DB } from "#src/db";

export function bumpDataVersion(db: DB) {
  return db
    .insert(meta)
    .values({ key: "data_version", value: "1" })
    .onConflictDoUpdate({
      target: meta.key,
      set: { value: sql`CAST(${meta.value} AS INTEGER) + 1` },
    });
}

/** The statement that reads the version, for callers that batch it with their own query (D1). */
export function dataVersionQuery(db: DB) {
  return db.select({ value: meta.value }).from(meta).where(eq(meta.key, "data_version"));
}

export async function getDataVersion(db: DB): Promise<string> {
  const [row] = await dataVersionQuery(db);
  return row?.value ?? "0";
}

// ------------------------------------------------------------------------------------------------
// The in-process copy (Node). Reading the version costs a statement on every public request; this
// keeps it in memory instead. The app forgets it after each of its own writes (createApp), so the
// very next request reads the new one; a write by another process (the CLI, a second server) is
// seen by the re-check, at most `recheckMs` later.

type VersionState = { value: string | null; readAt: number; generation: number };
const states = new WeakMap<DB, VersionState>();

function stateOf(db: DB): VersionState {
  let state = states.get(db);
  if (!state) {
    state = { value: null, readAt: 0, generation: 0 };
    states.set(db, state);
  }
  return state;
}

/** The data version, from memory when it was read less than `recheckMs` ago. */
export async function currentDataVersion(db: DB, recheckMs: number): Promise<string> {
  const state = stateOf(db);
  const now = performance.now();
  if (state.value !== null && now - state.readAt < recheckMs) return state.value;
  const generation = state.generation;
  const value = await getDataVersion(db);
  // A read that overlapped a write of ours may have seen the old value: then it is not kept.
  if (state.generation === generation) {
    state.value = value;
    state.readAt = now;
  }
  return value;
}

/** Called after every write of this process: the next request reads the version again. */
export function forgetDataVersion(db: DB): void {
  const state = stateOf(db);
  state.generation++;
  state.value = null;
}
