// zod issues → Dutch field messages: the one mapping that page forms, API bodies and CSV rows share.
import type { z } from "zod";

/** {field: Dutch message}; "_" for a message about the whole input. */
export type FieldMessages = Record<string, string>;

export type FieldMessageOptions = {
  /** Keep array positions in the key ("parts.0.grade") instead of naming the array ("places"). */
  keepIndices?: boolean;
  /** The message for an input that is not an object at all (path-less issue). */
  rootMessage?: string;
};

/** The first issue per field wins; unknown keys of a strict object are named one by one. */
export function fieldMessages(error: z.ZodError, opts: FieldMessageOptions = {}): FieldMessages {
  const fields: FieldMessages = {};
  for (const issue of error.issues) {
    if (issue.code === "unrecognized_keys") {
      const prefix = issue.path.map(String).join(".");
      for (const key of issue.keys) fields[prefix ? `${prefix}.${key}` : key] ??= "Onbekend veld.";
      continue;
    }
    const key = issue.path
      .filter((p) => opts.keepIndices || typeof p !== "number")
      .map(String)
      .join(".");
    fields[key || "_"] ??= key || !opts.rootMessage ? issue.message : opts.rootMessage;
  }
  return fields;
}

export type Parsed<T> = { ok: true; data: T } | { ok: false; fields: FieldMessages };

export function parseWith<T>(
  schema: z.ZodType<T>,
  input: unknown,
  opts: FieldMessageOptions = {},
): Parsed<T> {
  const result = schema.safeParse(input);
  return result.success
    ? { ok: true, data: result.data }
    : { ok: false, fields: fieldMessages(result.error, opts) };
}
