// What the /beheer pages share: their notices (?melding=…) and the page parameter.
import type { Context } from "hono";
import { z } from "zod";
import { noticeFrom } from "#src/http/notice";

const ADMIN_NOTICES: Record<string, string> = {
  goedgekeurd: "De aanvraag is goedgekeurd. De contactpersoon heeft een uitnodiging gekregen.",
  geweigerd: "De aanvraag is geweigerd. De aanvrager heeft de reden per e-mail gekregen.",
  opgeschort:
    "De school is opgeschort. Haar gebruikers zijn uitgelogd en haar tokens werken niet meer.",
  heractiveerd: "De school is weer actief.",
  toegevoegd: "De crebo is toegevoegd.",
  hernoemd: "De naam van de crebo is gewijzigd.",
  vervallen: "De crebo is vervallen.",
  hersteld: "De crebo is weer in gebruik.",
  gewijzigd: "Uw wachtwoord is gewijzigd. U bent op alle andere apparaten uitgelogd.",
};

export function adminNotice(c: Context): string | undefined {
  return noticeFrom(c, ADMIN_NOTICES);
}

export const pageParam = z.coerce.number().int().min(1).max(100000).catch(1);
