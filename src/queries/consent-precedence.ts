// Consent precedence (DESIGN §3): once the assessor withdrew public consent themselves, only the
// assessor can give it again; a school's attempt is refused.
import { desc, eq, sql } from "drizzle-orm";
import { consentEvents } from "#db/schema";
import type { DB } from "#src/db";

/** True when the latest consent event is a withdrawal by the assessor. */
export async function consentWithdrawnByAssessor(db: DB, assessorId: string): Promise<boolean> {
  const [latest] = await db
    .select({ given: consentEvents.given, source: consentEvents.source })
    .from(consentEvents)
    .where(eq(consentEvents.assessorId, assessorId))
    .orderBy(desc(consentEvents.at), desc(sql`rowid`))
    .limit(1);
  return Boolean(latest && !latest.given && latest.source === "assessor");
}

/** A school tried to give consent after the assessor withdrew it (409 consent_withdrawn_by_assessor). */
export class ConsentWithdrawnByAssessor extends Error {
  constructor() {
    super("consent withdrawn by the assessor");
  }
}

export const CONSENT_WITHDRAWN_BY_ASSESSOR_MESSAGE =
  "De praktijkbeoordelaar heeft de toestemming voor openbare vermelding zelf ingetrokken. Alleen de beoordelaar kan die toestemming opnieuw geven, via de persoonlijke link naar Mijn gegevens.";
