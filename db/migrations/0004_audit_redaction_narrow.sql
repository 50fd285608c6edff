-- Narrows the one exception to the append-only audit log (0003). An UPDATE of audit_log is only
-- allowed when (a) no column but `changes` changes, (b) the row is about an assessor whose data has
-- been erased (assessors.erased_at set), and (c) the new `changes` is the redacted form of the old:
-- every value stays as it was, except the personal values at the paths below, which may only become
-- "[gewist]" (a list such as places as a whole). Anything else, including "[gewist]" smuggled into
-- another row or another field, is refused (SQLite quotes some keys in json_tree paths, e.g. $."first_name",
-- so the paths are compared without quotes). Mirrors redactPersonalChanges (src/queries/assessor-history.ts).
DROP TRIGGER IF EXISTS `audit_log_no_update`;
--> statement-breakpoint
CREATE TRIGGER `audit_log_no_update` BEFORE UPDATE ON `audit_log`
WHEN NOT (
  new.id = old.id AND new.created_at = old.created_at AND new.action = old.action AND new.entity = old.entity
  AND new.actor_user_id IS old.actor_user_id AND new.school_id IS old.school_id
  AND new.entity_id IS old.entity_id AND new.request_id IS old.request_id
  AND old.entity = 'assessor'
  AND EXISTS (SELECT 1 FROM assessors WHERE assessors.id = old.entity_id AND assessors.erased_at IS NOT NULL)
  AND json_valid(old.changes) AND json_valid(new.changes)
  AND NOT EXISTS (
    SELECT 1 FROM json_tree(new.changes) AS n
    WHERE n.type NOT IN ('object', 'array')
      AND NOT (
        (json_type(old.changes, n.fullkey) IS n.type AND json_extract(old.changes, n.fullkey) IS n.atom)
        OR (
          n.type = 'text' AND n.atom = '[gewist]'
          AND replace(n.fullkey, '"', '') IN ('$.first_name.from', '$.first_name.to', '$.infix.from', '$.infix.to', '$.last_name.from', '$.last_name.to', '$.email.from', '$.email.to', '$.phone.from', '$.phone.to', '$.organisation.from', '$.organisation.to', '$.places.from', '$.places.to', '$.deregistration_reason.from', '$.deregistration_reason.to', '$.examination.from.notes', '$.examination.to.notes', '$.refresher_training.from.description', '$.refresher_training.to.description', '$.deregistration.to.reason')
          AND json_type(old.changes, n.fullkey) IS NOT NULL AND json_type(old.changes, n.fullkey) <> 'null'
        )
      )
  )
  AND NOT EXISTS (
    SELECT 1 FROM json_tree(old.changes) AS o
    WHERE o.type NOT IN ('object', 'array')
      AND NOT (
        (json_type(new.changes, o.fullkey) IS o.type AND json_extract(new.changes, o.fullkey) IS o.atom)
        OR (json_type(new.changes, o.fullkey) IS 'text' AND json_extract(new.changes, o.fullkey) = '[gewist]')
        OR (json_type(new.changes, o.path) IS 'text' AND json_extract(new.changes, o.path) = '[gewist]')
      )
  )
)
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
