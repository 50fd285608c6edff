// /beheer/mail (the outbox, resend for failed mail) and /beheer/taken (the jobs and their runs),
// plus the banner on every /beheer page when production has no way to deliver mail. Mounted by
// the admin area (index.tsx), which also checks the admin login for every path here.
import { Hono, type Context } from "hono";
import { createMiddleware } from "hono/factory";
import { z } from "zod";
import type { AppEnv } from "#src/env";
import { lastRunPerJob, recentJobRuns } from "#src/queries/jobs";
import {
  listOutbox,
  OUTBOX_STATUSES,
  outboxKinds,
  outboxMailById,
  outboxStatusCounts,
  requeueFailedMail,
} from "#src/queries/outbox";
import { JOB_NAMES } from "#src/rules/jobs";
import { AdminMailPage, MailBanner, adminMailHead } from "#views/pages/admin/mail";
import { AdminJobsPage, adminJobsHead } from "#views/pages/admin/jobs";

export const adminMailPages = new Hono<AppEnv>();

const BANNER = (<MailBanner />).toString();

/**
 * Production without a transport: every /beheer page gets the banner at the top of its content.
 * Done once here rather than in each admin view, so pages added later carry it too.
 */
export const mailBanner = createMiddleware<AppEnv>(async (c, next) => {
  await next();
  const deps = c.get("deps");
  if (c.get("config").env !== "production" || !deps.mail || deps.mail.transport !== null) return;
  if (c.res.status !== 200 || !c.res.headers.get("content-type")?.startsWith("text/html")) return;
  if (c.req.header("hx-request")) return;
  const html = await c.res.text();
  const marked = html.replace(/(<main\b[^>]*>)/, `$1${BANNER}`);
  const headers = new Headers(c.res.headers);
  headers.delete("content-length");
  c.res = new Response(marked, { status: 200, headers });
});

const PER_PAGE = 50;

const mailFilter = z.object({
  status: z
    .enum(OUTBOX_STATUSES as [string, ...string[]])
    .optional()
    .catch(undefined),
  kind: z.string().trim().max(60).optional().catch(undefined),
  to: z.string().trim().max(200).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100000).catch(1),
});

const notices: Record<string, string> = {
  opnieuw: "De e-mail staat weer in de wachtrij en wordt zo verstuurd.",
};

async function renderMail(
  c: Context<AppEnv>,
  extra: { warning?: string } = {},
  status: 200 | 404 | 409 = 200,
) {
  const db = c.get("db");
  const parsed = mailFilter.parse(c.req.query());
  const filter = {
    status: parsed.status as (typeof OUTBOX_STATUSES)[number] | undefined,
    kind: parsed.kind || undefined,
    to: parsed.to || undefined,
  };
  const [{ items, total }, counts, kinds] = await Promise.all([
    listOutbox(db, filter, parsed.page, PER_PAGE),
    outboxStatusCounts(db),
    outboxKinds(db),
  ]);
  const noticeKey = Object.keys(notices).find((k) => c.req.query(k) !== undefined);
  c.status(status);
  return c.render(
    <AdminMailPage
      items={items}
      total={total}
      page={parsed.page}
      perPage={PER_PAGE}
      counts={counts}
      kinds={kinds}
      filter={filter}
      transport={c.get("deps").mail?.transport ?? null}
      notice={noticeKey ? notices[noticeKey] : undefined}
      {...extra}
    />,
    adminMailHead,
  );
}

adminMailPages.get("/mail", (c) => renderMail(c));

adminMailPages.post("/mail/:id/opnieuw", async (c) => {
  const db = c.get("db");
  const id = c.req.param("id");
  const mail = await outboxMailById(db, id);
  if (!mail) return renderMail(c, { warning: "Deze e-mail bestaat niet (meer)." }, 404);
  if (!(await requeueFailedMail(db, id, c.get("now")))) {
    return renderMail(
      c,
      {
        warning:
          "Alleen een mislukte e-mail kan opnieuw worden verstuurd; deze is dat niet (meer).",
      },
      409,
    );
  }
  // The sender is told, as after any newly queued mail.
  await c.get("deps").mailer?.({ to: mail.toAddress, subject: mail.subject, body: mail.body });
  return c.redirect("/beheer/mail?opnieuw", 303);
});

adminMailPages.get("/taken", async (c) => {
  const db = c.get("db");
  const [last, runs] = await Promise.all([lastRunPerJob(db), recentJobRuns(db, 50)]);
  const jobs = JOB_NAMES.map((job) => ({ job, last: last.find((r) => r.job === job) ?? null }));
  return c.render(<AdminJobsPage jobs={jobs} runs={runs} />, adminJobsHead);
});
