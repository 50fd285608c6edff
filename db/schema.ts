// The whole data model of the register. Dates are ISO strings (YYYY-MM-DD), moments are ISO
// timestamps; personal data never cascades on delete.
// One file on purpose (~430 lines): drizzle-kit reads the whole model from here, and one place shows every table.
import { sql } from "drizzle-orm";
import {
  index,
  integer,
  primaryKey,
  real,
  sqliteTable,
  text,
  uniqueIndex,
} from "drizzle-orm/sqlite-core";
import { REFRESHER_KINDS } from "../src/rules/refresher-kinds";

const createdAt = () =>
  text("created_at")
    .notNull()
    .default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`);

// ---------------------------------------------------------------- reference data

export const provinces = sqliteTable("provinces", {
  code: text("code").primaryKey(),
  iso: text("iso").notNull(),
  name: text("name").notNull(),
  cbsCode: text("cbs_code").notNull(),
});

export const municipalities = sqliteTable(
  "municipalities",
  {
    code: text("code").primaryKey(),
    name: text("name").notNull(),
    province: text("province")
      .notNull()
      .references(() => provinces.code),
  },
  (t) => [index("municipalities_province_idx").on(t.province)],
);

export const places = sqliteTable(
  "places",
  {
    code: text("code").primaryKey(),
    name: text("name").notNull(),
    nameNorm: text("name_norm").notNull(),
    municipalityCode: text("municipality_code")
      .notNull()
      .references(() => municipalities.code),
    municipality: text("municipality").notNull(),
    province: text("province")
      .notNull()
      .references(() => provinces.code),
    lat: real("lat").notNull(),
    lon: real("lon").notNull(),
  },
  (t) => [
    index("places_province_idx").on(t.province, t.nameNorm),
    index("places_name_idx").on(t.nameNorm),
    index("places_lat_lon_idx").on(t.lat, t.lon),
  ],
);

export const crebos = sqliteTable(
  "crebos",
  {
    code: text("code").primaryKey(),
    name: text("name").notNull(),
    level: integer("level"),
    sector: text("sector").notNull().default(""),
    mei: integer("mei", { mode: "boolean" }).notNull().default(false),
    retiredAt: text("retired_at"),
    createdAt: createdAt(),
    updatedAt: text("updated_at"),
  },
  (t) => [index("crebos_mei_idx").on(t.mei)],
);

// ---------------------------------------------------------------- schools and users

export const schools = sqliteTable("schools", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  brin: text("brin"),
  placeCode: text("place_code").references(() => places.code),
  status: text("status", { enum: ["active", "suspended"] })
    .notNull()
    .default("active"),
  createdAt: createdAt(),
  suspendedAt: text("suspended_at"),
  /** The exam office's public contact (an organisation's address, never a person's). */
  website: text("website").notNull().default(""),
  contactEmail: text("contact_email").notNull().default(""),
  contactPhone: text("contact_phone").notNull().default(""),
});

/** role: admin (register office), school_admin, staff (medewerker). */
export const users = sqliteTable(
  "users",
  {
    id: text("id").primaryKey(),
    email: text("email").notNull(),
    name: text("name").notNull().default(""),
    passwordHash: text("password_hash"),
    role: text("role", { enum: ["admin", "school_admin", "staff"] }).notNull(),
    schoolId: text("school_id").references(() => schools.id),
    disabledAt: text("disabled_at"),
    passwordChangedAt: text("password_changed_at"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("users_email_idx").on(t.email), index("users_school_idx").on(t.schoolId)],
);

/** Lucia sessions; id is the SHA-256 of the cookie token, expires_at in unix seconds. */
export const sessions = sqliteTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    expiresAt: integer("expires_at").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

export const apiTokens = sqliteTable(
  "api_tokens",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    schoolId: text("school_id").references(() => schools.id),
    name: text("name").notNull(),
    tokenHash: text("token_hash").notNull(),
    createdAt: createdAt(),
    lastUsedAt: text("last_used_at"),
    revokedAt: text("revoked_at"),
  },
  (t) => [
    uniqueIndex("api_tokens_hash_idx").on(t.tokenHash),
    index("api_tokens_user_idx").on(t.userId),
  ],
);

/** One-time links: invites (7 days), password resets (1 hour), the admin setup link. */
export const invites = sqliteTable(
  "invites",
  {
    id: text("id").primaryKey(),
    kind: text("kind", { enum: ["invite", "reset", "admin_setup"] }).notNull(),
    tokenHash: text("token_hash").notNull(),
    email: text("email").notNull(),
    role: text("role", { enum: ["admin", "school_admin", "staff"] }),
    schoolId: text("school_id").references(() => schools.id),
    userId: text("user_id").references(() => users.id),
    invitedBy: text("invited_by").references(() => users.id),
    expiresAt: text("expires_at").notNull(),
    usedAt: text("used_at"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("invites_hash_idx").on(t.tokenHash)],
);

export const accountRequests = sqliteTable(
  "account_requests",
  {
    id: text("id").primaryKey(),
    schoolName: text("school_name").notNull(),
    brin: text("brin"),
    placeCode: text("place_code").references(() => places.code),
    contactName: text("contact_name").notNull(),
    email: text("email").notNull(),
    motivation: text("motivation").notNull().default(""),
    status: text("status", { enum: ["pending", "approved", "refused"] })
      .notNull()
      .default("pending"),
    refusalReason: text("refusal_reason"),
    decidedBy: text("decided_by").references(() => users.id),
    decidedAt: text("decided_at"),
    schoolId: text("school_id").references(() => schools.id),
    createdAt: createdAt(),
  },
  (t) => [index("account_requests_status_idx").on(t.status)],
);

// ---------------------------------------------------------------- assessors

/**
 * An assessor (praktijkbeoordelaar). `id` is an opaque random public id. The columns after
 * `version` are derived and maintained by every write (see src/queries/assessor-derived.ts), so
 * that search never evaluates the rule per row.
 */
export const assessors = sqliteTable(
  "assessors",
  {
    id: text("id").primaryKey(),
    firstName: text("first_name").notNull(),
    infix: text("infix").notNull().default(""),
    lastName: text("last_name").notNull(),
    email: text("email"),
    emailNorm: text("email_norm"),
    phone: text("phone").notNull().default(""),
    organisation: text("organisation").notNull().default(""),
    initialTrainingDate: text("initial_training_date").notNull(),
    initialTrainingProvider: text("initial_training_provider").notNull(),
    initialTrainingComponents: text("initial_training_components").notNull(),
    publicConsent: integer("public_consent", { mode: "boolean" }).notNull().default(false),
    deregisteredOn: text("deregistered_on"),
    deregistrationReason: text("deregistration_reason"),
    registeringSchoolId: text("registering_school_id")
      .notNull()
      .references(() => schools.id),
    version: integer("version").notNull().default(1),
    createdAt: createdAt(),
    updatedAt: text("updated_at"),
    erasedAt: text("erased_at"),
    demo: integer("demo", { mode: "boolean" }).notNull().default(false),
    // derived, maintained columns
    lastExaminationDate: text("last_examination_date"),
    lastRefresherDate: text("last_refresher_date"),
    examValidUntil: text("exam_valid_until").notNull(),
    refresherValidUntil: text("refresher_valid_until").notNull(),
    validUntil: text("valid_until").notNull(),
    /** consent ∧ not erased; deregistration and valid_until are compared with today in SQL. */
    publicEligible: integer("public_eligible", { mode: "boolean" }).notNull().default(false),
    sortKey: text("sort_key").notNull(),
    nameWords: text("name_words").notNull(),
    searchText: text("search_text").notNull(),
    /**
     * The last day the assessor is publicly visible: NULL without consent or after erasure, else
     * the earlier of valid_until and the day before the afmelding. Public = public_until >= today.
     */
    publicUntil: text("public_until").generatedAlwaysAs(
      sql`CASE WHEN public_eligible = 1 THEN CASE WHEN deregistered_on IS NOT NULL AND date(deregistered_on, '-1 day') < valid_until THEN date(deregistered_on, '-1 day') ELSE valid_until END END`,
      { mode: "virtual" },
    ),
    /** rowid of this assessor's row in the FTS table (set by trigger, see the fts migration). */
    ftsRowid: integer("fts_rowid"),
  },
  (t) => [
    uniqueIndex("assessors_email_idx").on(t.emailNorm),
    index("assessors_public_idx").on(t.publicEligible, t.validUntil, t.sortKey),
    // Covering indexes: visibility → ids (facets, counts); name order with visibility (pages).
    index("assessors_public_until_idx").on(t.publicUntil, t.id),
    index("assessors_sort_search_idx").on(t.sortKey, t.id, t.publicUntil, t.searchText),
    index("assessors_fts_rowid_idx").on(t.ftsRowid, t.publicUntil),
    index("assessors_sort_idx").on(t.sortKey),
    index("assessors_valid_until_idx").on(t.validUntil),
    index("assessors_registering_school_idx").on(t.registeringSchoolId),
  ],
);

export const assessorSchools = sqliteTable(
  "assessor_schools",
  {
    assessorId: text("assessor_id")
      .notNull()
      .references(() => assessors.id),
    schoolId: text("school_id")
      .notNull()
      .references(() => schools.id),
    linkedAt: createdAt(),
    linkedBy: text("linked_by").references(() => users.id),
  },
  (t) => [
    primaryKey({ columns: [t.assessorId, t.schoolId] }),
    index("assessor_schools_school_idx").on(t.schoolId, t.assessorId),
  ],
);

export const assessorCrebos = sqliteTable(
  "assessor_crebos",
  {
    assessorId: text("assessor_id")
      .notNull()
      .references(() => assessors.id),
    creboCode: text("crebo_code")
      .notNull()
      .references(() => crebos.code),
  },
  (t) => [
    primaryKey({ columns: [t.assessorId, t.creboCode] }),
    index("assessor_crebos_crebo_idx").on(t.creboCode, t.assessorId),
  ],
);

export const assessorPlaces = sqliteTable(
  "assessor_places",
  {
    assessorId: text("assessor_id")
      .notNull()
      .references(() => assessors.id),
    placeCode: text("place_code")
      .notNull()
      .references(() => places.code),
    province: text("province").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.assessorId, t.placeCode] }),
    index("assessor_places_place_idx").on(t.placeCode, t.assessorId),
    index("assessor_places_province_idx").on(t.province, t.assessorId),
    index("assessor_places_assessor_province_idx").on(t.assessorId, t.province),
  ],
);

export const examinations = sqliteTable(
  "examinations",
  {
    id: text("id").primaryKey(),
    assessorId: text("assessor_id")
      .notNull()
      .references(() => assessors.id),
    date: text("date").notNull(),
    creboCode: text("crebo_code")
      .notNull()
      .references(() => crebos.code),
    notes: text("notes").notNull().default(""),
    schoolId: text("school_id")
      .notNull()
      .references(() => schools.id),
    userId: text("user_id").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index("examinations_assessor_idx").on(t.assessorId, t.date)],
);

// The list itself is domain vocabulary in src/rules (the forms and the API validate against it).
export const refresherKinds = REFRESHER_KINDS;

export const refresherTrainings = sqliteTable(
  "refresher_trainings",
  {
    id: text("id").primaryKey(),
    assessorId: text("assessor_id")
      .notNull()
      .references(() => assessors.id),
    date: text("date").notNull(),
    kind: text("kind", { enum: refresherKinds }).notNull(),
    description: text("description").notNull().default(""),
    provider: text("provider").notNull().default(""),
    schoolId: text("school_id")
      .notNull()
      .references(() => schools.id),
    userId: text("user_id").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index("refresher_trainings_assessor_idx").on(t.assessorId, t.date)],
);

export const consentEvents = sqliteTable(
  "consent_events",
  {
    id: text("id").primaryKey(),
    assessorId: text("assessor_id")
      .notNull()
      .references(() => assessors.id),
    given: integer("given", { mode: "boolean" }).notNull(),
    textVersion: text("text_version").notNull(),
    /** Who decided: a school (user) or the assessor through /mijn-gegevens. */
    source: text("source", { enum: ["school", "assessor"] })
      .notNull()
      .default("school"),
    schoolId: text("school_id").references(() => schools.id),
    userId: text("user_id").references(() => users.id),
    at: createdAt(),
  },
  (t) => [index("consent_events_assessor_idx").on(t.assessorId)],
);

// ---------------------------------------------------------------- operations

/** Append-only: no code path updates or deletes rows here. */
export const auditLog = sqliteTable(
  "audit_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    at: createdAt(),
    actorUserId: text("actor_user_id"),
    schoolId: text("school_id"),
    action: text("action").notNull(),
    entity: text("entity").notNull(),
    entityId: text("entity_id"),
    changes: text("changes").notNull().default("{}"),
    requestId: text("request_id"),
  },
  (t) => [
    index("audit_log_entity_idx").on(t.entity, t.entityId),
    index("audit_log_school_idx").on(t.schoolId),
  ],
);

export const outbox = sqliteTable(
  "outbox",
  {
    id: text("id").primaryKey(),
    toAddress: text("to_address").notNull(),
    subject: text("subject").notNull(),
    body: text("body").notNull(),
    kind: text("kind").notNull().default("general"),
    /** set for mails that must go out once only (reminders). */
    dedupeKey: text("dedupe_key"),
    createdAt: createdAt(),
    sentAt: text("sent_at"),
    /** queued → sending (claimed) → sent, or back to queued with a later next try; failed at last. */
    status: text("status", { enum: ["queued", "sending", "sent", "failed"] })
      .notNull()
      .default("queued"),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    nextAttemptAt: text("next_attempt_at").notNull().default(""),
    /** The lease of the sender that claimed the row; another may take it over after this moment. */
    claimedUntil: text("claimed_until"),
    claimedBy: text("claimed_by"),
    /** 1: sent without a person writing it (Auto-Submitted: auto-generated). */
    automatic: integer("automatic", { mode: "boolean" }).notNull().default(true),
    /** JSON array of the one-time links in the body; redacted from the body once delivered. */
    oneTimeLinks: text("one_time_links"),
  },
  (t) => [
    uniqueIndex("outbox_dedupe_idx").on(t.dedupeKey),
    index("outbox_due_idx").on(t.status, t.nextAttemptAt),
    index("outbox_created_idx").on(t.createdAt),
  ],
);

/** Failed login attempts, per account and per IP; counted over a sliding window. */
export const throttleEvents = sqliteTable(
  "throttle_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    key: text("key").notNull(),
    at: integer("at").notNull(),
  },
  (t) => [index("throttle_events_key_idx").on(t.key, t.at)],
);

export const idempotencyKeys = sqliteTable(
  "idempotency_keys",
  {
    schoolId: text("school_id").notNull(),
    key: text("key").notNull(),
    requestHash: text("request_hash").notNull(),
    status: integer("status").notNull(),
    body: text("body").notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.schoolId, t.key] })],
);

/** Small key/value settings, e.g. data_version (bumped by every write; feeds the ETag). */
export const meta = sqliteTable("meta", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
});

// ---------------------------------------------------------------- jobs (DESIGN §8)

/** One row per job: who runs it and until when (a second process never runs it at once). */
export const jobLeases = sqliteTable("job_leases", {
  job: text("job").primaryKey(),
  holder: text("holder").notNull(),
  until: text("until").notNull(),
});

/** Every run of a job: start, end, result and counts (shown in /beheer). */
export const jobRuns = sqliteTable(
  "job_runs",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    job: text("job").notNull(),
    runner: text("runner").notNull(),
    startedAt: text("started_at").notNull(),
    finishedAt: text("finished_at"),
    result: text("result", { enum: ["running", "ok", "error", "skipped"] })
      .notNull()
      .default("running"),
    counts: text("counts").notNull().default("{}"),
    error: text("error"),
  },
  (t) => [
    index("job_runs_started_idx").on(t.startedAt),
    index("job_runs_job_idx").on(t.job, t.startedAt),
  ],
);

// ---------------------------------------------------------------- the assessor's own access

/** Personal links to /mijn-gegevens: only the SHA-256 of the token is kept; valid 30 days. */
export const assessorAccessTokens = sqliteTable(
  "assessor_access_tokens",
  {
    id: text("id").primaryKey(),
    assessorId: text("assessor_id")
      .notNull()
      .references(() => assessors.id),
    tokenHash: text("token_hash").notNull(),
    expiresAt: text("expires_at").notNull(),
    /** Set when the link stopped working early (e.g. the e-mail address changed). */
    revokedAt: text("revoked_at"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("assessor_access_tokens_hash_idx").on(t.tokenHash),
    index("assessor_access_tokens_assessor_idx").on(t.assessorId),
  ],
);

/** "Meld een fout" reports, for the school that registered the assessor. */
export const assessorReports = sqliteTable(
  "assessor_reports",
  {
    id: text("id").primaryKey(),
    assessorId: text("assessor_id")
      .notNull()
      .references(() => assessors.id),
    schoolId: text("school_id")
      .notNull()
      .references(() => schools.id),
    source: text("source", { enum: ["public", "assessor"] }).notNull(),
    message: text("message").notNull(),
    replyTo: text("reply_to"),
    status: text("status", { enum: ["open", "closed"] })
      .notNull()
      .default("open"),
    createdAt: createdAt(),
    closedAt: text("closed_at"),
    closedBy: text("closed_by").references(() => users.id),
  },
  (t) => [
    index("assessor_reports_school_idx").on(t.schoolId, t.status, t.createdAt),
    index("assessor_reports_assessor_idx").on(t.assessorId),
  ],
);

/** 4-digit postcodes (4pp, 2014) with a centroid and the woonplaats they belong to (reference data). */
export const postcodes = sqliteTable(
  "postcodes",
  {
    pc4: text("pc4").primaryKey(),
    lat: real("lat").notNull(),
    lon: real("lon").notNull(),
    placeCode: text("place_code")
      .notNull()
      .references(() => places.code),
  },
  (t) => [index("postcodes_place_idx").on(t.placeCode)],
);

/**
 * Public assessors per facet value and last public day, kept by triggers (migration 0008): the
 * unfiltered and per-province totals and facets are sums over it (ADR 0004). facet: all (code ''),
 * province, crebo, province_crebo (code 'UT|25332').
 */
export const publicCounts = sqliteTable(
  "public_counts",
  {
    facet: text("facet").notNull(),
    code: text("code").notNull(),
    publicUntil: text("public_until").notNull(),
    n: integer("n").notNull(),
  },
  (t) => [primaryKey({ columns: [t.facet, t.code, t.publicUntil] })],
);

/**
 * The codes of each assessor's crebos, schools and places, comma-separated, kept by triggers
 * (migration 0009, WITHOUT ROWID): the whole-list CSV reads one narrow row per assessor (ADR 0004).
 */
export const assessorLists = sqliteTable("assessor_lists", {
  assessorId: text("assessor_id").primaryKey(),
  crebos: text("crebos"),
  schools: text("schools"),
  places: text("places"),
});
