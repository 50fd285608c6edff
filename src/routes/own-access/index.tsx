// The assessor's own access (DESIGN §3): /mijn-gegevens asks for a personal link by e-mail;
// /mijn-gegevens/{token} shows everything stored, the consent switch, the JSON download and
// "Meld een fout". The token is the only credential: no session, no cookie.
import { Hono, type Context } from "hono";
import { createMiddleware } from "hono/factory";
import { fileReport, noticeContext, sendNewLink } from "#src/auth/assessor-notices";
import { LINK_ADDRESS_RULE, LINK_IP_RULE, REPORT_ASSESSOR_RULE, takeQuota } from "#src/auth/quota";
import { clientIp } from "#src/auth/throttle";
import type { AppEnv } from "#src/env";
import { addressThrottleKey, findAccessToken, setConsentByAssessor } from "#src/queries/own-access";
import { exportAssessor } from "#src/queries/privacy";
import { getPublicSchool } from "#src/queries/school-profile";
import { linkRequestSchema, reportSchema } from "#src/rules/contact-input";
import { readForm } from "#src/routes/school/forms";
import { parseWith } from "#src/http/validation";
import { afterResponse } from "#src/http/after-response";
import { getPublicAssessor } from "#src/search/search";
import type { ReportFormState } from "#views/components/report-form";
import { OwnDataPage, ownDataHead } from "#views/pages/own-access/data";
import {
  LinkExpiredPage,
  linkExpiredHead,
  RequestLinkPage,
  requestLinkHead,
} from "#views/pages/own-access/request";
import { renderError } from "#src/http/error-page";
import type { AssessorRow } from "#src/queries/assessors";

export const ownAccessPages = new Hono<AppEnv>();

// The token is in the address: never cached, never indexed. (Referrer-Policy is the app's
// strict-origin-when-cross-origin, so other sites never see the path with the token.)
ownAccessPages.use(
  "/*",
  createMiddleware<AppEnv>(async (c, next) => {
    await next();
    c.res.headers.set("Cache-Control", "no-store");
    c.res.headers.set("X-Robots-Tag", "noindex");
  }),
);

const NOTICES: Record<string, string> = {
  "toestemming-gegeven":
    "Uw toestemming is vastgelegd. Zolang u gekwalificeerd bent, is uw profiel nu openbaar.",
  "toestemming-ingetrokken":
    "Uw toestemming is ingetrokken. Uw openbare profiel is verwijderd uit het register.",
};

ownAccessPages.get("/", (c) =>
  c.render(<RequestLinkPage sent={c.req.query("verstuurd") !== undefined} />, requestLinkHead),
);

ownAccessPages.post("/", async (c) => {
  const db = c.get("db");
  const form = await readForm(c);
  const email = form.one("email");
  const parsed = parseWith(linkRequestSchema, { email });
  if (!parsed.ok) {
    c.status(422);
    return c.render(<RequestLinkPage email={email} errors={parsed.fields} />, requestLinkHead);
  }
  const quota = await takeQuota(db, `own-access:ip:${clientIp(c)}`, LINK_IP_RULE, c.get("now"));
  if (!quota.ok) {
    c.header("Retry-After", String(quota.retryAfter));
    c.status(429);
    return c.render(
      <RequestLinkPage
        email={email}
        limited={`Er zijn vanaf uw verbinding veel links aangevraagd. Probeer het over ${Math.ceil(quota.retryAfter / 60)} minuten opnieuw.`}
      />,
      requestLinkHead,
    );
  }
  // Whether the address is known must not show in the answer nor in its timing: the lookup and
  // the mail happen after the response (waitUntil on Workers; on Node the promise runs on).
  const ctx = noticeContext(c);
  const address = parsed.data.email;
  afterResponse(c, async () => {
    const perAddress = await takeQuota(
      db,
      await addressThrottleKey(address),
      LINK_ADDRESS_RULE,
      ctx.now,
    );
    if (perAddress.ok) await sendNewLink(db, ctx, address);
  });
  return c.redirect("/mijn-gegevens?verstuurd=1", 303);
});

type Valid = { assessor: AssessorRow; expiresAt: string; base: string };

/** The token's assessor, or the page to answer with (404 unknown/erased, 410 expired/replaced). */
async function resolveToken(c: Context<AppEnv>): Promise<Valid | Response> {
  const token = c.req.param("token") ?? "";
  const found = await findAccessToken(c.get("db"), token, c.get("now"));
  if (found.state === "unknown")
    return renderError(
      c,
      404,
      "Link niet gevonden",
      "Deze link naar Mijn gegevens bestaat niet. Controleer of u de hele link uit de e-mail heeft gebruikt, of vraag een nieuwe link aan via /mijn-gegevens.",
    );
  if (found.state !== "valid") {
    c.status(410);
    return c.render(<LinkExpiredPage replaced={found.state === "revoked"} />, linkExpiredHead);
  }
  return {
    assessor: found.assessor,
    expiresAt: found.expiresAt,
    base: `/mijn-gegevens/${encodeURIComponent(token)}`,
  };
}

function exportOf(c: Context<AppEnv>, assessor: AssessorRow) {
  // The registering school's view (linked), so that this is the same document as its AVG export.
  return exportAssessor(c.get("db"), assessor, {
    linked: true,
    on: c.get("today"),
    expiringDays: c.get("config").expiringDays,
    now: c.get("now"),
  });
}

async function renderOwnData(
  c: Context<AppEnv>,
  valid: Valid,
  report: ReportFormState,
  status: 200 | 422 | 429 = 200,
) {
  const db = c.get("db");
  const [data, visible, registeringSchool] = await Promise.all([
    exportOf(c, valid.assessor),
    getPublicAssessor(db, valid.assessor.id, c.get("today")),
    getPublicSchool(db, valid.assessor.registeringSchoolId, c.get("today")),
  ]);
  const notice = NOTICES[c.req.query("melding") ?? ""];
  c.status(status);
  return c.render(
    <OwnDataPage
      view={{
        base: valid.base,
        data,
        isPublic: visible !== null,
        linkValidUntil: valid.expiresAt,
        registeringSchool,
        notice,
        report: {
          values: { reply_to: valid.assessor.email ?? "" },
          sent: c.req.query("melding") === "verstuurd",
          ...report,
        },
      }}
    />,
    ownDataHead,
  );
}

ownAccessPages.get("/:token", async (c) => {
  const valid = await resolveToken(c);
  if (valid instanceof Response) return valid;
  return renderOwnData(c, valid, {});
});

ownAccessPages.get("/:token/gegevens.json", async (c) => {
  const valid = await resolveToken(c);
  if (valid instanceof Response) return valid;
  c.header("Content-Disposition", `attachment; filename="mijn-gegevens-${valid.assessor.id}.json"`);
  return c.json(await exportOf(c, valid.assessor));
});

ownAccessPages.post("/:token/toestemming", async (c) => {
  const valid = await resolveToken(c);
  if (valid instanceof Response) return valid;
  const choice = (await readForm(c)).one("consent");
  if (choice !== "ja" && choice !== "nee") return c.redirect(valid.base, 303);
  await setConsentByAssessor(c.get("db"), valid.assessor.id, choice === "ja", c.get("requestId"));
  const notice = choice === "ja" ? "toestemming-gegeven" : "toestemming-ingetrokken";
  return c.redirect(`${valid.base}?melding=${notice}#toestemming`, 303);
});

ownAccessPages.post("/:token/melding", async (c) => {
  const valid = await resolveToken(c);
  if (valid instanceof Response) return valid;
  const db = c.get("db");
  const form = await readForm(c);
  const values = { message: form.one("message"), reply_to: form.one("reply_to") };
  const parsed = parseWith(reportSchema, values);
  if (!parsed.ok) return renderOwnData(c, valid, { values, errors: parsed.fields }, 422);
  const a = valid.assessor;
  const quota = await takeQuota(db, `report:assessor:${a.id}`, REPORT_ASSESSOR_RULE, c.get("now"));
  if (!quota.ok) {
    c.header("Retry-After", String(quota.retryAfter));
    return renderOwnData(
      c,
      valid,
      {
        values,
        errors: {
          message: `U heeft het afgelopen uur al ${REPORT_ASSESSOR_RULE.max} meldingen verstuurd. Probeer het later opnieuw.`,
        },
      },
      429,
    );
  }
  await fileReport(db, noticeContext(c), {
    assessor: a,
    source: "assessor",
    message: parsed.data.message,
    replyTo: parsed.data.reply_to || null,
  });
  return c.redirect(`${valid.base}?melding=verstuurd#melding`, 303);
});
