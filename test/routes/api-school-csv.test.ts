// CSV export and import: the round trip into an empty register gives the same records; bad
// rows are reported per row and nothing is stored; the import page previews before storing.
import { afterEach, describe, expect, it } from "vitest";
import { assessors } from "#db/schema";
import { createTestApp, type TestApp } from "../helpers/app";
import { bearer, createSchoolWithUser, sessionCookie } from "../helpers/factories";
import {
  CREBO,
  DE_MEERN,
  OTHER_CREBO,
  UTRECHT,
  createTestAssessor,
  schoolActor,
} from "../helpers/assessors";
import { addRefresherTraining } from "#src/queries/logs";
import { parseCsv } from "#src/lib/csv";

const apps: TestApp[] = [];
afterEach(() => {
  while (apps.length) apps.pop()!.close();
});

async function register(name = "ROC Export") {
  const t = await createTestApp();
  apps.push(t);
  const { school, user } = await createSchoolWithUser(t.db, name);
  return { t, school, user, auth: await bearer(t.db, user.id, school.id) };
}

const HEADER =
  "voornaam;tussenvoegsel;achternaam;e-mail;telefoon;organisatie;plaatscodes;crebos;scholing datum;scholing aanbieder;scholing onderdelen;openbaar";
const ALL = "exam_process, assessing, final_interview";

function importCsv(
  t: TestApp,
  auth: string,
  csv: string,
  query = "",
  headers: Record<string, string> = {},
) {
  return t.app.request(`/api/v1/school/assessors/import${query}`, {
    method: "POST",
    headers: { Authorization: auth, "Content-Type": "text/csv; charset=utf-8", ...headers },
    body: csv,
  });
}

/** What must survive a round trip: everything but ids, link flags and versions. */
function comparable(items: Record<string, unknown>[]) {
  return items
    .map((i) => {
      const {
        id: _id,
        linked: _l,
        version: _v,
        registering_school_id: _r,
        schools,
        ...rest
      } = i as Record<string, unknown> & { schools: unknown[] };
      return { ...rest, schools: schools.length } as Record<string, unknown>;
    })
    .sort((a, b) => String(a.email).localeCompare(String(b.email)));
}

describe("CSV export", () => {
  it("semicolons, UTF-8 BOM, Dutch headers, one row per own assessor", async () => {
    const { t, school, user, auth } = await register();
    await createTestAssessor(
      t.db,
      { school, user },
      { firstName: "Zoë", lastName: "Çelik", organisation: "Bedrijf; met puntkomma" },
    );
    const res = await t.app.request("/api/v1/school/assessors.csv", {
      headers: { Authorization: auth },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/text\/csv/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    const rows = parseCsv(text);
    expect(rows[0].slice(0, 4)).toEqual(["id", "voornaam", "tussenvoegsel", "achternaam"]);
    expect(rows).toHaveLength(2);
    expect(rows[1]).toContain("Zoë");
    expect(rows[1]).toContain("Bedrijf; met puntkomma");
    expect(text).toContain("\r\n");
  });
});

describe("CSV round trip", () => {
  it("export → import into an empty register gives the same records", async () => {
    const source = await register("ROC Bron");
    const who = { school: source.school, user: source.user };
    await createTestAssessor(source.t.db, who, {
      firstName: "Jan",
      infix: "van der",
      lastName: "Meer",
      places: [UTRECHT, DE_MEERN],
      crebos: [CREBO, OTHER_CREBO],
      examinationDates: ["2024-05-01", "2025-11-20"],
      refresherDates: ["2025-02-01"],
    });
    const { id: second } = await createTestAssessor(source.t.db, who, {
      firstName: "Ömer",
      lastName: "Özdemir",
      publicConsent: false,
      phone: "",
    });
    await addRefresherTraining(source.t.db, schoolActor(source.user, source.school), second, {
      date: "2025-05-05",
      kind: "overig",
      description: "Intervisie | met collega's",
      provider: "Eigen school",
    });
    await createTestAssessor(source.t.db, who, {
      firstName: "Afgemeld",
      deregisteredOn: "2026-03-01",
      examinationDates: ["2024-02-02"],
    });
    const csv = await (
      await source.t.app.request("/api/v1/school/assessors.csv", {
        headers: { Authorization: source.auth },
      })
    ).text();

    const target = await register("ROC Doel");
    const res = await importCsv(target.t, target.auth, csv);
    expect(res.status).toBe(201);
    const report = await res.json();
    expect(report).toMatchObject({ created: 3, total: 3, valid: 3, invalid: 0 });

    const list = async (app: Awaited<ReturnType<typeof register>>) =>
      (
        await (
          await app.t.app.request("/api/v1/school/assessors?linked=true&per_page=100", {
            headers: { Authorization: app.auth },
          })
        ).json()
      ).items;
    expect(comparable(await list(target))).toEqual(comparable(await list(source)));
    // and the export of the copy is the export of the original, but for ids and school names
    const again = await (
      await target.t.app.request("/api/v1/school/assessors.csv", {
        headers: { Authorization: target.auth },
      })
    ).text();
    const strip = (text: string) =>
      parseCsv(text)
        .map((r) => r.slice(1))
        .sort();
    expect(strip(again)).toEqual(strip(csv));
  });
});

describe("CSV import", () => {
  it("reports bad rows per row and stores nothing (422)", async () => {
    const { t, school, user, auth } = await register();
    await createTestAssessor(t.db, { school, user }, { email: "bestaat@voorbeeld.nl" });
    const csv = [
      HEADER,
      `Goed;;Rij;goed@voorbeeld.nl;;;${UTRECHT};${CREBO};2025-01-01;X;${ALL};ja`,
      `Toekomst;;Datum;toekomst@voorbeeld.nl;;;${UTRECHT};${CREBO};2027-01-01;X;${ALL};ja`,
      `Onderdeel;;Mist;mist@voorbeeld.nl;;;${UTRECHT};${CREBO};2025-01-01;X;exam_process, assessing;ja`,
      `Plaats;;Onbekend;plaats@voorbeeld.nl;;;0001;${CREBO};2025-01-01;X;${ALL};ja`,
      `Crebo;;Onbekend;crebo@voorbeeld.nl;;;${UTRECHT};99999;2025-01-01;X;${ALL};ja`,
      `Email;;Fout;geen-email;;;${UTRECHT};${CREBO};2025-01-01;X;${ALL};ja`,
      `Dubbel;;Bestaand;BESTAAT@voorbeeld.nl;;;${UTRECHT};${CREBO};2025-01-01;X;${ALL};nee`,
      `Twee;;Keer;goed@voorbeeld.nl;;;${UTRECHT};${CREBO};2025-01-01;X;${ALL};ja`,
      `Openbaar;;Leeg;leeg@voorbeeld.nl;;;${UTRECHT};${CREBO};2025-01-01;X;${ALL};misschien`,
    ].join("\n");
    const before = (await t.db.select().from(assessors)).length;
    const res = await importCsv(t, auth, csv);
    expect(res.status).toBe(422);
    const report = await res.json();
    expect(report.error.code).toBe("import_invalid");
    expect(report.created).toBe(0);
    const byRow = Object.fromEntries(report.rows.map((r: { row: number }) => [r.row, r]));
    expect(byRow[2].status).toBe("ok");
    expect(byRow[3].errors["scholing datum"]).toMatch(/toekomst/);
    expect(byRow[4].errors["scholing onderdelen"]).toMatch(/Alle drie onderdelen/);
    expect(byRow[5].errors.plaatscodes).toMatch(/0001/);
    expect(byRow[6].errors.crebos).toMatch(/99999/);
    expect(byRow[7].errors["e-mail"]).toMatch(/e-mailadres/);
    expect(byRow[8]).toMatchObject({ status: "duplicate", existing_id: expect.any(String) });
    expect(byRow[9].errors["e-mail"]).toMatch(/rij 2/);
    expect(byRow[10].errors.openbaar).toMatch(/ja of nee/);
    expect((await t.db.select().from(assessors)).length).toBe(before);

    // ?valid_only=true stores just the valid rows
    const partial = await importCsv(t, auth, csv, "?valid_only=true");
    expect(partial.status).toBe(201);
    const done = await partial.json();
    expect(done.created).toBe(1);
    expect(done.rows.find((r: { row: number }) => r.row === 2)).toMatchObject({
      status: "created",
      id: expect.any(String),
    });
    expect((await t.db.select().from(assessors)).length).toBe(before + 1);
  });

  it("accepts comma CSV without BOM, exact place names, and a multipart upload", async () => {
    const { t, auth } = await register();
    const csv = [
      "voornaam,achternaam,email,plaatsen,crebos,scholing datum,scholing aanbieder,scholing onderdelen,openbaar",
      `Kees,Komma,kees@voorbeeld.nl,Utrecht,${CREBO},2025-02-02,X,ja,nee`,
    ].join("\r\n");
    const form = new FormData();
    form.set("file", new File([csv], "lijst.csv", { type: "text/csv" }));
    const res = await t.app.request("/api/v1/school/assessors/import", {
      method: "POST",
      headers: { Authorization: auth },
      body: form,
    });
    expect(res.status).toBe(201);
    const list = await (
      await t.app.request("/api/v1/school/assessors?q=kees", { headers: { Authorization: auth } })
    ).json();
    expect(list.items[0]).toMatchObject({
      first_name: "Kees",
      public_consent: false,
      places: [{ code: UTRECHT }],
    });
  });

  it("names missing columns", async () => {
    const { t, auth } = await register();
    const res = await importCsv(t, auth, "naam;email\nJan;jan@voorbeeld.nl");
    expect(res.status).toBe(422);
    expect((await res.json()).error.message).toMatch(/ontbreken: voornaam, achternaam/);
  });

  it("the import page previews and only stores after confirmation", async () => {
    const { t, user } = await register();
    const cookie = await sessionCookie(t.db, user.id);
    const csv = [
      HEADER,
      `Pagina;;Import;pagina@voorbeeld.nl;;;${UTRECHT};${CREBO};2025-01-01;X;${ALL};ja`,
      `Fout;;Rij;fout;;;${UTRECHT};${CREBO};2025-01-01;X;${ALL};ja`,
    ].join("\n");
    const form = new FormData();
    form.set("file", new File([csv], "lijst.csv", { type: "text/csv" }));
    const preview = await t.app.request("/school/import", {
      method: "POST",
      headers: { Cookie: cookie, Origin: "http://localhost:8787" },
      body: form,
    });
    expect(preview.status).toBe(422);
    const html = await preview.text();
    expect(html).toContain("1 in orde");
    expect(html).toContain("Alleen de 1 geldige rij importeren");
    expect((await t.db.select().from(assessors)).length).toBe(0);
    const confirm = await t.app.request("/school/import/bevestigen", {
      method: "POST",
      headers: {
        Cookie: cookie,
        Origin: "http://localhost:8787",
        "Content-Type": "application/x-www-form-urlencoded",
      },
      body: new URLSearchParams({ csv, mode: "valid" }),
    });
    expect(confirm.status).toBe(303);
    expect(confirm.headers.get("location")).toBe("/school?geimporteerd=1");
    expect((await t.db.select().from(assessors)).length).toBe(1);
  });

  it("accepts Dutch spreadsheet dates dd-mm-jjjj and d-m-jjjj beside ISO", async () => {
    const { t, auth } = await register();
    const csv = [
      `${HEADER};examens;bijscholingen`,
      `Dag;;Maand;dagmaand@voorbeeld.nl;;;${UTRECHT};${CREBO};15-03-2025;X;${ALL};ja;"5-4-2025 | ${CREBO} | eerste";"01-05-2025 | terugkomdag | ROC"`,
      `Kort;;Datum;kort@voorbeeld.nl;;;${UTRECHT};${CREBO};5-3-2025;X;${ALL};ja;;`,
      `Geen;;Dag;geendag@voorbeeld.nl;;;${UTRECHT};${CREBO};31-02-2025;X;${ALL};ja;;`,
    ].join("\n");
    const res = await importCsv(t, auth, csv);
    const body = await res.json();
    expect(res.status).toBe(422);
    expect(body.rows.map((r: { status: string }) => r.status)).toEqual(["ok", "ok", "error"]);
    const byName = Object.fromEntries(
      body.rows.map((r: { name: string; status: string; errors?: Record<string, string> }) => [
        r.name,
        r,
      ]),
    );
    expect(byName["Geen Dag"].errors["scholing datum"]).toEqual(expect.any(String));
    expect(byName["Dag Maand"].errors ?? {}).toEqual({});
    expect(byName["Kort Datum"].errors ?? {}).toEqual({});
    // Without the impossible date the file is imported, with its dates as ISO.
    const ok = await importCsv(t, auth, csv.split("\n").slice(0, 3).join("\n"));
    expect(ok.status).toBe(201);
    const list = await (
      await t.app.request("/api/v1/school/assessors?q=maand", { headers: { Authorization: auth } })
    ).json();
    const record = await (
      await t.app.request(`/api/v1/school/assessors/${list.items[0].id}`, {
        headers: { Authorization: auth },
      })
    ).json();
    expect(record.initial_training.date).toBe("2025-03-15");
    expect(record.examinations.map((e: { date: string }) => e.date)).toEqual(["2025-04-05"]);
    expect(record.refresher_trainings.map((r: { date: string }) => r.date)).toEqual(["2025-05-01"]);
  });

  it("the import preview carries the file as a hidden value, not an unlabelled box", async () => {
    const { t, user } = await register();
    const cookie = await sessionCookie(t.db, user.id);
    const csv = [
      HEADER,
      `Een;;Rij;eenrij@voorbeeld.nl;;;${UTRECHT};${CREBO};15-01-2025;X;${ALL};ja`,
    ].join("\n");
    const form = new FormData();
    form.set("file", new File([csv], "lijst.csv", { type: "text/csv" }));
    const preview = await t.app.request("/school/import", {
      method: "POST",
      headers: { Cookie: cookie, Origin: "http://localhost:8787" },
      body: form,
    });
    const html = await preview.text();
    expect(html).not.toContain("<textarea");
    expect(html).toMatch(/<input type="hidden" name="csv" value="[^"]*15-01-2025/);
  });
});
