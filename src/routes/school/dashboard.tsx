// /school (counts, filters, the list), the CSV export, the CSV import with preview, and the
// readable AVG inzage page.
import { Hono, type Context } from "hono";
import type { AppEnv } from "#src/env";
import { isHtmxRequest, varyOnHtmx } from "#src/http/htmx";
import { noticeFrom } from "#src/http/notice";
import { withQuery } from "#src/lib/links";
import { toCsv } from "#src/lib/csv";
import { listSchoolAssessors, statusCounts, type ListFilter } from "#src/queries/assessor-list";
import { commitImport, previewImport } from "#src/queries/import";
import { noticeContext, notifyRegisteredMany } from "#src/auth/assessor-notices";
import { exportAssessor } from "#src/queries/privacy";
import { schoolCsvRows } from "#src/queries/school-csv";
import type { AssessorStatus } from "#src/rules";
import { DashboardPage, type DashboardFilter, dashboardHead } from "#views/pages/school/dashboard";
import { ImportPage, importHead } from "#views/pages/school/import";
import { InzagePage, inzageHead } from "#views/pages/school/inzage";
import { AssessorList, type ListView } from "#views/partials/school/assessor-list";
import { requireSchoolPage } from "#src/http/guards";
import { readForm } from "./forms";
import { actorOf, loadOr404, schoolActorOf, schoolOrAdminPage } from "./context";
import { STATUSES } from "#src/rules/assessor-input";

export const dashboardPages = new Hono<AppEnv>();

const PER_PAGE = 50;

const DASHBOARD_NOTICES: Record<string, string> = {
  afgemeld:
    "De beoordelaar is afgemeld. Alleen de school die hem of haar registreerde, ziet de gegevens nog.",
};

function dashboardFilter(c: Context<AppEnv>): DashboardFilter & { page: number } {
  const status = c.req.query("status") ?? "";
  const page = Number(c.req.query("page") ?? "1");
  return {
    q: (c.req.query("q") ?? "").trim().slice(0, 200),
    status: (STATUSES as readonly string[]).includes(status) ? status : "",
    linked: c.req.query("linked") === "false" ? "false" : "true",
    page: Number.isInteger(page) && page >= 1 && page <= 100000 ? page : 1,
  };
}

dashboardPages.get("/", schoolOrAdminPage, async (c) => {
  const db = c.get("db");
  const actor = actorOf(c);
  const f = dashboardFilter(c);
  const ownOnly = !actor.isAdmin && f.linked === "true";
  const filter: ListFilter = {
    status: (f.status || undefined) as AssessorStatus | undefined,
    q: f.q || undefined,
    linked: ownOnly,
    on: c.get("today"),
    today: c.get("today"),
    expiringDays: c.get("config").expiringDays,
    sort: ownOnly || f.status ? "deadline" : "name",
    page: f.page,
    perPage: PER_PAGE,
  };
  const { items, total } = await listSchoolAssessors(db, actor, filter);
  const linkWith = (changes: Record<string, string | undefined>) => {
    const merged: Record<string, string | undefined> = {
      q: f.q,
      status: f.status,
      linked: actor.isAdmin ? undefined : f.linked,
      page: String(f.page),
      ...changes,
    };
    if (merged.page === "1") merged.page = undefined;
    return withQuery("/school", merged);
  };
  const list: ListView = {
    items,
    total,
    page: f.page,
    perPage: PER_PAGE,
    today: c.get("today"),
    expiringDays: filter.expiringDays,
    ownOnly,
    linkWith,
  };
  varyOnHtmx(c);
  if (isHtmxRequest(c)) return c.html(<AssessorList {...list} />);
  const counts = await statusCounts(db, actor, c.get("today"), filter.expiringDays);
  const notice =
    noticeFrom(c, DASHBOARD_NOTICES) ??
    (c.req.query("geimporteerd")
      ? `${Number(c.req.query("geimporteerd")) || 0} beoordelaar(s) geïmporteerd.`
      : undefined);
  return c.render(
    <DashboardPage counts={counts} filter={f} list={list} notice={notice} />,
    dashboardHead(actor.isAdmin),
  );
});

dashboardPages.get("/beoordelaars.csv", requireSchoolPage, async (c) => {
  const { header, rows } = await schoolCsvRows(c.get("db"), actorOf(c), {
    linked: true,
    on: c.get("today"),
    today: c.get("today"),
    expiringDays: c.get("config").expiringDays,
    sort: "deadline",
    page: 1,
    perPage: null,
  });
  c.header("Content-Type", "text/csv; charset=utf-8");
  c.header("Content-Disposition", `attachment; filename="beoordelaars-${c.get("today")}.csv"`);
  return c.body(toCsv(header, rows));
});

// ---------------------------------------------------------------- import

dashboardPages.get("/import", requireSchoolPage, (c) => c.render(<ImportPage />, importHead));

dashboardPages.post("/import", requireSchoolPage, async (c) => {
  const body = await c.req.parseBody();
  const file = body.file;
  if (!(file instanceof File) || file.size === 0) {
    c.status(422);
    return c.render(<ImportPage errors={{ file: "Kies een CSV-bestand." }} />, importHead);
  }
  const csv = await file.text();
  const preview = await previewImport(c.get("db"), csv, c.get("today"), actorOf(c));
  if (preview.fileErrors.length) {
    c.status(422);
    return c.render(<ImportPage errors={{ file: preview.fileErrors.join(" ") }} />, importHead);
  }
  const view = { rows: preview.rows, valid: preview.valid.length, csv, fileName: file.name };
  c.status(preview.valid.length === preview.rows.length ? 200 : 422);
  return c.render(<ImportPage preview={view} />, importHead);
});

dashboardPages.post("/import/bevestigen", requireSchoolPage, async (c) => {
  const actor = schoolActorOf(c);
  const form = await readForm(c);
  const csv = form.one("csv");
  const preview = await previewImport(c.get("db"), csv, c.get("today"), actorOf(c));
  const invalid = preview.rows.length - preview.valid.length;
  // Re-checked on confirmation: the register may have changed since the preview.
  if (
    preview.fileErrors.length ||
    preview.valid.length === 0 ||
    (invalid > 0 && form.one("mode") !== "valid")
  ) {
    const view = { rows: preview.rows, valid: preview.valid.length, csv, fileName: "" };
    c.status(422);
    return c.render(
      <ImportPage
        preview={view}
        errors={preview.fileErrors.length ? { file: preview.fileErrors.join(" ") } : {}}
      />,
      importHead,
    );
  }
  const ids = await commitImport(c.get("db"), actor, preview.valid);
  await notifyRegisteredMany(c.get("db"), noticeContext(c), ids.values(), actor.schoolId);
  return c.redirect(`/school?geimporteerd=${ids.size}`, 303);
});

// ---------------------------------------------------------------- AVG inzage

dashboardPages.get("/beoordelaars/:id/inzage", schoolOrAdminPage, async (c) => {
  const { assessor, linked } = await loadOr404(c, c.req.param("id"));
  const data = await exportAssessor(c.get("db"), assessor, {
    linked,
    on: c.get("today"),
    expiringDays: c.get("config").expiringDays,
    now: c.get("now"),
  });
  return c.render(<InzagePage data={data} />, inzageHead(data.assessor.name));
});
