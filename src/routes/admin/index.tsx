// The register office, mounted at /beheer (issue 4): account requests and schools, crebos, the
// audit log, the admin's own password. Every page needs a register admin.
import { Hono } from "hono";
import type { AppEnv } from "#src/env";
import { requireAdminPage } from "#src/http/guards";
import { handleChangePassword } from "#src/routes/account/password";
import { ChangePasswordPage, changePasswordHead } from "#views/pages/account/password";
import { auditRoutes } from "./audit";
import { creboRoutes } from "./crebos";
import { requestRoutes } from "./requests";
import { adminNotice } from "./shared";
import { adminMailPages, mailBanner } from "./mail";

export const adminPages = new Hono<AppEnv>();

// "*" in a sub-app mounted at /beheer covers /beheer itself as well as /beheer/….
adminPages.use("*", requireAdminPage);
// Production without a mail transport: a banner on every admin page (see ./mail.tsx).
adminPages.use("*", mailBanner);
// /beheer/mail and /beheer/taken.
adminPages.route("/", adminMailPages);

adminPages.route("/", requestRoutes);
adminPages.route("/", creboRoutes);
adminPages.route("/", auditRoutes);

adminPages.get("/wachtwoord", (c) =>
  c.render(
    <ChangePasswordPage action="/beheer/wachtwoord" notice={adminNotice(c)} />,
    changePasswordHead(false),
  ),
);

adminPages.post("/wachtwoord", (c) =>
  handleChangePassword(c, "/beheer/wachtwoord", "/beheer/wachtwoord"),
);
