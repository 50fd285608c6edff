// Login, logout, password reset, invites and account requests (issue 4).
import { Hono } from "hono";
import type { AppEnv } from "../env";

export const authRoutes = new Hono<AppEnv>();
