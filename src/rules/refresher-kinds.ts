// The kinds of refresher training (bijscholing) the register knows; db/schema.ts stores them as an enum.
export const REFRESHER_KINDS = [
  "terugkomdag",
  "verificatiebijeenkomst",
  "praktijkopleidersbijeenkomst",
  "workshop_kwalificerend_beoordelen",
  "overig",
] as const;
