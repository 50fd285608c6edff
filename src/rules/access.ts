// Who may read or change an assessor (DESIGN §3): the one place that decides 404 / 403 / ok.
import { mayWrite, writerRelation, type AssessorWrite, type WriteVerdict } from "./assessor-writes";

export type Actor = {
  /** null for a scheduled job. */
  userId: string | null;
  /** null for the register admin. */
  schoolId: string | null;
  isAdmin: boolean;
  requestId: string | null;
};

export type Access = "none" | "read" | "write";

/** What access needs from a logged-in user (AuthContext in src/env.ts satisfies it). */
export type ActorSource = {
  user: { id: string };
  school: { id: string } | null;
  role: string;
};

export function actorFrom(auth: ActorSource, requestId: string | null): Actor {
  return {
    userId: auth.user.id,
    schoolId: auth.school?.id ?? null,
    isAdmin: auth.role === "admin",
    requestId,
  };
}

/** The scope an actor's Idempotency-Keys live in: its school, or the admin user. */
export function idempotencyScope(actor: Actor): string {
  return actor.schoolId ?? `user:${actor.userId}`;
}

type AccessSubject = {
  registeringSchoolId: string;
  deregisteredOn: string | null;
  erasedAt: string | null;
};

/**
 * none: the caller may not know the record exists (404). read: it may see everything but change
 * nothing (403 on writes). write: a linked school. A deregistered assessor is only visible to the
 * registering school and the admin; an erased record can no longer be changed.
 */
export function accessFor(actor: Actor, assessor: AccessSubject, linked: boolean): Access {
  if (actor.isAdmin) return "read";
  if (!actor.schoolId) return "none";
  if (assessor.deregisteredOn && assessor.registeringSchoolId !== actor.schoolId) return "none";
  if (assessor.erasedAt) return "read";
  return linked ? "write" : "read";
}

export function isRegisteringSchool(
  actor: Actor,
  assessor: { registeringSchoolId: string },
): boolean {
  return actor.schoolId !== null && actor.schoolId === assessor.registeringSchoolId;
}

/** May this actor do `write` on the assessor (the rule: src/rules/assessor-writes.ts)? */
export function writeVerdict(
  actor: Actor,
  assessor: { registeringSchoolId: string; erasedAt: string | null },
  linked: boolean,
  write: AssessorWrite,
): WriteVerdict {
  const relation = writerRelation({
    isAdmin: actor.isAdmin,
    schoolId: actor.schoolId,
    registeringSchoolId: assessor.registeringSchoolId,
    linked,
  });
  return mayWrite(relation, write, { erased: assessor.erasedAt !== null });
}

/** Erasure (AVG): the register admin or the school that registered the assessor. */
export function mayErase(actor: Actor, assessor: { registeringSchoolId: string }): boolean {
  return writeVerdict(actor, { ...assessor, erasedAt: null }, false, "erase").ok;
}
