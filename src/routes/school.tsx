// The school area pages (issue 5).
import { Hono } from "hono";
import type { AppEnv } from "../env";

export const schoolPages = new Hono<AppEnv>();
