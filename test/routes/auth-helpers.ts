// Shared steps for the account route tests: form posts from our own origin, cookies, mailed links.
import { expect } from "vitest";
import type { TestApp } from "../helpers/app";

/** The origin of the test apps' BASE_URL (the config default); CSRF accepts only that one. */
export const ORIGIN = "http://localhost:8787";

type App = TestApp["app"];

/** A same-origin form POST (as a browser sends it), optionally with a session cookie. */
export function postForm(
  app: App,
  path: string,
  fields: Record<string, string>,
  opts: { cookie?: string; origin?: string | null; headers?: Record<string, string> } = {},
) {
  const headers: Record<string, string> = {
    "content-type": "application/x-www-form-urlencoded",
    ...opts.headers,
  };
  if (opts.origin !== null) headers.origin = opts.origin ?? ORIGIN;
  if (opts.cookie) headers.cookie = opts.cookie;
  return app.request(path, {
    method: "POST",
    headers,
    body: new URLSearchParams(fields).toString(),
  });
}

export function get(app: App, path: string, cookie?: string, headers: Record<string, string> = {}) {
  return app.request(path, { headers: { ...(cookie ? { cookie } : {}), ...headers } });
}

/** "name=value" of the session cookie a response sets (or null). */
export function sessionCookieOf(res: Response): string | null {
  for (const header of res.headers.getSetCookie()) {
    const [pair] = header.split(";");
    const [name, value] = pair.split("=");
    if ((name === "session" || name === "__Host-session") && value) return pair;
  }
  return null;
}

export async function login(app: App, email: string, password: string): Promise<string> {
  const res = await postForm(app, "/inloggen", { email, password });
  expect(res.status, await res.clone().text()).toBe(303);
  const cookie = sessionCookieOf(res);
  expect(cookie).not.toBeNull();
  return cookie!;
}

/** The path of the last mailed link to `to` that contains `prefix`, e.g. "/uitnodiging/". */
export function mailedPath(
  mails: { to: string; body: string }[],
  to: string,
  prefix: string,
): string {
  const mail = [...mails].reverse().find((m) => m.to === to && m.body.includes(prefix));
  expect(mail, `no mail to ${to} with ${prefix}`).toBeDefined();
  const match = new RegExp(
    `https?://[^\\s/]+(${prefix.replace(/[/]/g, "\\/")}[A-Za-z0-9_-]+)`,
  ).exec(mail!.body);
  expect(match).not.toBeNull();
  return match![1];
}

export const NEW_PASSWORD = "een-lange-zin-als-wachtwoord";
