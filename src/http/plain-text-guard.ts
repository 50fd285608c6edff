// Refuses control characters and bidi overrides in every text field of every request body (JSON
// and forms, API and pages) before any route sees it: 422 naming the field. Routes built later by
// others are covered without opting in; the zod schemas check the same for the CSV import.
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "#src/env";
import {
  isMultilineField,
  isSecretField,
  textProblem,
  TEXT_PROBLEM_MESSAGES,
} from "#src/rules/plain-text";
import { renderError } from "./error-page";
import { apiError } from "./errors";

type Found = { field: string; message: string };

function checkValue(field: string, value: string): Found | null {
  if (isSecretField(field)) return null;
  const leaf = field.split(".").at(-1) ?? field;
  const problem = textProblem(value, { multiline: isMultilineField(leaf) });
  return problem ? { field, message: TEXT_PROBLEM_MESSAGES[problem] } : null;
}

/** Every string in a JSON value, with its field path (array positions left out, as the API names fields). */
function walkJson(value: unknown, path: string[], found: Found[]): void {
  if (typeof value === "string") {
    const hit = checkValue(path.join(".") || "_", value);
    if (hit) found.push(hit);
  } else if (Array.isArray(value)) {
    for (const item of value) walkJson(item, path, found);
  } else if (value && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      const keyHit = textProblem(key)
        ? { field: "_", message: "Een veldnaam bevat een stuurteken." }
        : null;
      if (keyHit) found.push(keyHit);
      walkJson(item, [...path, key], found);
    }
  }
}

async function problems(c: Context<AppEnv>): Promise<Found[]> {
  const type = (c.req.header("content-type") ?? "").toLowerCase();
  const found: Found[] = [];
  if (type.includes("json")) {
    let body: unknown;
    try {
      body = JSON.parse(await c.req.raw.clone().text());
    } catch {
      return found; // malformed JSON is the route's 400
    }
    walkJson(body, [], found);
  } else if (
    type.startsWith("application/x-www-form-urlencoded") ||
    type.startsWith("multipart/form-data")
  ) {
    let form: FormData;
    try {
      form = await c.req.raw.clone().formData();
    } catch {
      return found;
    }
    for (const [name, value] of form.entries()) {
      if (typeof value !== "string") continue; // uploaded files are checked by their importer
      const hit = checkValue(name, value);
      if (hit) found.push(hit);
    }
  }
  return found;
}

export const plainTextGuard = createMiddleware<AppEnv>(async (c, next) => {
  if (c.req.method !== "POST" && c.req.method !== "PUT" && c.req.method !== "PATCH") return next();
  const found = await problems(c);
  if (found.length === 0) return next();
  const fields: Record<string, string> = {};
  for (const f of found) fields[f.field] ??= f.message;
  const names = Object.keys(fields);
  if (c.req.path.startsWith("/api/"))
    return apiError(c, 422, "invalid", `Ongeldige tekens in: ${names.join(", ")}.`, fields);
  return renderError(
    c,
    422,
    "Ongeldige tekens",
    `Het veld "${names[0]}" bevat een teken dat niet is toegestaan. ${fields[names[0]]} Ga terug, pas het veld aan en verstuur het formulier opnieuw.`,
  );
});
