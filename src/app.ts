// createApp(deps): middleware, every route area mounted, and the one error handler.
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { csrf } from "hono/csrf";
import { secureHeaders } from "hono/secure-headers";
import { acceptsApiToken, authMiddleware, isSecure } from "./auth/middleware";
import type { AppDeps, AppEnv } from "./env";
import { apiError, HttpError, messages } from "./http/errors";
import { plainTextGuard } from "./http/plain-text-guard";
import { amsterdamDate } from "./rules";
import { compression } from "./http/compression";
import { serveStaticFiles } from "./http/static-files";
import { forgetDataVersion } from "./queries/meta";
import { renderError } from "./http/error-page";
import { pageRenderer } from "./http/renderer";
import { api } from "./routes/api";
import { healthRoutes } from "./routes/public/health";
import { publicPages } from "./routes/public";
import { authRoutes } from "./routes/auth";
import { schoolPages } from "./routes/school";
import { schoolAccountPages } from "./routes/account";
import { adminPages } from "./routes/admin";
import { rulesRoutes } from "./routes/rekenhulp";
import { ownAccessPages } from "./routes/own-access";

export function isApiPath(path: string): boolean {
  return path.startsWith("/api/") || path === "/healthz";
}

const LOOPBACK = ["localhost", "127.0.0.1", "[::1]"];

/**
 * The origins a form may come from: BASE_URL's. When BASE_URL is a loopback address (a developer's
 * `npm start`), the other loopback names with the same port are the same machine and count too.
 * A fixed list: nothing here comes from the request's Host header.
 */
export function allowedOrigins(baseUrl: string): string[] {
  const base = new URL(baseUrl);
  if (!LOOPBACK.includes(base.hostname)) return [base.origin];
  const port = base.port ? `:${base.port}` : "";
  return LOOPBACK.map((host) => `${base.protocol}//${host}${port}`);
}

export function createApp(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  const now = deps.now ?? (() => new Date());
  const secure = isSecure(deps.config.baseUrl);

  // Pages: c.render(<Page … />, head) draws the one layout (views/layout.tsx) around them.
  // Registered first, so the error pages of every later middleware get the frame too.
  app.use(pageRenderer);

  app.use(async (c, next) => {
    const moment = now();
    c.set("deps", deps);
    c.set("db", deps.db);
    c.set("config", deps.config);
    c.set("now", moment);
    c.set("today", amsterdamDate(moment));
    c.set("requestId", c.req.header("x-request-id")?.slice(0, 64) || crypto.randomUUID());
    c.set("auth", null);
    c.set("authError", null);
    await next();
    // On the response's own headers: c.header() after the answer is made would rebuild the
    // Response around its body as a stream, which on Node costs more than the whole request.
    c.res.headers.set("X-Request-Id", c.get("requestId"));
  });

  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", "data:"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        objectSrc: ["'none'"],
      },
      strictTransportSecurity: secure ? "max-age=63072000; includeSubDomains" : false,
      referrerPolicy: "strict-origin-when-cross-origin",
      xFrameOptions: "DENY",
      crossOriginResourcePolicy: "same-origin",
      crossOriginOpenerPolicy: "same-origin",
    }),
  );

  app.use(compression(deps.compress));
  if (deps.staticFiles) app.use(serveStaticFiles(deps.staticFiles));
  // Load balancers probe this many times a second: answered before the middleware for forms,
  // sessions and writes, none of which a GET without cookies needs.
  app.route("/", healthRoutes);

  // Every write this process makes is visible to the very next request: after any request that
  // may have written, the in-memory data version is forgotten (see queries/meta).
  app.use(async (c, next) => {
    await next();
    if (c.req.method !== "GET" && c.req.method !== "HEAD") forgetDataVersion(deps.db);
  });

  const limitBody = bodyLimit({
    maxSize: 1024 * 1024,
    onError: (c) =>
      isApiPath(c.req.path)
        ? apiError(c, 413, "payload_too_large", messages.tooLarge)
        : renderError(c, 413, "Bestand of formulier te groot", messages.tooLarge),
  });
  // GET and HEAD carry no body; asking for one would build a full Request on Node for nothing.
  app.use((c, next) =>
    c.req.method === "GET" || c.req.method === "HEAD" ? next() : limitBody(c, next),
  );

  // CSRF: browser form posts must come from our own origin, which is BASE_URL's — never the
  // request's own URL, whose host the client chooses. Bearer-token calls to the school API are
  // exempt; elsewhere an Authorization header is ignored, so it exempts nothing.
  const csrfCheck = csrf({ origin: allowedOrigins(deps.config.baseUrl) });
  app.use(async (c, next) => {
    if (c.req.header("authorization") && acceptsApiToken(c.req.path)) return next();
    // An API call without any cookie carries no ambient credentials to forge: let the guards
    // answer it (401), instead of a CSRF 403. Pages (login included) are always checked.
    if (isApiPath(c.req.path) && !c.req.header("cookie")) return next();
    return csrfCheck(c, next);
  });

  app.use(authMiddleware);
  app.use(plainTextGuard);

  // One sub-app per area, mounted at its prefix (paths inside each area are relative).
  // /school holds two areas: the assessor pages and the account pages (team, tokens, password).
  // The JSON API (/api/v1/…, school and public) and its reference page /api, declared with OpenAPI.
  app.route("/", api);
  app.route("/", publicPages);
  app.route("/", authRoutes);
  app.route("/school", schoolPages);
  app.route("/school", schoolAccountPages);
  app.route("/beheer", adminPages);
  app.route("/rekenhulp", rulesRoutes);
  // The assessor's own access (DESIGN §3): no login, a personal link.
  app.route("/mijn-gegevens", ownAccessPages);

  app.notFound((c) =>
    isApiPath(c.req.path)
      ? apiError(c, 404, "not_found", messages.notFound)
      : renderError(
          c,
          404,
          "Pagina niet gevonden",
          "Deze pagina bestaat niet (meer). Controleer het adres of ga naar de zoekpagina.",
        ),
  );

  app.onError((err, c) => {
    if (err instanceof HttpError) {
      return isApiPath(c.req.path)
        ? apiError(c, err.status, err.code, err.message, err.fields, err.extra)
        : renderError(c, err.status, "Dat lukte niet", err.message);
    }
    // HTTPException from middleware (e.g. csrf → 403) keeps its status.
    const status = (err as { status?: number }).status;
    if (status === 403) {
      return isApiPath(c.req.path)
        ? apiError(c, 403, "forbidden", "Dit verzoek is geweigerd.")
        : renderError(
            c,
            403,
            "Verzoek geweigerd",
            "Dit formulier kwam niet van deze website en is daarom niet verwerkt.",
          );
    }
    console.error(`[${c.get("requestId") ?? "-"}] ${c.req.method} ${c.req.path}:`, err);
    return isApiPath(c.req.path)
      ? apiError(c, 500, "internal", messages.internal)
      : renderError(c, 500, "Er ging iets mis", messages.internal);
  });

  return app;
}

export type App = ReturnType<typeof createApp>;
