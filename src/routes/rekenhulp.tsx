// The rekenhulp page and the rules JSON API (issue 6).
import { Hono } from "hono";
import type { AppEnv } from "../env";

export const rulesRoutes = new Hono<AppEnv>();
