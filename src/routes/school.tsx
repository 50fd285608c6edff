// The school area pages (issue 5, DESIGN §6): dashboard, register, profile with its forms,
// edit, import/export, AVG inzage. The handlers live in src/school/pages-*.tsx.
import { Hono } from "hono";
import type { AppEnv } from "../env";
import { dashboardPages } from "../school/pages-dashboard";
import { profilePages } from "../school/pages-profile";
import { registerPages } from "../school/pages-register";

export const schoolPages = new Hono<AppEnv>();

// /school/beoordelaars/nieuw before /school/beoordelaars/{id}.
schoolPages.route("/", registerPages);
schoolPages.route("/", dashboardPages);
schoolPages.route("/", profilePages);
