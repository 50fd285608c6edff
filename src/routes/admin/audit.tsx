// /beheer/audit: the audit log, filtered by school and entity, paged.
import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "#src/env";
import { auditEntities, listAudit } from "#src/queries/audit";
import { schoolsOverview } from "#src/queries/accounts";
import { AdminAuditPage, adminAuditHead } from "#views/pages/admin/audit";
import { pageParam } from "./shared";

export const auditRoutes = new Hono<AppEnv>();

const auditFilter = z.object({
  school: z.string().trim().max(64).catch(""),
  entity: z.string().trim().max(64).catch(""),
  page: pageParam,
});

auditRoutes.get("/audit", async (c) => {
  const db = c.get("db");
  const filter = auditFilter.parse({
    school: c.req.query("school") ?? "",
    entity: c.req.query("entity") ?? "",
    page: c.req.query("page") ?? 1,
  });
  const [result, schools, entities] = await Promise.all([
    listAudit(db, {
      schoolId: filter.school || undefined,
      entity: filter.entity || undefined,
      page: filter.page,
    }),
    schoolsOverview(db),
    auditEntities(db),
  ]);
  return c.render(
    <AdminAuditPage
      {...result}
      filter={{ school: filter.school || undefined, entity: filter.entity || undefined }}
      schools={schools.map((s) => ({ id: s.id, name: s.name }))}
      entities={entities}
    />,
    adminAuditHead,
  );
});
