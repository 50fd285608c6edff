// The register office's /beheer pages (issue 4).
import { Hono } from "hono";
import type { AppEnv } from "../env";

export const adminPages = new Hono<AppEnv>();
