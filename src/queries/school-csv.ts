// The school's CSV export: the list rows plus training details and logs, loaded in chunks
// (no query per assessor).
import { sql } from "drizzle-orm";
import type { DB } from "#src/db";
import { CSV_COLUMNS, csvRow, type CsvExtras } from "#src/rules/csv-columns";
import type { Actor } from "#src/rules/access";
import { listSchoolAssessors, type ListFilter } from "./assessor-list";
import { parseComponents } from "./assessor-record";

async function extrasFor(db: DB, ids: string[]): Promise<Map<string, CsvExtras>> {
  const extras = new Map<string, CsvExtras>();
  for (let i = 0; i < ids.length; i += 90) {
    const list = sql.join(
      ids.slice(i, i + 90).map((id) => sql`${id}`),
      sql`, `,
    );
    const [rows, exams, refreshers] = await db.batch([
      db.all<{ id: string; d: string; p: string; c: string; r: string | null }>(
        sql`SELECT id, initial_training_date AS d, initial_training_provider AS p, initial_training_components AS c, deregistration_reason AS r FROM assessors WHERE id IN (${list})`,
      ),
      db.all<{ a: string; date: string; crebo: string; notes: string }>(
        sql`SELECT assessor_id AS a, date, crebo_code AS crebo, notes FROM examinations WHERE assessor_id IN (${list}) ORDER BY date, created_at`,
      ),
      db.all<{ a: string; date: string; kind: string; provider: string; description: string }>(
        sql`SELECT assessor_id AS a, date, kind, provider, description FROM refresher_trainings WHERE assessor_id IN (${list}) ORDER BY date, created_at`,
      ),
    ]);
    for (const r of rows)
      extras.set(r.id, {
        trainingDate: r.d,
        trainingProvider: r.p,
        components: parseComponents(r.c),
        deregistrationReason: r.r ?? "",
        examinations: [],
        refresherTrainings: [],
      });
    for (const e of exams) extras.get(e.a)?.examinations.push(e);
    for (const r of refreshers) extras.get(r.a)?.refresherTrainings.push(r);
  }
  return extras;
}

/** Header + rows of every assessor matching the filter (not paged). */
export async function schoolCsvRows(
  db: DB,
  actor: Actor,
  filter: ListFilter,
): Promise<{ header: readonly string[]; rows: string[][] }> {
  const { items } = await listSchoolAssessors(db, actor, { ...filter, perPage: null, page: 1 });
  const extras = await extrasFor(
    db,
    items.map((i) => i.id),
  );
  return { header: CSV_COLUMNS, rows: items.map((item) => csvRow(item, extras.get(item.id)!)) };
}
