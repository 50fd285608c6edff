// Who may do which write on an assessor (DESIGN §3). One pure table, used by the school API, the
// school pages and the assessor's own access (/mijn-gegevens): a linked school logs examinations
// and bijscholing; personal and contact fields, places, crebos, consent and afmelding belong to
// the registering school and the register admin.

/** The kinds of write on one assessor. */
export type AssessorWrite =
  /** log or delete an examination or a bijscholing (deleting: only the school that logged it) */
  | "log"
  /** personal and contact fields, places, crebos, initial training (PATCH, the edit form) */
  | "edit_personal"
  /** give or withdraw public consent */
  | "consent"
  /** record an afmelding */
  | "deregister"
  /** undo an afmelding */
  | "undo_deregistration"
  /** AVG erasure */
  | "erase"
  /** link the caller's school to the assessor */
  | "link";

/** How the one who writes stands to the assessor. */
export type WriterRelation =
  | "admin"
  | "registering_school"
  | "linked_school"
  | "other_school"
  /** the assessor, through their own access link */
  | "assessor";

const ALLOWED: Record<AssessorWrite, readonly WriterRelation[]> = {
  log: ["registering_school", "linked_school"],
  edit_personal: ["registering_school", "admin"],
  consent: ["registering_school", "admin", "assessor"],
  deregister: ["registering_school", "admin"],
  undo_deregistration: ["registering_school", "admin"],
  erase: ["registering_school", "admin"],
  link: ["registering_school", "linked_school", "other_school"],
};

export type WriteVerdict = { ok: true } | { ok: false; message: string };

/** The relation of a school user or admin to an assessor (not for the assessor's own access). */
export function writerRelation(input: {
  isAdmin: boolean;
  schoolId: string | null;
  registeringSchoolId: string;
  linked: boolean;
}): WriterRelation {
  if (input.isAdmin) return "admin";
  if (input.schoolId !== null && input.schoolId === input.registeringSchoolId)
    return "registering_school";
  return input.linked ? "linked_school" : "other_school";
}

/**
 * May `relation` do `write` on an assessor in this state? Visibility (404 for a deregistered
 * assessor to other schools) is decided before this; a "no" here is a 403 with the Dutch reason.
 * After erasure only the (idempotent) erasure itself is still accepted.
 */
export function mayWrite(
  relation: WriterRelation,
  write: AssessorWrite,
  subject: { erased: boolean },
): WriteVerdict {
  if (subject.erased && write !== "erase")
    return {
      ok: false,
      message:
        write === "link"
          ? "De persoonsgegevens van deze beoordelaar zijn verwijderd; koppelen kan niet meer."
          : "De persoonsgegevens van deze beoordelaar zijn verwijderd; wijzigen kan niet meer.",
    };
  if (ALLOWED[write].includes(relation)) return { ok: true };
  return { ok: false, message: refusal(relation, write) };
}

function refusal(relation: WriterRelation, write: AssessorWrite): string {
  if (write === "link")
    return "Alleen een school kan een beoordelaar aan zich koppelen; een beheerdersaccount heeft geen school.";
  if (write === "log")
    return relation === "admin"
      ? "Examens en bijscholingen worden geregistreerd door de scholen die aan de beoordelaar gekoppeld zijn."
      : "Uw school is niet gekoppeld aan deze praktijkbeoordelaar en mag de gegevens alleen inzien. Koppel de beoordelaar eerst aan uw school.";
  if (write === "erase")
    return "Alleen de school die de beoordelaar registreerde of het registerbureau kan de gegevens verwijderen.";
  const what: Record<Exclude<AssessorWrite, "log" | "erase" | "link">, string> = {
    edit_personal: "de persoons- en contactgegevens, plaatsen en crebo's wijzigen",
    consent: "de toestemming wijzigen",
    deregister: "de beoordelaar afmelden",
    undo_deregistration: "de afmelding ongedaan maken",
  };
  return `Alleen de school die de beoordelaar registreerde (en het registerbureau) kan ${what[write]}. Ziet u een fout? Neem contact op met die school.`;
}
