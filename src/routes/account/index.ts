// The school's own account pages, mounted at /school next to the school area (issue 4):
// /school/team, /school/tokens, /school/wachtwoord.
import { Hono } from "hono";
import type { AppEnv } from "#src/env";
import { passwordRoutes } from "./password";
import { teamRoutes } from "./team";
import { tokenRoutes } from "./tokens";

export const schoolAccountPages = new Hono<AppEnv>();

schoolAccountPages.route("/", teamRoutes);
schoolAccountPages.route("/", tokenRoutes);
schoolAccountPages.route("/", passwordRoutes);
