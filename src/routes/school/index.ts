// The school area pages (issue 5, DESIGN §6): dashboard, register, profile with its forms,
// edit, import/export, AVG inzage. The handlers live in src/school/pages-*.tsx.
import { Hono } from "hono";
import type { AppEnv } from "#src/env";
import { dashboardPages } from "./dashboard";
import { profilePages } from "./profile";
import { registerPages } from "./register";
import { schoolReportPages } from "./reports";

export const schoolPages = new Hono<AppEnv>();

// /school/beoordelaars/nieuw before /school/beoordelaars/{id}.
schoolPages.route("/", registerPages);
schoolPages.route("/", dashboardPages);
schoolPages.route("/", profilePages);
// Meldingen (Meld een fout reports) and the exam office's public contact.
schoolPages.route("/", schoolReportPages);
