// The school JSON API, DESIGN §5 (issue 5).
import { Hono } from "hono";
import type { AppEnv } from "../env";

export const schoolApi = new Hono<AppEnv>();
