// /beheer/crebos: the crebo list the register knows: add, rename, retire and restore (issue 4).
import { Hono, type Context } from "hono";
import { z } from "zod";
import type { AppEnv } from "#src/env";
import { renderError } from "#src/http/error-page";
import { withNotice } from "#src/http/notice";
import { formFields } from "#src/http/validation";
import {
  addCrebo,
  creboByCode,
  CreboError,
  listCrebosForAdmin,
  renameCrebo,
  setCreboRetired,
} from "#src/queries/crebos-admin";
import {
  AdminCreboPage,
  AdminCrebosPage,
  adminCreboHead,
  adminCrebosHead,
} from "#views/pages/admin/crebos";
import { adminNotice, pageParam } from "./shared";

export const creboRoutes = new Hono<AppEnv>();

/** Who made the change, for the audit log. */
function actor(c: Context<AppEnv>) {
  return { actorUserId: c.get("auth")!.user.id, requestId: c.get("requestId") };
}

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
  c.status(status);
  return c.render(
    <AdminCrebosPage
      {...result}
      filter={{ q: filter.q, status: filter.status }}
      notice={adminNotice(c)}
      {...extra}
    />,
    adminCrebosHead,
  );
}

creboRoutes.get("/crebos", (c) => renderCrebos(c));

creboRoutes.post("/crebos", async (c) => {
  const form = await formFields(c);
  const level = form.level ? Number(form.level) : null;
  try {
    const crebo = await addCrebo(
      c.get("db"),
      { code: form.code ?? "", name: form.name ?? "", level: Number.isNaN(level) ? -1 : level },
      actor(c),
    );
    return c.redirect(withNotice(`/beheer/crebos/${crebo.code}`, "toegevoegd"), 303);
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
  c.status(status);
  return c.render(
    <AdminCreboPage crebo={{ ...crebo, assessorCount }} notice={adminNotice(c)} {...extra} />,
    adminCreboHead(crebo.code),
  );
}

creboRoutes.get("/crebos/:code", (c) => renderCrebo(c));

creboRoutes.post("/crebos/:code/naam", async (c) => {
  const code = c.req.param("code");
  const form = await formFields(c);
  try {
    await renameCrebo(c.get("db"), code, form.name ?? "", actor(c));
  } catch (err) {
    if (!(err instanceof CreboError)) throw err;
    if (err.status === 404) return renderError(c, 404, "Niet gevonden", err.message);
    return renderCrebo(c, { values: form, errors: { name: err.message } }, 422);
  }
  return c.redirect(withNotice(`/beheer/crebos/${code}`, "hernoemd"), 303);
});

for (const [path, retired, done] of [
  ["vervallen", true, "vervallen"],
  ["herstellen", false, "hersteld"],
] as const) {
  creboRoutes.post(`/crebos/:code/${path}`, async (c) => {
    const code = c.req.param("code");
    try {
      await setCreboRetired(c.get("db"), code, retired, actor(c));
    } catch (err) {
      if (!(err instanceof CreboError)) throw err;
      return renderError(c, 404, "Niet gevonden", err.message);
    }
    return c.redirect(withNotice(`/beheer/crebos/${code}`, done), 303);
  });
}
