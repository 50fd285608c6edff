// /school/beoordelaars/nieuw (register after the criteria check) and /…/{id}/bewerken (edit
// with optimistic locking). Both map the form onto the API schemas.
import { Hono, type Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { AppEnv } from "#src/env";
import { withNotice } from "#src/http/notice";
import { updateAssessor } from "#src/queries/assessor-update";
import { fullName } from "#src/queries/assessor-derived";
import { getAssessorRecord } from "#src/queries/assessor-record";
import { findIdByEmail, getAssessor, loadForActor, schoolName } from "#src/queries/assessors";
import { createAssessor } from "#src/queries/registration";
import { noticeContext, notifyEmailChanged, notifyRegistered } from "#src/auth/assessor-notices";
import { listCrebos } from "#src/queries/reference";
import { EditAssessorPage, editAssessorHead } from "#views/pages/school/edit-assessor";
import {
  NewAssessorPage,
  type DuplicateInfo,
  newAssessorHead,
} from "#views/pages/school/new-assessor";
import {
  emptyAssessorValues,
  type AssessorFormValues,
} from "#views/partials/school/assessor-fields";
import {
  assessorBody,
  assessorValues,
  CONSENT_MISSING,
  readForm,
  toFormErrors,
  valuesFromRecord,
} from "./forms";
import { loadForWrite, schoolActorOf, schoolOrAdminPage } from "./context";
import {
  createAssessorSchema,
  toNewAssessor,
  updateAssessorSchema,
} from "#src/rules/assessor-input";
import { parseWith } from "#src/http/validation";
import type { Actor } from "#src/rules/access";
import { requireSchoolPage } from "#src/http/guards";

export const registerPages = new Hono<AppEnv>();

const meiCrebos = (c: Context<AppEnv>) => listCrebos(c.get("db"), { meiOnly: true });

async function renderNew(
  c: Context<AppEnv>,
  values: AssessorFormValues,
  errors: Record<string, string> = {},
  status: ContentfulStatusCode = 200,
  duplicate: DuplicateInfo = null,
) {
  c.status(status);
  return c.render(
    <NewAssessorPage
      values={values}
      errors={errors}
      today={c.get("today")}
      meiCrebos={await meiCrebos(c)}
      duplicate={duplicate}
    />,
    newAssessorHead,
  );
}

async function duplicateInfo(c: Context<AppEnv>, actor: Actor, id: string): Promise<DuplicateInfo> {
  const db = c.get("db");
  const loaded = await loadForActor(db, actor, id);
  if (!loaded) return { id, name: "", schoolName: "", visible: false, linked: false };
  return {
    id,
    name: fullName(loaded.assessor),
    schoolName: await schoolName(db, loaded.assessor.registeringSchoolId),
    visible: true,
    linked: loaded.linked,
  };
}

registerPages.get("/beoordelaars/nieuw", requireSchoolPage, (c) =>
  renderNew(c, emptyAssessorValues),
);

registerPages.post("/beoordelaars/nieuw", requireSchoolPage, async (c) => {
  const actor = schoolActorOf(c);
  const db = c.get("db");
  const values = assessorValues(await readForm(c));
  const { body, lookupErrors } = await assessorBody(db, values);
  const parsed = parseWith(createAssessorSchema(c.get("today")), body);
  const errors = { ...(parsed.ok ? {} : toFormErrors(parsed.fields)), ...lookupErrors };
  if (errors.consent) errors.consent = CONSENT_MISSING;
  if (!parsed.ok || Object.keys(errors).length) {
    // Say at once when the email is known, so the school links instead of retyping everything.
    const existing = values.email ? await findIdByEmail(db, values.email) : null;
    return renderNew(
      c,
      values,
      errors,
      422,
      existing ? await duplicateInfo(c, actor, existing) : null,
    );
  }
  const result = await createAssessor(db, actor, toNewAssessor(parsed.data));
  if (!result.ok && "duplicateId" in result)
    return renderNew(c, values, {}, 409, await duplicateInfo(c, actor, result.duplicateId));
  if (!result.ok) return renderNew(c, values, toFormErrors(result.fields), 422);
  await notifyRegistered(db, noticeContext(c), result.id, actor.schoolId);
  return c.redirect(withNotice(`/school/beoordelaars/${result.id}`, "geregistreerd"), 303);
});

// ---------------------------------------------------------------- edit

registerPages.use("/beoordelaars/:id/bewerken", schoolOrAdminPage);

async function renderEdit(
  c: Context<AppEnv>,
  id: string,
  values: AssessorFormValues,
  extra: {
    errors?: Record<string, string>;
    conflict?: Parameters<typeof EditAssessorPage>[0]["conflict"];
  } = {},
  status: ContentfulStatusCode = 200,
) {
  const assessor = (await getAssessor(c.get("db"), id))!;
  c.status(status);
  return c.render(
    <EditAssessorPage
      id={id}
      name={fullName(assessor)}
      values={values}
      errors={extra.errors ?? {}}
      conflict={extra.conflict}
      today={c.get("today")}
      meiCrebos={await meiCrebos(c)}
    />,
    editAssessorHead(fullName(assessor)),
  );
}

registerPages.get("/beoordelaars/:id/bewerken", async (c) => {
  const { assessor, linked } = await loadForWrite(c, c.req.param("id"), "edit_personal");
  const record = await getAssessorRecord(c.get("db"), assessor, {
    linked,
    on: c.get("today"),
    expiringDays: c.get("config").expiringDays,
  });
  return renderEdit(c, assessor.id, valuesFromRecord(record));
});

registerPages.post("/beoordelaars/:id/bewerken", async (c) => {
  const { assessor, actor } = await loadForWrite(c, c.req.param("id"), "edit_personal");
  const db = c.get("db");
  const values = assessorValues(await readForm(c));
  const { body, lookupErrors } = await assessorBody(db, values);
  delete body.public_consent;
  const version = Number(values.version);
  const parsed = parseWith(updateAssessorSchema(c.get("today")), {
    ...body,
    version: Number.isInteger(version) && version > 0 ? version : 0,
  });
  const errors = { ...(parsed.ok ? {} : toFormErrors(parsed.fields)), ...lookupErrors };
  if (!parsed.ok || Object.keys(errors).length)
    return renderEdit(c, assessor.id, values, { errors }, 422);
  const result = await updateAssessor(db, actor, assessor, parsed.data);
  if (!result.ok && "conflict" in result)
    return renderEdit(
      c,
      assessor.id,
      { ...values, version: String(result.conflict.currentVersion) },
      { conflict: result.conflict.changes },
      409,
    );
  if (!result.ok && "duplicateId" in result)
    return renderEdit(
      c,
      assessor.id,
      values,
      { errors: { email: "Dit e-mailadres hoort al bij een andere beoordelaar in het register." } },
      409,
    );
  if (!result.ok)
    return renderEdit(c, assessor.id, values, { errors: toFormErrors(result.fields) }, 422);
  if (result.changed && result.assessor.emailNorm !== assessor.emailNorm)
    await notifyEmailChanged(
      db,
      noticeContext(c),
      assessor.id,
      // The register admin has no school: the mail names the registering school as the contact.
      actor.schoolId ?? assessor.registeringSchoolId,
      assessor.email,
    );
  return c.redirect(withNotice(`/school/beoordelaars/${assessor.id}`, "gewijzigd"), 303);
});
