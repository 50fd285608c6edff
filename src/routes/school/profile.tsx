// /school/beoordelaars/{id} and its forms: log an examination or bijscholing, delete one,
// consent, afmelding (and undo), link, erase. Without JavaScript each POST redirects back
// (POST-redirect-GET); with htmx the profile region is swapped in place.
import { Hono, type Context } from "hono";
import type { AppEnv } from "#src/env";
import { isHtmxRequest } from "#src/http/htmx";
import { noticeFrom, withNotice } from "#src/http/notice";
import { HttpError } from "#src/http/errors";
import { deregister, setConsent, undoDeregistration } from "#src/queries/assessor-changes";
import { linkAssessor, loadForActor } from "#src/queries/assessors";
import {
  addExamination,
  addRefresherTraining,
  assessorCreboCodes,
  deleteExamination,
  deleteRefresherTraining,
} from "#src/queries/logs";
import { eraseAssessor } from "#src/queries/privacy";
import {
  CONSENT_WITHDRAWN_BY_ASSESSOR_MESSAGE,
  ConsentWithdrawnByAssessor,
} from "#src/queries/consent-precedence";
import { noticeContext, notifyLinked } from "#src/auth/assessor-notices";
import type { ProfileForms } from "#views/pages/school/assessor";
import { isRegisteringSchool } from "#src/rules/access";
import { CREBO_NOT_OF_ASSESSOR } from "#src/routes/api-school/actions";
import { readForm, toFormErrors, type Form } from "./forms";
import {
  actorOf,
  loadForLog,
  loadForWrite,
  loadOr404,
  schoolActorOf,
  schoolOrAdminPage,
} from "./context";
import { PROFILE_NOTICES, renderProfile } from "./profile-render";
import {
  deregistrationSchema,
  examinationSchema,
  refresherSchema,
} from "#src/rules/assessor-input";
import { parseWith } from "#src/http/validation";

export const profilePages = new Hono<AppEnv>();

const PATH = "/beoordelaars/:id";
// "/x/*" also matches "/x" itself.
profilePages.use(`${PATH}/*`, schoolOrAdminPage);

profilePages.get(PATH, async (c) => {
  const loaded = await loadOr404(c, c.req.param("id"));
  return renderProfile(c, loaded, { notice: noticeFrom(c, PROFILE_NOTICES) });
});

/** After a successful change: htmx gets the fresh profile, a plain form post a redirect. */
async function done(
  c: Context<AppEnv>,
  id: string,
  notice: keyof typeof PROFILE_NOTICES,
): Promise<Response> {
  if (!isHtmxRequest(c)) return c.redirect(withNotice(`/school/beoordelaars/${id}`, notice), 303);
  const loaded = await loadForActor(c.get("db"), actorOf(c), id);
  if (!loaded) throw new HttpError(404, "not_found", "Niet gevonden.");
  return renderProfile(c, loaded, { notice: PROFILE_NOTICES[notice] });
}

/** A form with errors: the profile again, with that form's input and messages (422). */
async function invalidForm(
  c: Context<AppEnv>,
  id: string,
  which: keyof ProfileForms,
  form: Form,
  fields: string[],
  errors: Record<string, string>,
) {
  const loaded = await loadOr404(c, id);
  const values = Object.fromEntries(fields.map((f) => [f, form.one(f)]));
  return renderProfile(c, loaded, { status: 422, forms: { [which]: { values, errors } } });
}

profilePages.post(`${PATH}/examens`, async (c) => {
  const { assessor, actor } = await loadForLog(c, c.req.param("id"));
  const form = await readForm(c);
  const parsed = parseWith(examinationSchema(c.get("today"), assessor.initialTrainingDate), {
    date: form.one("exam-date"),
    crebo: form.one("exam-crebo"),
    notes: form.one("exam-notes"),
  });
  let errors = parsed.ok ? {} : toFormErrors(parsed.fields, "exam-");
  if (
    parsed.ok &&
    !(await assessorCreboCodes(c.get("db"), assessor.id)).includes(parsed.data.crebo)
  )
    errors = { "exam-crebo": CREBO_NOT_OF_ASSESSOR };
  if (!parsed.ok || Object.keys(errors).length)
    return invalidForm(
      c,
      assessor.id,
      "exam",
      form,
      ["exam-date", "exam-crebo", "exam-notes"],
      errors,
    );
  await addExamination(c.get("db"), actor, assessor.id, parsed.data);
  return done(c, assessor.id, "examen");
});

profilePages.post(`${PATH}/bijscholingen`, async (c) => {
  const { assessor, actor } = await loadForLog(c, c.req.param("id"));
  const form = await readForm(c);
  const parsed = parseWith(refresherSchema(c.get("today"), assessor.initialTrainingDate), {
    date: form.one("refresher-date"),
    kind: form.one("refresher-kind") || undefined,
    description: form.one("refresher-description"),
    provider: form.one("refresher-provider"),
  });
  if (!parsed.ok)
    return invalidForm(
      c,
      assessor.id,
      "refresher",
      form,
      ["refresher-date", "refresher-kind", "refresher-description", "refresher-provider"],
      toFormErrors(parsed.fields, "refresher-"),
    );
  await addRefresherTraining(c.get("db"), actor, assessor.id, parsed.data);
  return done(c, assessor.id, "bijscholing");
});

profilePages.post(`${PATH}/examens/:eid/verwijderen`, async (c) => {
  const { assessor, actor } = await loadForLog(c, c.req.param("id"));
  const result = await deleteExamination(c.get("db"), actor, assessor.id, c.req.param("eid"));
  if (result === "not_found")
    throw new HttpError(404, "not_found", "Deze examenregistratie bestaat niet (meer).");
  if (result === "forbidden")
    throw new HttpError(
      403,
      "forbidden",
      "Alleen de school die dit examen registreerde, kan het verwijderen.",
    );
  return done(c, assessor.id, "examen-verwijderd");
});

profilePages.post(`${PATH}/bijscholingen/:rid/verwijderen`, async (c) => {
  const { assessor, actor } = await loadForLog(c, c.req.param("id"));
  const result = await deleteRefresherTraining(c.get("db"), actor, assessor.id, c.req.param("rid"));
  if (result === "not_found")
    throw new HttpError(404, "not_found", "Deze bijscholing bestaat niet (meer).");
  if (result === "forbidden")
    throw new HttpError(
      403,
      "forbidden",
      "Alleen de school die deze bijscholing registreerde, kan haar verwijderen.",
    );
  return done(c, assessor.id, "bijscholing-verwijderd");
});

profilePages.post(`${PATH}/toestemming`, async (c) => {
  const { assessor, actor } = await loadForWrite(c, c.req.param("id"), "consent");
  const form = await readForm(c);
  const choice = form.one("consent");
  if (choice !== "ja" && choice !== "nee")
    return invalidForm(c, assessor.id, "consent", form, ["consent"], {
      consent: "Kies ja of nee.",
    });
  try {
    await setConsent(c.get("db"), actor, assessor.id, choice === "ja");
  } catch (err) {
    if (!(err instanceof ConsentWithdrawnByAssessor)) throw err;
    const loaded = await loadOr404(c, assessor.id);
    return renderProfile(c, loaded, {
      status: 409,
      forms: {
        consent: {
          values: { consent: "ja" },
          errors: { consent: CONSENT_WITHDRAWN_BY_ASSESSOR_MESSAGE },
        },
      },
    });
  }
  return done(c, assessor.id, "toestemming");
});

profilePages.post(`${PATH}/afmelding`, async (c) => {
  const { assessor, actor } = await loadForWrite(c, c.req.param("id"), "deregister");
  const form = await readForm(c);
  const parsed = parseWith(deregistrationSchema(c.get("today"), assessor.initialTrainingDate), {
    date: form.one("dereg-date"),
    reason: form.one("dereg-reason"),
  });
  if (!parsed.ok)
    return invalidForm(
      c,
      assessor.id,
      "deregistration",
      form,
      ["dereg-date", "dereg-reason"],
      toFormErrors(parsed.fields, "dereg-"),
    );
  await deregister(c.get("db"), actor, assessor.id, parsed.data);
  // Only the registering school still sees a deregistered assessor; anyone else goes back to the list.
  if (!actor.isAdmin && !isRegisteringSchool(actor, assessor)) {
    if (isHtmxRequest(c)) {
      c.header("HX-Redirect", withNotice("/school", "afgemeld"));
      return c.body(null, 200);
    }
    return c.redirect(withNotice("/school", "afgemeld"), 303);
  }
  return done(c, assessor.id, "afmelding");
});

profilePages.post(`${PATH}/afmelding/ongedaan`, async (c) => {
  const { assessor, actor } = await loadForWrite(c, c.req.param("id"), "undo_deregistration");
  await undoDeregistration(c.get("db"), actor, assessor.id);
  return done(c, assessor.id, "afmelding-ongedaan");
});

profilePages.post(`${PATH}/koppelen`, async (c) => {
  const { assessor } = await loadForWrite(c, c.req.param("id"), "link");
  const actor = schoolActorOf(c);
  if (await linkAssessor(c.get("db"), actor, assessor.id))
    await notifyLinked(c.get("db"), noticeContext(c), assessor.id, actor.schoolId);
  return c.redirect(withNotice(`/school/beoordelaars/${assessor.id}`, "gekoppeld"), 303);
});

profilePages.post(`${PATH}/wissen`, async (c) => {
  const { actor, ...loaded } = await loadForWrite(c, c.req.param("id"), "erase");
  const form = await readForm(c);
  if (form.one("confirm") !== "ja")
    return renderProfile(c, loaded, {
      status: 422,
      forms: {
        erase: {
          values: {},
          errors: { confirm: "Vink aan dat u zeker weet dat de gegevens gewist moeten worden." },
        },
      },
    });
  await eraseAssessor(c.get("db"), actor, loaded.assessor.id, c.get("now").toISOString());
  return c.redirect(withNotice(`/school/beoordelaars/${loaded.assessor.id}`, "gewist"), 303);
});
