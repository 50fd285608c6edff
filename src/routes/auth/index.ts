// The auth area, mounted at "/": login and logout, account requests, invites, password reset (issue 4).
import { Hono } from "hono";
import type { AppEnv } from "#src/env";
import { inviteRoutes } from "./invite";
import { loginRoutes } from "./login";
import { passwordResetRoutes } from "./password-reset";
import { requestRoutes } from "./request";

export { LOGIN_FAILED } from "./login";

export const authRoutes = new Hono<AppEnv>();

authRoutes.route("/", loginRoutes);
authRoutes.route("/", requestRoutes);
authRoutes.route("/", inviteRoutes);
authRoutes.route("/", passwordResetRoutes);
