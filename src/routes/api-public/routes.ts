// The public API's route declarations (DESIGN §4): the zod schemas that validate each request and
// the response shapes, from which /api/v1/openapi.json is generated. Handlers live in index.ts.
import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import { describeFields, errors, jsonContent } from "#src/http/openapi";
import { PROVINCE_CODES, searchParamsSchema } from "#src/search/params";

const TAG = "Openbaar";

describeFields(searchParamsSchema.shape, {
  q: "Zoekwoorden; alle woorden moeten passen (naam, organisatie, school, crebo, plaats). Hoofdletters en accenten tellen niet.",
  province: "Provinciecode, bijvoorbeeld UT of NH.",
  place: "Plaatscode uit /api/v1/places: wie in die plaats werkt; met radius_km rond die plaats.",
  crebo: "Crebonummer (5 cijfers).",
  near: "Zoek rond een punt: een postcode (3811 of 3811 AB), een plaatsnaam of coördinaten als lat,lon. Een naam van meer plaatsen geeft 422 ambiguous_place met candidates.",
  radius_km: "Straal rond near of place in km, 1 tot 200; standaard 25.",
  sort: "name, relevance (alleen met q) of distance (alleen rond een punt; daar de standaard).",
  page: "Paginanummer, vanaf 1.",
  per_page: "Aantal per pagina, 1 tot 100; standaard 20.",
});

const optionalTrimmed = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === "" ? undefined : v.trim()));

/** ?province= and ?q= of the reference lists; an empty value counts as absent. */
export const placesQuery = z.object({
  province: optionalTrimmed.pipe(
    z
      .string()
      .transform((v) => v.toUpperCase())
      .pipe(
        z.enum(PROVINCE_CODES, { error: "Kies een geldige provincie (bijvoorbeeld UT of NH)." }),
      )
      .optional(),
  ),
  q: optionalTrimmed.pipe(z.string().max(100, "Gebruik hoogstens 100 tekens.").optional()),
});
describeFields(placesQuery.shape, {
  province: "Alleen plaatsen in deze provincie (code, bijvoorbeeld UT).",
  q: "Begin of deel van de naam; dan hoogstens 50 plaatsen.",
});

export const crebosQuery = z.object({
  q: optionalTrimmed
    .pipe(z.string().max(100, "Gebruik hoogstens 100 tekens.").optional())
    .meta({ description: "Crebonummer of deel van de naam." }),
});

/** Opaque random ids: anything else cannot exist (404). */
export const publicIdParams = z.object({
  id: z
    .string()
    .regex(/^[a-z0-9]{1,64}$/)
    .meta({ description: "Het id van de beoordelaar (willekeurige tekenreeks)." }),
});

const CodeName = z.object({ code: z.string(), name: z.string() });

export const PublicAssessorSchema = z
  .object({
    id: z.string(),
    name: z.string().meta({ description: "Volledige naam." }),
    first_name: z.string(),
    infix: z.string().meta({ description: "Tussenvoegsel, leeg als er geen is." }),
    last_name: z.string(),
    organisation: z.string(),
    crebos: z.array(CodeName),
    schools: z.array(z.object({ id: z.string(), name: z.string() })),
    places: z.array(
      z.object({ code: z.string(), name: z.string(), province: z.string() }).catchall(z.unknown()),
    ),
    provinces: z.array(z.string()),
    distance_km: z.number().optional().meta({
      description: "Alleen bij zoeken rond een punt: afstand tot de dichtstbijzijnde plaats.",
    }),
  })
  .meta({ id: "PublicAssessor", description: "Een openbaar profiel (alleen openbare velden)." });

const FacetSchema = z
  .object({ code: z.string(), name: z.string(), count: z.number().int() })
  .meta({ id: "Facet" });

export const SearchResultSchema = z
  .object({
    items: z.array(PublicAssessorSchema),
    total: z.number().int(),
    page: z.number().int(),
    per_page: z.number().int(),
    facets: z.object({ province: z.array(FacetSchema), crebo: z.array(FacetSchema) }),
    suggestion: z
      .object({ radius_km: z.number(), total: z.number().int() })
      .optional()
      .meta({ description: "Bij een lege zoekopdracht rond een punt: een grotere straal." }),
  })
  .meta({ id: "SearchResult" });

const PlaceSchema = z
  .object({
    code: z.string(),
    name: z.string(),
    municipality: z.string(),
    province: z.string(),
    lat: z.number(),
    lon: z.number(),
  })
  .meta({ id: "Place" });

const CreboSchema = z
  .object({ code: z.string(), name: z.string(), level: z.number().int().nullable() })
  .meta({ id: "Crebo" });

const cached = {
  304: { description: "Niet gewijzigd sinds de ETag in If-None-Match." },
};

export const searchRoute = createRoute({
  method: "get",
  path: "/assessors",
  tags: [TAG],
  summary: "Zoek gekwalificeerde praktijkbeoordelaars",
  description:
    "Alle woorden van q moeten passen. Met near of place + radius_km wordt rond een punt gezocht. Facetten tellen per provincie en crebo.",
  request: { query: searchParamsSchema },
  responses: {
    200: jsonContent(SearchResultSchema, "Een pagina met resultaten en facetten."),
    ...cached,
    ...errors([422], {
      422: "Een ongeldige parameter (invalid_parameter), of een plaatsnaam van meer plaatsen (ambiguous_place, met candidates).",
    }),
  },
});

export const csvRoute = createRoute({
  method: "get",
  path: "/assessors.csv",
  tags: [TAG],
  summary: "De hele gefilterde lijst als CSV",
  description: "Dezelfde filters als bij zoeken, niet gepagineerd. Puntkomma, UTF-8 met BOM.",
  request: { query: searchParamsSchema },
  responses: {
    200: {
      description: "CSV-bestand.",
      content: { "text/csv": { schema: z.string() } },
    },
    ...cached,
    ...errors([422]),
  },
});

export const assessorRoute = createRoute({
  method: "get",
  path: "/assessors/{id}",
  tags: [TAG],
  summary: "Eén openbaar profiel",
  request: { params: publicIdParams },
  responses: {
    200: jsonContent(PublicAssessorSchema, "Het openbare profiel."),
    ...cached,
    ...errors([404], { 404: "Deze beoordelaar staat niet (openbaar) in het register." }),
  },
});

export const provincesRoute = createRoute({
  method: "get",
  path: "/provinces",
  tags: [TAG],
  summary: "Provincies met het aantal openbare beoordelaars",
  responses: {
    200: jsonContent(z.array(FacetSchema), "Alle twaalf provincies."),
    ...cached,
  },
});

export const placesRoute = createRoute({
  method: "get",
  path: "/places",
  tags: [TAG],
  summary: "Plaatsen (referentiegegevens)",
  request: { query: placesQuery },
  responses: {
    200: jsonContent(z.array(PlaceSchema), "Plaatsen met gemeente, provincie en coördinaten."),
    ...errors([422]),
  },
});

export const crebosRoute = createRoute({
  method: "get",
  path: "/crebos",
  tags: [TAG],
  summary: "Crebo-kwalificaties (referentiegegevens)",
  request: { query: crebosQuery },
  responses: {
    200: jsonContent(z.array(CreboSchema), "Crebonummer, naam en niveau."),
    ...errors([422]),
  },
});

const PostcodeSchema = z
  .object({
    pc4: z.string(),
    lat: z.number(),
    lon: z.number(),
    place: z.object({
      code: z.string(),
      name: z.string(),
      municipality: z.string(),
      province: z.string(),
    }),
  })
  .meta({ id: "Postcode", description: "Een postcodegebied (4 cijfers) met de plaats erbij." });

export const postcodeRoute = createRoute({
  method: "get",
  path: "/postcodes/{pc4}",
  tags: [TAG],
  summary: "Eén postcode (4 cijfers) met coördinaat en plaats",
  request: {
    params: z.object({
      pc4: z.string().meta({ description: "De postcode: 3811, 3811AB of 3811 AB." }),
    }),
  },
  responses: {
    200: jsonContent(PostcodeSchema, "De postcode."),
    ...errors([404], { 404: "Deze postcode kennen wij niet (de lijst is uit 2014)." }),
  },
});
