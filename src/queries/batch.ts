// db.batch for a list built at run time (drizzle types batch() for literal tuples only).
import type { BatchItem } from "drizzle-orm/batch";
import type { DB } from "#src/db";

export type Statement = BatchItem<"sqlite">;

/** Runs the statements in one batch: one transaction on libSQL and D1, all or nothing. */
export async function runBatch(db: DB, statements: Statement[]): Promise<unknown[]> {
  if (statements.length === 0) return [];
  return db.batch(statements as [Statement, ...Statement[]]);
}

/** Splits rows so that one INSERT stays under D1's limit of 100 bound parameters. */
export function chunkRows<T extends object>(rows: T[], columnsPerRow: number): T[][] {
  const size = Math.max(1, Math.floor(99 / Math.max(1, columnsPerRow)));
  const chunks: T[][] = [];
  for (let i = 0; i < rows.length; i += size) chunks.push(rows.slice(i, i + size));
  return chunks;
}

/** True when a failed write was a UNIQUE violation on the given index/column text. */
export function isUniqueViolation(err: unknown, column: string): boolean {
  const text = errorText(err);
  return text.includes("UNIQUE constraint failed") && text.includes(column);
}

export function errorText(err: unknown): string {
  let text = "";
  let e: unknown = err;
  for (let depth = 0; e && depth < 5; depth++) {
    text += ` ${(e as { message?: string }).message ?? String(e)}`;
    e = (e as { cause?: unknown }).cause;
  }
  return text;
}
