// /aanvragen: a school asks for an account; the register admin approves it in /beheer.
import { Hono } from "hono";
import { z } from "zod";
import { flowContext, requestAccount } from "#src/auth/accounts";
import type { AppEnv } from "#src/env";
import { parseForm } from "#src/http/validation";
import { placeByCode, placesNamed } from "#src/queries/accounts";
import {
  RequestPage,
  RequestReceivedPage,
  requestHead,
  requestReceivedHead,
  type RequestValues,
} from "#views/pages/auth/request";
import { emailField, takeMailAttempt, tooManyMessage } from "./shared";

export const requestRoutes = new Hono<AppEnv>();

const brinPattern = /^[0-9]{2}[A-Z]{2}([0-9]{2})?$/;

const requestSchema = z.object({
  school_name: z
    .string()
    .trim()
    .min(2, "Vul de naam van de school in.")
    .max(200, "Deze naam is te lang (hoogstens 200 tekens)."),
  brin: z
    .string()
    .trim()
    .toUpperCase()
    .max(6, "Een BRIN-code heeft 4 tekens (of 6 met vestigingsnummer).")
    .refine(
      (v) => v === "" || brinPattern.test(v),
      "Een BRIN-code bestaat uit 2 cijfers en 2 letters, bijvoorbeeld 25LJ.",
    )
    .optional()
    .default(""),
  place: z.string().trim().max(100, "Deze plaatsnaam is te lang.").optional().default(""),
  place_code: z.string().trim().max(20).optional().default(""),
  contact_name: z
    .string()
    .trim()
    .min(2, "Vul de naam van de contactpersoon in.")
    .max(200, "Deze naam is te lang (hoogstens 200 tekens)."),
  email: emailField,
  motivation: z
    .string()
    .trim()
    .max(2000, "Houd de toelichting kort (hoogstens 2000 tekens).")
    .optional()
    .default(""),
});

requestRoutes.get("/aanvragen", (c) => c.render(<RequestPage />, requestHead));

requestRoutes.get("/aanvragen/ontvangen", (c) =>
  c.render(<RequestReceivedPage />, requestReceivedHead),
);

requestRoutes.post("/aanvragen", async (c) => {
  const db = c.get("db");
  const parsed = await parseForm(c, requestSchema);
  const form = parsed.values;
  const values: RequestValues = form;
  const errors: Record<string, string> = parsed.ok ? {} : { ...parsed.errors };
  // The place: a code chosen from the list of same-named places, or a name that matches one place.
  let placeCode: string | null = null;
  let placeChoices: { code: string; label: string }[] | undefined;
  if (form.place_code) {
    const place = await placeByCode(db, form.place_code);
    if (place) placeCode = place.code;
    else errors.place_code = "Kies een plaats uit de lijst.";
  } else if (!form.place?.trim()) {
    errors.place ??= "Vul de plaats van de school in.";
  } else {
    const matches = await placesNamed(db, form.place);
    if (matches.length === 1) placeCode = matches[0].code;
    else if (matches.length === 0)
      errors.place ??= `De plaats "${form.place.trim()}" kennen wij niet. Controleer de spelling.`;
    else {
      placeChoices = matches.map((p) => ({
        code: p.code,
        label: `${p.name} (gemeente ${p.municipality})`,
      }));
      errors.place_code = "Kies de juiste plaats uit de lijst.";
    }
  }
  if (!parsed.ok || !placeCode || Object.keys(errors).length > 0) {
    c.status(422);
    return c.render(
      <RequestPage values={values} errors={errors} placeChoices={placeChoices} />,
      requestHead,
    );
  }
  const v = parsed.data;
  const attempt = await takeMailAttempt(c, "request", v.email);
  if (!attempt.ok) {
    c.header("Retry-After", String(attempt.retryAfter));
    c.status(429);
    return c.render(
      <RequestPage
        values={values}
        errors={{ email: tooManyMessage(attempt.retryAfter, "een account aangevraagd") }}
      />,
      requestHead,
    );
  }
  await requestAccount(flowContext(c), {
    schoolName: v.school_name,
    brin: v.brin || null,
    placeCode,
    contactName: v.contact_name,
    email: v.email,
    motivation: v.motivation,
  });
  return c.redirect("/aanvragen/ontvangen", 303);
});
