// The date window of a school API body: the route's validator checked structure and static rules;
// here the same schema factory, now given today (and the training date), decides the dates.
import type { Context } from "hono";
import type { z } from "zod";
import { parseWith } from "#src/http/validation";
import { invalid } from "#src/routes/school/context";

/** The request's JSON (already read and checked by jsonBody) parsed with the dated schema; 422 otherwise. */
export async function datedBody<T>(c: Context, schema: z.ZodType<T>): Promise<T> {
  const parsed = parseWith(schema, await c.req.json());
  if (!parsed.ok) invalid(parsed.fields);
  return parsed.data;
}
