// Public pages: search (/), profile (/beoordelaars/{id}), about (/over).
import { Hono } from "hono";
import type { AppEnv } from "../env";

export const publicPages = new Hono<AppEnv>();
