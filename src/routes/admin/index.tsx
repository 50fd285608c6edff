// The register office's /beheer pages (issue 4): account requests, schools, crebos, audit log.
import { Hono, type Context } from "hono";
import { z } from "zod";
import type { AppEnv } from "#src/env";
import {
  AccountError,
  approveAccountRequest,
  flowContext,
  refuseAccountRequest,
  setSchoolStatus,
} from "#src/auth/accounts";
import { requireAdminPage } from "#src/http/guards";
import { formFields } from "#src/auth/http";
import {
  pendingAccountRequests,
  schoolById,
  schoolsOverview,
  schoolUsers,
} from "#src/queries/accounts";
import { auditEntities, listAudit } from "#src/queries/audit";
import {
  addCrebo,
  creboByCode,
  CreboError,
  listCrebosForAdmin,
  renameCrebo,
  setCreboRetired,
} from "#src/queries/crebos-admin";
import { renderError } from "#src/http/error-page";
import { handleChangePassword } from "#src/routes/account";
import { AdminOverviewPage } from "#views/pages/admin/overview";
import { AdminSchoolPage } from "#views/pages/admin/school";
import { AdminCreboPage, AdminCrebosPage } from "#views/pages/admin/crebos";
import { AdminAuditPage } from "#views/pages/admin/audit";
import { ChangePasswordPage } from "#views/pages/account/password";
import { adminMailPages, mailBanner } from "./mail";

export const adminPages = new Hono<AppEnv>();

// "*" in a sub-app mounted at /beheer covers /beheer itself as well as /beheer/….
adminPages.use("*", requireAdminPage);
// Production without a mail transport: a banner on every admin page (see ./mail.tsx).
adminPages.use("*", mailBanner);
// /beheer/mail and /beheer/taken.
adminPages.route("/", adminMailPages);

const notices: Record<string, string> = {
  goedgekeurd: "De aanvraag is goedgekeurd. De contactpersoon heeft een uitnodiging gekregen.",
  geweigerd: "De aanvraag is geweigerd. De aanvrager heeft de reden per e-mail gekregen.",
  opgeschort:
    "De school is opgeschort. Haar gebruikers zijn uitgelogd en haar tokens werken niet meer.",
  heractiveerd: "De school is weer actief.",
  toegevoegd: "De crebo is toegevoegd.",
  hernoemd: "De naam van de crebo is gewijzigd.",
  vervallen: "De crebo is vervallen.",
  hersteld: "De crebo is weer in gebruik.",
  gewijzigd: "Uw wachtwoord is gewijzigd. U bent op alle andere apparaten uitgelogd.",
};

function notice(c: Context<AppEnv>): string | undefined {
  const key = Object.keys(notices).find((k) => c.req.query(k) !== undefined);
  return key ? notices[key] : undefined;
}

const pageParam = z.coerce.number().int().min(1).max(100000).catch(1);

// ---------------------------------------------------------------- requests and schools

async function renderOverview(
  c: Context<AppEnv>,
  extra: {
    warning?: string;
    refuseError?: { requestId: string; message: string; reason?: string };
  } = {},
  status: 200 | 404 | 409 | 422 = 200,
) {
  const db = c.get("db");
  const [requests, schools] = await Promise.all([pendingAccountRequests(db), schoolsOverview(db)]);
  return c.html(
    <AdminOverviewPage
      auth={c.get("auth")!}
      requests={requests.map((r) => ({
        ...r.request,
        placeName: r.placeName,
        municipality: r.municipality,
      }))}
      schools={schools}
      notice={notice(c)}
      {...extra}
    />,
    status,
  );
}

adminPages.get("/", (c) => renderOverview(c));

adminPages.post("/aanvragen/:id/goedkeuren", async (c) => {
  try {
    await approveAccountRequest(flowContext(c), c.req.param("id"));
  } catch (err) {
    if (!(err instanceof AccountError)) throw err;
    return renderOverview(c, { warning: err.message }, err.status === 404 ? 404 : 409);
  }
  return c.redirect("/beheer?goedgekeurd", 303);
});

const refuseSchema = z.object({
  reason: z
    .string()
    .trim()
    .min(3, "Vul de reden van de weigering in; de aanvrager krijgt deze te lezen.")
    .max(1000, "Houd de reden kort (hoogstens 1000 tekens)."),
});

adminPages.post("/aanvragen/:id/weigeren", async (c) => {
  const id = c.req.param("id");
  const form = await formFields(c);
  const parsed = refuseSchema.safeParse(form);
  if (!parsed.success) {
    return renderOverview(
      c,
      {
        refuseError: {
          requestId: id,
          message: parsed.error.issues[0].message,
          reason: form.reason,
        },
      },
      422,
    );
  }
  try {
    await refuseAccountRequest(flowContext(c), id, parsed.data.reason);
  } catch (err) {
    if (!(err instanceof AccountError)) throw err;
    return renderOverview(c, { warning: err.message }, err.status === 404 ? 404 : 409);
  }
  return c.redirect("/beheer?geweigerd", 303);
});

adminPages.get("/scholen/:id", async (c) => {
  const db = c.get("db");
  const school = await schoolById(db, c.req.param("id"));
  if (!school) return renderError(c, 404, "Niet gevonden", "Deze school bestaat niet.");
  const users = await schoolUsers(db, school.id, { includeRemoved: true });
  return c.html(
    <AdminSchoolPage auth={c.get("auth")!} school={school} users={users} notice={notice(c)} />,
  );
});

for (const [path, status, done] of [
  ["opschorten", "suspended", "opgeschort"],
  ["heractiveren", "active", "heractiveerd"],
] as const) {
  adminPages.post(`/scholen/:id/${path}`, async (c) => {
    const id = c.req.param("id");
    try {
      await setSchoolStatus(flowContext(c), id, status);
    } catch (err) {
      if (!(err instanceof AccountError)) throw err;
      return renderError(c, 404, "Niet gevonden", err.message);
    }
    return c.redirect(`/beheer/scholen/${id}?${done}`, 303);
  });
}

// ---------------------------------------------------------------- crebos

const creboFilter = z.object({
  q: z.string().trim().max(100).catch(""),
  status: z.enum(["active", "retired", "all"]).catch("active"),
  page: pageParam,
});

async function renderCrebos(
  c: Context<AppEnv>,
  extra: { values?: Record<string, string>; errors?: Record<string, string> } = {},
  status: 200 | 409 | 422 = 200,
) {
  const filter = creboFilter.parse({
    q: c.req.query("q") ?? "",
    status: c.req.query("status") ?? "active",
    page: c.req.query("page") ?? 1,
  });
  const result = await listCrebosForAdmin(c.get("db"), filter);
  return c.html(
    <AdminCrebosPage
      auth={c.get("auth")!}
      {...result}
      filter={{ q: filter.q, status: filter.status }}
      notice={notice(c)}
      {...extra}
    />,
    status,
  );
}

adminPages.get("/crebos", (c) => renderCrebos(c));

function actor(c: Context<AppEnv>) {
  return { actorUserId: c.get("auth")!.user.id, requestId: c.get("requestId") };
}

adminPages.post("/crebos", async (c) => {
  const form = await formFields(c);
  const level = form.level ? Number(form.level) : null;
  try {
    const crebo = await addCrebo(
      c.get("db"),
      { code: form.code ?? "", name: form.name ?? "", level: Number.isNaN(level) ? -1 : level },
      actor(c),
    );
    return c.redirect(`/beheer/crebos/${crebo.code}?toegevoegd`, 303);
  } catch (err) {
    if (!(err instanceof CreboError)) throw err;
    return renderCrebos(
      c,
      { values: form, errors: { [err.field ?? "code"]: err.message } },
      err.status === 409 ? 409 : 422,
    );
  }
});

async function renderCrebo(
  c: Context<AppEnv>,
  extra: { values?: { name?: string }; errors?: Record<string, string> } = {},
  status: 200 | 422 = 200,
) {
  const code = c.req.param("code") ?? "";
  const crebo = await creboByCode(c.get("db"), code);
  if (!crebo) return renderError(c, 404, "Niet gevonden", `Crebo ${code} bestaat niet.`);
  const { items } = await listCrebosForAdmin(c.get("db"), { q: code, status: "all", perPage: 5 });
  const assessorCount = items.find((i) => i.code === code)?.assessorCount ?? 0;
  return c.html(
    <AdminCreboPage
      auth={c.get("auth")!}
      crebo={{ ...crebo, assessorCount }}
      notice={notice(c)}
      {...extra}
    />,
    status,
  );
}

adminPages.get("/crebos/:code", (c) => renderCrebo(c));

adminPages.post("/crebos/:code/naam", async (c) => {
  const code = c.req.param("code");
  const form = await formFields(c);
  try {
    await renameCrebo(c.get("db"), code, form.name ?? "", actor(c));
  } catch (err) {
    if (!(err instanceof CreboError)) throw err;
    if (err.status === 404) return renderError(c, 404, "Niet gevonden", err.message);
    return renderCrebo(c, { values: form, errors: { name: err.message } }, 422);
  }
  return c.redirect(`/beheer/crebos/${code}?hernoemd`, 303);
});

for (const [path, retired, done] of [
  ["vervallen", true, "vervallen"],
  ["herstellen", false, "hersteld"],
] as const) {
  adminPages.post(`/crebos/:code/${path}`, async (c) => {
    const code = c.req.param("code");
    try {
      await setCreboRetired(c.get("db"), code, retired, actor(c));
    } catch (err) {
      if (!(err instanceof CreboError)) throw err;
      return renderError(c, 404, "Niet gevonden", err.message);
    }
    return c.redirect(`/beheer/crebos/${code}?${done}`, 303);
  });
}

// ---------------------------------------------------------------- audit log

const auditFilter = z.object({
  school: z.string().trim().max(64).catch(""),
  entity: z.string().trim().max(64).catch(""),
  page: pageParam,
});

adminPages.get("/audit", async (c) => {
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
  return c.html(
    <AdminAuditPage
      auth={c.get("auth")!}
      {...result}
      filter={{ school: filter.school || undefined, entity: filter.entity || undefined }}
      schools={schools.map((s) => ({ id: s.id, name: s.name }))}
      entities={entities}
    />,
  );
});

// ---------------------------------------------------------------- own password

adminPages.get("/wachtwoord", (c) =>
  c.html(
    <ChangePasswordPage auth={c.get("auth")!} action="/beheer/wachtwoord" notice={notice(c)} />,
  ),
);

adminPages.post("/wachtwoord", (c) =>
  handleChangePassword(c, "/beheer/wachtwoord", "/beheer/wachtwoord"),
);
