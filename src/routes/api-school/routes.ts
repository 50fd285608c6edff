// The school API's route declarations (DESIGN §5): request schemas (the same ones the handlers
// parse with), response shapes and security. The middleware in load.ts decides 403/404 before a
// body is validated (a school learns "not yours" before "your date is wrong", as it always did).
import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import {
  ErrorSchema,
  errors,
  jsonBody,
  jsonContent,
  jsonRequest,
  type ErrorStatus,
} from "#src/http/openapi";
import {
  consentSchema,
  createAssessorSchema,
  deregistrationSchema,
  examinationSchema,
  listQuerySchema,
  refresherSchema,
  updateAssessorSchema,
} from "#src/rules/assessor-input";
import { loggable, readable, schoolOnly, writable } from "./load";
import {
  AssessorRecordSchema,
  CreatedExaminationSchema,
  CreatedRefresherSchema,
  ExportSchema,
  ImportRejectedSchema,
  ImportReportSchema,
  SchoolListSchema,
} from "./schemas";

const TAG = "School";
export const security: Record<string, string[]>[] = [{ bearer: [] }, { cookie: [] }];

/**
 * The body schemas take the date window of the request (today, the training date). The route
 * declares them with an open window: structure and static rules are checked by the validator and
 * documented; the handler applies the window once it knows the date and the assessor.
 */
const OPEN_END = "9999-12-31";

/** An empty query value counts as absent (?status= from a form means "any status"). */
export const emptyAsAbsent = (schema: z.ZodType, description: string) =>
  z
    .preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), schema)
    .meta({ description });

const onParam = z
  .string()
  .optional()
  .meta({ description: "Peildatum voor de status (JJJJ-MM-DD); standaard vandaag." });

const list = listQuerySchema.shape;
export const listQuery = z.object({
  status: emptyAsAbsent(list.status, "Alleen beoordelaars met deze status (op de peildatum)."),
  q: emptyAsAbsent(list.q, "Zoekwoorden (naam, organisatie), of een volledig e-mailadres."),
  linked: emptyAsAbsent(list.linked, "true: alleen de beoordelaars van uw school."),
  sort: emptyAsAbsent(list.sort, "deadline (eerst wie het eerst verloopt) of name."),
  page: emptyAsAbsent(list.page, "Paginanummer, vanaf 1."),
  per_page: emptyAsAbsent(list.per_page, "Aantal per pagina, 1 tot 100; standaard 20."),
  on: emptyAsAbsent(onParam, "Peildatum voor de status (JJJJ-MM-DD); standaard vandaag."),
});

const idParams = z.object({ id: z.string().meta({ description: "Id van de beoordelaar." }) });
const onQuery = z.object({ on: onParam });
export const idempotencyHeader = z.object({
  "Idempotency-Key": z.string().optional().meta({
    description:
      "Optioneel, per school: dezelfde sleutel met dezelfde inhoud geeft het eerste antwoord opnieuw.",
  }),
});

const read: ErrorStatus[] = [401, 404, 422];
const write: ErrorStatus[] = [400, 401, 403, 404, 409, 413, 422];

export const listRoute = createRoute({
  method: "get",
  path: "/assessors",
  tags: [TAG],
  security,
  summary: "Alle beoordelaars die uw school mag inzien",
  description: "Met contactgegevens en status; linked=true toont alleen de eigen beoordelaars.",
  request: { query: listQuery },
  responses: {
    200: jsonContent(SchoolListSchema, "Een pagina beoordelaars."),
    ...errors([401, 403, 422]),
  },
});

export const createRouteDef = createRoute({
  method: "post",
  path: "/assessors",
  tags: [TAG],
  security,
  summary: "Registreer een beoordelaar",
  description:
    "Alle drie onderdelen van de initiële scholing zijn verplicht. Een bekend e-mailadres geeft 409 duplicate met existing_id: koppel die beoordelaar dan.",
  middleware: [schoolOnly, jsonBody] as const,
  request: { headers: idempotencyHeader, ...jsonRequest(createAssessorSchema(OPEN_END)) },
  responses: {
    201: jsonContent(AssessorRecordSchema, "Geregistreerd en gekoppeld aan uw school."),
    ...errors(write, {
      409: "Dit e-mailadres staat al in het register: duplicate met existing_id, of duplicate_hidden als u die beoordelaar niet mag zien.",
    }),
  },
});

export const csvRoute = createRoute({
  method: "get",
  path: "/assessors.csv",
  tags: [TAG],
  security,
  summary: "Uw beoordelaars als CSV",
  request: { query: listQuery },
  responses: {
    200: { description: "CSV-bestand.", content: { "text/csv": { schema: z.string() } } },
    ...errors([401, 403, 422]),
  },
});

export const importRoute = createRoute({
  method: "post",
  path: "/assessors/import",
  tags: [TAG],
  security,
  summary: "Importeer beoordelaars uit CSV",
  description:
    "Puntkomma of komma, UTF-8 met of zonder BOM. Bevat een rij fouten, dan wordt niets opgeslagen, tenzij valid_only=true.",
  middleware: [schoolOnly] as const,
  request: {
    headers: idempotencyHeader,
    query: z.object({
      valid_only: z
        .string()
        .optional()
        .meta({ description: "true: importeer alleen de geldige rijen." }),
    }),
    body: {
      required: true,
      content: {
        "text/csv": { schema: { type: "string" } },
        "multipart/form-data": {
          schema: {
            type: "object",
            properties: { file: { type: "string", contentMediaType: "text/csv" } },
            required: ["file"],
          },
        },
      },
    },
  },
  responses: {
    200: jsonContent(
      ImportReportSchema,
      "Geen nieuwe beoordelaars (bijvoorbeeld een leeg bestand).",
    ),
    201: jsonContent(ImportReportSchema, "Rapport per rij; de geldige rijen zijn opgeslagen."),
    ...errors([400, 401, 403, 413]),
    422: jsonContent(
      z.union([ImportRejectedSchema, ErrorSchema]),
      "Fouten in rijen (import_invalid, niets opgeslagen) of in het bestand (invalid).",
    ),
  },
});

export const readRoute = createRoute({
  method: "get",
  path: "/assessors/{id}",
  tags: [TAG],
  security,
  summary: "Het dossier van één beoordelaar",
  middleware: [readable] as const,
  request: { params: idParams, query: onQuery },
  responses: { 200: jsonContent(AssessorRecordSchema, "Het dossier."), ...errors(read) },
});

export const updateRoute = createRoute({
  method: "patch",
  path: "/assessors/{id}",
  tags: [TAG],
  security,
  summary: "Wijzig gegevens (alleen de registrerende school)",
  description:
    "Stuur version mee (de laatst gelezen waarde); een verouderde versie geeft 409 version_conflict.",
  middleware: [writable("edit_personal"), jsonBody] as const,
  request: { params: idParams, ...jsonRequest(updateAssessorSchema(OPEN_END)) },
  responses: {
    200: jsonContent(AssessorRecordSchema, "Gewijzigd, met de nieuwe versie."),
    ...errors(write, {
      409: "Intussen gewijzigd (version_conflict, met current_version en changes), duplicate(_hidden), of consent_withdrawn_by_assessor.",
    }),
  },
});

/** The common part of a route on one assessor. */
const onAssessor = <M extends "get" | "post" | "delete">(method: M, path: string) => ({
  method,
  path: `/assessors/{id}${path}`,
  tags: [TAG],
  security,
});

export const linkRoute = createRoute({
  ...onAssessor("post", "/link"),
  summary: "Koppel een beoordelaar aan uw school",
  description: "Idempotent: een tweede keer koppelen verandert niets.",
  middleware: [writable("link")] as const,
  request: { params: idParams, headers: idempotencyHeader },
  responses: {
    200: jsonContent(AssessorRecordSchema, "Gekoppeld."),
    ...errors([400, 401, 403, 404]),
  },
});

export const exportRoute = createRoute({
  ...onAssessor("get", "/export"),
  summary: "Alle persoonsgegevens van een beoordelaar (AVG-inzage)",
  middleware: [readable] as const,
  request: {
    params: idParams,
    query: onQuery.extend({
      download: z.string().optional().meta({ description: "1: als bestand downloaden." }),
    }),
  },
  responses: { 200: jsonContent(ExportSchema, "De inzage."), ...errors(read) },
});

export const erasureRoute = createRoute({
  ...onAssessor("post", "/erasure"),
  summary: "Verwijder de persoonsgegevens (AVG)",
  description: "Alleen de registrerende school of het registerbureau.",
  middleware: [writable("erase")] as const,
  request: { params: idParams, headers: idempotencyHeader },
  responses: {
    200: jsonContent(AssessorRecordSchema, "Verwijderd; aantallen blijven bewaard."),
    ...errors([400, 401, 403, 404]),
  },
});

export const examinationRoute = createRoute({
  ...onAssessor("post", "/examinations"),
  summary: "Leg een afgenomen examen vast",
  description: "De crebo moet een van de crebo's van de beoordelaar zijn.",
  middleware: [loggable, jsonBody] as const,
  request: {
    params: idParams,
    headers: idempotencyHeader,
    ...jsonRequest(examinationSchema(OPEN_END, "")),
  },
  responses: {
    201: jsonContent(CreatedExaminationSchema, "Vastgelegd."),
    ...errors(write),
  },
});

export const refresherRoute = createRoute({
  ...onAssessor("post", "/refresher-trainings"),
  summary: "Leg een bijscholing vast",
  description: "Bij soort overig is een omschrijving verplicht.",
  middleware: [loggable, jsonBody] as const,
  request: {
    params: idParams,
    headers: idempotencyHeader,
    ...jsonRequest(refresherSchema(OPEN_END, "")),
  },
  responses: {
    201: jsonContent(CreatedRefresherSchema, "Vastgelegd."),
    ...errors(write),
  },
});

const deleteErrors = errors([401, 403, 404], {
  403: "Alleen de school die het vastlegde, kan het verwijderen.",
});

export const deleteExaminationRoute = createRoute({
  ...onAssessor("delete", "/examinations/{eid}"),
  summary: "Verwijder een examen",
  middleware: [loggable] as const,
  request: { params: idParams.extend({ eid: z.string() }) },
  responses: { 204: { description: "Verwijderd (blijft in het auditlog)." }, ...deleteErrors },
});

export const deleteRefresherRoute = createRoute({
  ...onAssessor("delete", "/refresher-trainings/{rid}"),
  summary: "Verwijder een bijscholing",
  middleware: [loggable] as const,
  request: { params: idParams.extend({ rid: z.string() }) },
  responses: { 204: { description: "Verwijderd (blijft in het auditlog)." }, ...deleteErrors },
});

export const consentRoute = createRoute({
  ...onAssessor("post", "/consent"),
  summary: "Toestemming voor openbare vermelding geven of intrekken",
  middleware: [writable("consent"), jsonBody] as const,
  request: { params: idParams, headers: idempotencyHeader, ...jsonRequest(consentSchema) },
  responses: {
    200: jsonContent(AssessorRecordSchema, "Vastgelegd."),
    ...errors(write, {
      409: "De beoordelaar trok de toestemming zelf in (consent_withdrawn_by_assessor); alleen de beoordelaar kan die weer geven.",
    }),
  },
});

export const deregisterRoute = createRoute({
  ...onAssessor("post", "/deregistration"),
  summary: "Meld een beoordelaar af",
  middleware: [writable("deregister"), jsonBody] as const,
  request: {
    params: idParams,
    headers: idempotencyHeader,
    ...jsonRequest(deregistrationSchema(OPEN_END, "")),
  },
  responses: { 200: jsonContent(AssessorRecordSchema, "Afgemeld."), ...errors(write) },
});

export const undoDeregistrationRoute = createRoute({
  ...onAssessor("delete", "/deregistration"),
  summary: "Maak een afmelding ongedaan (registrerende school)",
  middleware: [writable("undo_deregistration")] as const,
  request: { params: idParams },
  responses: {
    200: jsonContent(AssessorRecordSchema, "De afmelding is ongedaan gemaakt."),
    ...errors([401, 403, 404]),
  },
});
