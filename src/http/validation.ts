// The one validation path at the edge: read a posted form or a JSON body, parse it with zod, and
// get Dutch field messages (pages re-render with them, 422; the API answers the JSON error shape).
import type { Context } from "hono";
import type { z } from "zod";
import { parseWith, type FieldMessages, type FieldMessageOptions } from "#src/rules/validation";
import { HttpError, messages } from "./errors";

export { fieldMessages, parseWith, type FieldMessages, type Parsed } from "#src/rules/validation";

/** The text fields of a posted form (files and repeated names ignored). */
export async function formFields(c: Context): Promise<Record<string, string>> {
  const body = await c.req.parseBody();
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(body)) if (typeof value === "string") out[key] = value;
  return out;
}

export type ParsedForm<T> =
  | { ok: true; data: T; values: Record<string, string> }
  | { ok: false; errors: FieldMessages; values: Record<string, string> };

/**
 * A posted form through its schema. `values` are the raw fields (to fill the form in again);
 * `defaults` fill fields the browser left out or empty before parsing.
 */
export async function parseForm<T>(
  c: Context,
  schema: z.ZodType<T>,
  defaults: Record<string, string> = {},
): Promise<ParsedForm<T>> {
  const values = await formFields(c);
  return validateForm(values, schema, defaults);
}

/** parseForm for fields already read (e.g. when the handler needs them before parsing). */
export function validateForm<T>(
  values: Record<string, string>,
  schema: z.ZodType<T>,
  defaults: Record<string, string> = {},
): ParsedForm<T> {
  const input: Record<string, string> = { ...values };
  for (const [key, value] of Object.entries(defaults)) if (!input[key]) input[key] = value;
  const parsed = parseWith(schema, input);
  return parsed.ok
    ? { ok: true, data: parsed.data, values }
    : { ok: false, errors: parsed.fields, values };
}

/** A JSON body; malformed JSON is a 400 in the API's error shape. */
export async function readJson(c: Context): Promise<unknown> {
  const text = await c.req.text();
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, "malformed", messages.malformed);
  }
}

/** A JSON body through its schema: 400 when unreadable, 422 with field messages when invalid. */
export async function parseJson<T>(
  c: Context,
  schema: z.ZodType<T>,
  opts: FieldMessageOptions = {},
): Promise<T> {
  const parsed = parseWith(schema, await readJson(c), opts);
  if (!parsed.ok) throw new HttpError(422, "invalid", messages.invalid, parsed.fields);
  return parsed.data;
}
