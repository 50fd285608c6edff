// zod schemas of the own-access and public-contact inputs: the school's public contact, a
// "Meld een fout" report, a request for a new personal link, the reports list filter.
import { z } from "zod";
import { emailField, phoneField } from "./assessor-input";

const optionalEmail = z
  .string({ error: "Vul een geldig e-mailadres in." })
  .trim()
  .max(254, "Dit e-mailadres is te lang.")
  .refine(
    (v) => v === "" || z.email().safeParse(v).success,
    "Vul een geldig e-mailadres in (bijvoorbeeld examenbureau@school.nl).",
  );

/** A website: "www.school.nl" is read as https://www.school.nl; only http(s) addresses. */
const websiteField = z
  .string({ error: "Vul een geldig webadres in." })
  .trim()
  .max(300, "Dit webadres is te lang.")
  .transform((v) => (v === "" || /^https?:\/\//i.test(v) ? v : `https://${v}`))
  .refine((v) => {
    if (v === "") return true;
    try {
      const url = new URL(v);
      return (url.protocol === "https:" || url.protocol === "http:") && url.hostname.includes(".");
    } catch {
      return false;
    }
  }, "Vul een geldig webadres in (bijvoorbeeld https://www.school.nl).");

export const schoolProfileSchema = z.strictObject({
  website: websiteField.optional(),
  contact_email: optionalEmail.optional(),
  contact_phone: phoneField("030-1234567").optional(),
});
export type SchoolProfileBody = z.infer<typeof schoolProfileSchema>;

export const PERSONAL_ADDRESS_MESSAGE =
  "Dit is het adres van een persoon met een account in het register. Gebruik een algemeen adres van het examenbureau (bijvoorbeeld examenbureau@school.nl).";

export const reportSchema = z.object({
  message: z
    .string({ error: "Beschrijf wat er niet klopt." })
    .trim()
    .min(5, "Beschrijf wat er niet klopt (minstens 5 tekens).")
    .max(2000, "Gebruik hoogstens 2000 tekens."),
  reply_to: optionalEmail.optional().default(""),
});
export type ReportBody = z.infer<typeof reportSchema>;

export const linkRequestSchema = z.object({ email: emailField });

export const reportsQuerySchema = z.strictObject({
  status: z.enum(["open", "closed"], { error: "Kies open of closed." }).optional(),
});
