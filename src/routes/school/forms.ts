// The school forms mapped onto the API schemas, so pages and API share one set of rules and
// messages. Form fields: see views/partials/school/assessor-fields.tsx.
import type { Context } from "hono";
import type { DB } from "#src/db";
import type { AppEnv } from "#src/env";
import type { AssessorRecord } from "#src/queries/assessor-record";
import { lookupCrebos, lookupPlaces } from "#src/queries/place-lookup";
import type { AssessorFormValues } from "#views/partials/school/assessor-fields";

export type Form = { one: (name: string) => string; many: (name: string) => string[] };

/** A posted form (urlencoded or multipart) with repeated fields kept. */
export async function readForm(c: Context<AppEnv>): Promise<Form> {
  const body = await c.req.parseBody({ all: true });
  const many = (name: string): string[] => {
    const v = body[name];
    const list = Array.isArray(v) ? v : v === undefined ? [] : [v];
    return list.filter((x): x is string => typeof x === "string");
  };
  return { one: (name) => many(name)[0] ?? "", many };
}

export function assessorValues(form: Form): AssessorFormValues {
  return {
    first_name: form.one("first_name"),
    infix: form.one("infix"),
    last_name: form.one("last_name"),
    email: form.one("email"),
    phone: form.one("phone"),
    organisation: form.one("organisation"),
    places: form
      .many("places")
      .map((v) => v.trim())
      .filter(Boolean),
    crebos: form
      .many("crebos")
      .map((v) => v.trim())
      .filter(Boolean),
    training_date: form.one("training_date"),
    training_provider: form.one("training_provider"),
    components: form.many("components"),
    consent: form.one("consent"),
    version: form.one("version"),
  };
}

/** The edit form filled from the stored record. */
export function valuesFromRecord(r: AssessorRecord): AssessorFormValues {
  return {
    first_name: r.first_name,
    infix: r.infix,
    last_name: r.last_name,
    email: r.email ?? "",
    phone: r.phone,
    organisation: r.organisation,
    places: r.places.map((p) => `${p.name} (${p.province}) [${p.code}]`),
    crebos: r.crebos.map((c) => `${c.code} ${c.name}`),
    training_date: r.initial_training.date,
    training_provider: r.initial_training.provider,
    components: r.initial_training.components,
    consent: r.public_consent ? "ja" : "nee",
    version: String(r.version),
  };
}

/** API field names (schemas, query results) → the form's field names. */
const FORM_FIELD: Record<string, string> = {
  "initial_training.date": "training_date",
  "initial_training.provider": "training_provider",
  "initial_training.components": "components",
  initial_training: "components",
  public_consent: "consent",
};

export function toFormErrors(fields: Record<string, string>, prefix = ""): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, message] of Object.entries(fields))
    out[prefix + (FORM_FIELD[key] ?? key)] ??= message;
  return out;
}

/**
 * Turns the assessor form into the API's body shape; typed places and crebos become codes.
 * Returns the body and the lookup errors (which win over schema errors for those fields).
 */
export async function assessorBody(
  db: DB,
  v: AssessorFormValues,
): Promise<{ body: Record<string, unknown>; lookupErrors: Record<string, string> }> {
  const [places, crebos] = await Promise.all([
    lookupPlaces(db, v.places),
    lookupCrebos(db, v.crebos),
  ]);
  const lookupErrors: Record<string, string> = {};
  if (places.errors.length) lookupErrors.places = places.errors.join(" ");
  if (crebos.errors.length) lookupErrors.crebos = crebos.errors.join(" ");
  return {
    body: {
      first_name: v.first_name,
      infix: v.infix,
      last_name: v.last_name,
      email: v.email,
      phone: v.phone,
      organisation: v.organisation,
      places: places.codes,
      crebos: crebos.codes,
      initial_training: {
        date: v.training_date,
        provider: v.training_provider,
        components: v.components,
      },
      ...(v.consent === "ja"
        ? { public_consent: true }
        : v.consent === "nee"
          ? { public_consent: false }
          : {}),
    },
    lookupErrors,
  };
}

export const CONSENT_MISSING =
  "Geef aan of de beoordelaar toestemming geeft voor openbare vermelding.";
