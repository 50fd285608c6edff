-- AVG erasure must not leave personal values behind in the audit log. The log stays append-only
-- with one narrow exception: the `changes` of a row may be rewritten when every other column stays
-- the same and the new text carries the redaction marker "[gewist]" (src/queries/privacy.ts).
DROP TRIGGER IF EXISTS `audit_log_no_update`;
--> statement-breakpoint
CREATE TRIGGER `audit_log_no_update` BEFORE UPDATE ON `audit_log`
WHEN NOT (
  new.id = old.id AND new.created_at = old.created_at AND new.action = old.action AND new.entity = old.entity
  AND new.actor_user_id IS old.actor_user_id AND new.school_id IS old.school_id
  AND new.entity_id IS old.entity_id AND new.request_id IS old.request_id
  AND instr(new.changes, '"[gewist]"') > 0
)
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
