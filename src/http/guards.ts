// Small route guards for every area: pages redirect to the login form, the API answers 401 JSON.
// They only read what authMiddleware put on the context, so a suspended school or a disabled
// user (treated as logged out there) is stopped here too.
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "#src/env";
import { apiError, messages } from "./errors";
import { renderError } from "./error-page";

/** Pages behind a login must not be kept by shared caches or the back/forward cache of others. */
function noStore(headers: Headers) {
  if (!headers.has("Cache-Control")) headers.set("Cache-Control", "private, no-store");
}

/** The login URL that brings the user back to the page they asked for (GET only). */
export function loginRedirectTarget(method: string, path: string, search: string): string {
  if (method !== "GET" && method !== "HEAD") return "/inloggen";
  return `/inloggen?terug=${encodeURIComponent(path + search)}`;
}

function loginRedirect(c: Context<AppEnv>) {
  const url = new URL(c.req.url);
  return c.redirect(loginRedirectTarget(c.req.method, url.pathname, url.search), 303);
}

/**
 * School pages: a logged-in user of an active school. Not logged in → 303 to /inloggen?terug=…;
 * a register admin (no school) → 403 page.
 */
export const requireSchoolPage = createMiddleware<AppEnv>(async (c, next) => {
  const auth = c.get("auth");
  if (!auth) return loginRedirect(c);
  if (!auth.school) {
    return renderError(
      c,
      403,
      "Geen toegang",
      "Deze pagina is voor scholen. U bent ingelogd als beheerder van het register; ga naar Beheer.",
    );
  }
  await next();
  noStore(c.res.headers);
});

/** School API: session cookie or bearer token of an active school's user; else 401 JSON. */
export const requireSchoolApi = createMiddleware<AppEnv>(async (c, next) => {
  const auth = c.get("auth");
  if (!auth) {
    c.header("WWW-Authenticate", 'Bearer realm="register"');
    return apiError(c, 401, "unauthenticated", messages.unauthenticated);
  }
  if (!auth.school) {
    return apiError(
      c,
      403,
      "forbidden",
      "Deze API is voor scholen; een beheerdersaccount heeft geen school.",
    );
  }
  await next();
  noStore(c.res.headers);
});

/** The register office (/beheer): not logged in → login; a school user → 403 page. */
export const requireAdminPage = createMiddleware<AppEnv>(async (c, next) => {
  const auth = c.get("auth");
  if (!auth) return loginRedirect(c);
  if (auth.role !== "admin") {
    return renderError(
      c,
      403,
      "Geen toegang",
      "Deze pagina is alleen voor de beheerders van het register.",
    );
  }
  await next();
  noStore(c.res.headers);
});

/** Pages a school admin (not a medewerker) may use, e.g. /school/team. Use after requireSchoolPage. */
export const requireSchoolAdminPage = createMiddleware<AppEnv>(async (c, next) => {
  const auth = c.get("auth");
  if (!auth) return loginRedirect(c);
  if (auth.role !== "school_admin") {
    return renderError(c, 403, "Geen toegang", "Alleen een beheerder van uw school kan dit doen.");
  }
  await next();
});
