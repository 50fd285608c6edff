// The school's own account pages: /school/team, /school/tokens, password change (issue 4).
import { Hono } from "hono";
import type { AppEnv } from "../env";

export const schoolAccountPages = new Hono<AppEnv>();
