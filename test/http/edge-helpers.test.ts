// The edge toolkit every area shares: zod issues → Dutch field messages, the htmx check, the
// notice convention and the one link builder. Table-driven, through a real Hono app where a request is needed.
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { isHtmxRequest } from "#src/http/htmx";
import { NOTICE_PARAM, noticeFrom, withNotice } from "#src/http/notice";
import { parseForm } from "#src/http/validation";
import { queryString, withQuery } from "#src/lib/links";
import { fieldMessages, parseWith } from "#src/rules/validation";

describe("fieldMessages", () => {
  const schema = z.strictObject({
    email: z.string().min(1, "Vul een e-mailadres in."),
    places: z.array(z.string().min(4, "Een plaatscode heeft 4 cijfers.")),
  });

  it("names the field, the first message per field wins, arrays report on the array", () => {
    const parsed = schema.safeParse({ email: "", places: ["1", "2"] });
    expect(parsed.success).toBe(false);
    expect(fieldMessages(parsed.error!)).toEqual({
      email: "Vul een e-mailadres in.",
      places: "Een plaatscode heeft 4 cijfers.",
    });
  });

  it("keeps array positions when asked (rule bodies) and names unknown keys one by one", () => {
    const parsed = schema.safeParse({ email: "a", places: ["1"], extra: 1, other: 2 });
    expect(fieldMessages(parsed.error!, { keepIndices: true })).toEqual({
      "places.0": "Een plaatscode heeft 4 cijfers.",
      extra: "Onbekend veld.",
      other: "Onbekend veld.",
    });
  });

  it("uses the root message for an input that is not an object", () => {
    expect(parseWith(schema, "text", { rootMessage: "Stuur een JSON-object." })).toEqual({
      ok: false,
      fields: { _: "Stuur een JSON-object." },
    });
    expect(parseWith(schema, { email: "a", places: [] })).toEqual({
      ok: true,
      data: { email: "a", places: [] },
    });
  });
});

describe("parseForm", () => {
  const app = new Hono();
  const schema = z.object({
    name: z.string().trim().min(2, "Vul uw naam in."),
    role: z.enum(["staff", "school_admin"], "Kies een rol."),
  });
  app.post("/", async (c) => c.json(await parseForm(c, schema, { role: "staff" })));
  const post = (body: Record<string, string>) =>
    Promise.resolve(app.request("/", { method: "POST", body: new URLSearchParams(body) })).then(
      (r) => r.json(),
    );

  it.each([
    [{ name: "Ada" }, { ok: true, data: { name: "Ada", role: "staff" }, values: { name: "Ada" } }],
    [
      { name: "A", role: "boss" },
      {
        ok: false,
        errors: { name: "Vul uw naam in.", role: "Kies een rol." },
        values: { name: "A", role: "boss" },
      },
    ],
  ])("%j → %j (defaults fill empty fields; values stay raw)", async (body, expected) => {
    expect(await post(body)).toEqual(expected);
  });
});

describe("isHtmxRequest", () => {
  const app = new Hono();
  app.get("/", (c) => c.text(String(isHtmxRequest(c))));
  it.each([
    [{}, "false"],
    [{ "HX-Request": "true" }, "true"],
    [{ "HX-Request": "true", "HX-History-Restore-Request": "true" }, "false"],
    [{ "HX-Request": "true", "HX-Request-Type": "full" }, "false"],
    [{ "HX-Request": "true", "HX-Request-Type": "partial" }, "true"],
    [{ "HX-Request": "true", "HX-Boosted": "true" }, "false"],
  ])("%j → %s", async (headers, expected) => {
    expect(await (await app.request("/", { headers })).text()).toBe(expected);
  });
});

describe("notices and links", () => {
  it("builds the notice redirect and reads only known keys", async () => {
    expect(withNotice("/school/team", "uitgenodigd")).toBe("/school/team?melding=uitgenodigd");
    expect(withNotice("/school?status=lapsed", "x")).toBe("/school?status=lapsed&melding=x");
    const app = new Hono();
    const table = { uitgenodigd: "De uitnodiging is verstuurd." };
    app.get("/", (c) => c.text(noticeFrom(c, table) ?? "-"));
    expect(await (await app.request(`/?${NOTICE_PARAM}=uitgenodigd`)).text()).toBe(
      "De uitnodiging is verstuurd.",
    );
    expect(await (await app.request(`/?${NOTICE_PARAM}=constructor`)).text()).toBe("-");
    expect(await (await app.request("/?uitgenodigd")).text()).toBe("-");
  });

  it("leaves out empty values and encodes the rest", () => {
    expect(queryString({ q: "de vries", province: "", place: undefined, page: 2 })).toBe(
      "?q=de+vries&page=2",
    );
    expect(queryString({ q: null })).toBe("");
    expect(withQuery("/", {})).toBe("/");
    expect(withQuery("/beheer/audit", { school: "s1", page: 3 })).toBe(
      "/beheer/audit?school=s1&page=3",
    );
  });
});
