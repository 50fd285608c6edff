// "Meld een fout" reports (DESIGN §5/§6): from the public profile or from the assessor's own page,
// always for the school that registered the assessor; listed and closed by that school.
import { and, asc, desc, eq, isNull } from "drizzle-orm";
import { assessorReports, assessors, users } from "#db/schema";
import type { DB } from "#src/db";
import { newId } from "#src/lib/ids";
import { fullName } from "./assessor-derived";
import { auditEntry } from "./audit";
import { runBatch } from "./batch";

export type ReportSource = "public" | "assessor";
export type ReportStatus = "open" | "closed";

/** The API item (DESIGN §5). */
export type ReportItem = {
  id: string;
  assessor_id: string;
  message: string;
  reply_to: string | null;
  source: ReportSource;
  status: ReportStatus;
  created_at: string;
};

/** What the Meldingen page shows besides the API item. */
export type ReportRow = ReportItem & {
  assessor_name: string;
  closed_at: string | null;
  closed_by_name: string | null;
};

export async function createReport(
  db: DB,
  input: {
    assessorId: string;
    schoolId: string;
    source: ReportSource;
    message: string;
    replyTo: string | null;
  },
): Promise<string> {
  const id = newId();
  // The audit row names the report, never its text or reply address (personal data).
  await runBatch(db, [
    db.insert(assessorReports).values({ id, ...input }),
    auditEntry(db, {
      actorUserId: null,
      schoolId: input.schoolId,
      action: "report.create",
      entity: "assessor",
      entityId: input.assessorId,
      changes: { report: { from: null, to: id }, source: input.source },
      requestId: null,
    }),
  ]);
  return id;
}

const columns = {
  id: assessorReports.id,
  assessorId: assessorReports.assessorId,
  message: assessorReports.message,
  replyTo: assessorReports.replyTo,
  source: assessorReports.source,
  status: assessorReports.status,
  createdAt: assessorReports.createdAt,
  closedAt: assessorReports.closedAt,
  closedByName: users.name,
  closedByEmail: users.email,
  firstName: assessors.firstName,
  infix: assessors.infix,
  lastName: assessors.lastName,
};

type Selected = {
  id: string;
  assessorId: string;
  message: string;
  replyTo: string | null;
  source: ReportSource;
  status: ReportStatus;
  createdAt: string;
  closedAt: string | null;
  closedByName: string | null;
  closedByEmail: string | null;
  firstName: string;
  infix: string;
  lastName: string;
};

function toRow(r: Selected): ReportRow {
  return {
    id: r.id,
    assessor_id: r.assessorId,
    message: r.message,
    reply_to: r.replyTo,
    source: r.source,
    status: r.status,
    created_at: r.createdAt,
    assessor_name: fullName(r),
    closed_at: r.closedAt,
    closed_by_name: r.closedByName || r.closedByEmail,
  };
}

export function toReportItem(r: ReportRow): ReportItem {
  return {
    id: r.id,
    assessor_id: r.assessor_id,
    message: r.message,
    reply_to: r.reply_to,
    source: r.source,
    status: r.status,
    created_at: r.created_at,
  };
}

/** The school's reports; open ones oldest first (a queue), closed ones newest first. */
export async function listReports(
  db: DB,
  schoolId: string,
  status?: ReportStatus,
  limit = 500,
): Promise<ReportRow[]> {
  const where = status
    ? and(eq(assessorReports.schoolId, schoolId), eq(assessorReports.status, status))
    : eq(assessorReports.schoolId, schoolId);
  const rows = await db
    .select(columns)
    .from(assessorReports)
    .innerJoin(assessors, eq(assessors.id, assessorReports.assessorId))
    .leftJoin(users, eq(users.id, assessorReports.closedBy))
    .where(where)
    .orderBy(
      status === "open" ? asc(assessorReports.createdAt) : desc(assessorReports.createdAt),
      asc(assessorReports.id),
    )
    .limit(limit);
  return rows.map(toRow);
}

/**
 * Closes a report of this school (idempotent: closing a closed report changes nothing).
 * null when the school has no such report.
 */
export async function closeReport(
  db: DB,
  schoolId: string,
  reportId: string,
  userId: string,
  now: Date,
): Promise<ReportRow | null> {
  if (!/^[a-z0-9]{1,64}$/.test(reportId)) return null;
  const closed = await db
    .update(assessorReports)
    .set({ status: "closed", closedAt: now.toISOString(), closedBy: userId })
    .where(
      and(
        eq(assessorReports.id, reportId),
        eq(assessorReports.schoolId, schoolId),
        isNull(assessorReports.closedAt),
      ),
    )
    .returning({ assessorId: assessorReports.assessorId });
  if (closed.length === 1)
    await auditEntry(db, {
      actorUserId: userId,
      schoolId,
      action: "report.close",
      entity: "report",
      entityId: reportId,
      changes: { status: { from: "open", to: "closed" }, assessor_id: closed[0].assessorId },
      requestId: null,
    });
  const [row] = await db
    .select(columns)
    .from(assessorReports)
    .innerJoin(assessors, eq(assessors.id, assessorReports.assessorId))
    .leftJoin(users, eq(users.id, assessorReports.closedBy))
    .where(and(eq(assessorReports.id, reportId), eq(assessorReports.schoolId, schoolId)));
  return row ? toRow(row) : null;
}
