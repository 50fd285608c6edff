// Renders an assessor's profile for the actor: the whole page, or the #profiel region for htmx.
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { AppEnv, AuthContext } from "#src/env";
import { isHtmxRequest, varyOnHtmx } from "#src/http/htmx";
import { assessorHistory } from "#src/queries/assessor-history";
import { getAssessorRecord } from "#src/queries/assessor-record";
import type { Loaded } from "#src/queries/assessors";
import {
  AssessorPage,
  assessorHead,
  ProfileContent,
  type ProfileForms,
} from "#views/pages/school/assessor";
import { writeVerdict } from "#src/rules/access";
import { actorOf } from "./context";

/** Success notices after a POST-redirect-GET (?melding=…) or an htmx swap. */
export const PROFILE_NOTICES: Record<string, string> = {
  geregistreerd: "De beoordelaar is geregistreerd en aan uw school gekoppeld.",
  gewijzigd: "De gegevens zijn opgeslagen.",
  examen: "Het examen is geregistreerd.",
  bijscholing: "De bijscholing is geregistreerd.",
  "examen-verwijderd": "Het examen is verwijderd.",
  "bijscholing-verwijderd": "De bijscholing is verwijderd.",
  toestemming: "De toestemming is opgeslagen.",
  afmelding: "De beoordelaar is afgemeld. Hij of zij is niet meer openbaar vindbaar.",
  "afmelding-ongedaan": "De afmelding is ongedaan gemaakt.",
  gekoppeld:
    "De beoordelaar is aan uw school gekoppeld. U kunt nu examens en bijscholingen registreren.",
  gewist: "De persoonsgegevens zijn gewist.",
};

export async function renderProfile(
  c: Context<AppEnv>,
  loaded: Loaded,
  opts: {
    status?: ContentfulStatusCode;
    notice?: string;
    forms?: ProfileForms;
    partial?: boolean;
  } = {},
): Promise<Response> {
  const db = c.get("db");
  const actor = actorOf(c);
  const on = c.get("today");
  const [record, history] = await Promise.all([
    getAssessorRecord(db, loaded.assessor, {
      linked: loaded.linked,
      on,
      expiringDays: c.get("config").expiringDays,
    }),
    assessorHistory(db, loaded.assessor.id, { erased: loaded.assessor.erasedAt !== null }),
  ]);
  const may = (write: Parameters<typeof writeVerdict>[3]) =>
    writeVerdict(actor, loaded.assessor, loaded.linked, write).ok;
  const auth = c.get("auth") as AuthContext;
  const view = {
    isAdmin: auth.role === "admin",
    mySchoolId: auth.school?.id ?? null,
    record,
    history,
    canWrite: may("log"),
    canManage: may("edit_personal"),
    canUndoDeregistration: may("undo_deregistration"),
    mayErase: may("erase"),
    today: on,
    expiringDays: c.get("config").expiringDays,
    notice: opts.notice,
    forms: opts.forms,
  };
  varyOnHtmx(c);
  const partial = opts.partial ?? isHtmxRequest(c);
  c.status(opts.status ?? 200);
  // The htmx swap gets the #profiel region alone; the page goes through the layout.
  if (partial) return c.html(<ProfileContent {...view} />);
  return c.render(<AssessorPage {...view} />, assessorHead(record.name));
}
