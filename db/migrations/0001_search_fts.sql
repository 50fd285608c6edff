-- Full-text search over the normalised, accent-free search text of each assessor.
-- Hand-written: drizzle-kit does not model FTS5. Kept current by triggers, so every write path
-- (app, CLI, import, Workers) updates it without knowing about it.
CREATE VIRTUAL TABLE `assessor_fts` USING fts5(assessor_id UNINDEXED, search_text, tokenize='trigram remove_diacritics 1');
--> statement-breakpoint
CREATE TRIGGER `assessors_fts_insert` AFTER INSERT ON `assessors` BEGIN
  INSERT INTO assessor_fts(assessor_id, search_text) VALUES (new.id, new.search_text);
  UPDATE assessors SET fts_rowid = (SELECT max(rowid) FROM assessor_fts) WHERE id = new.id;
END;
--> statement-breakpoint
CREATE TRIGGER `assessors_fts_update` AFTER UPDATE OF search_text ON `assessors` BEGIN
  DELETE FROM assessor_fts WHERE rowid = old.fts_rowid;
  INSERT INTO assessor_fts(rowid, assessor_id, search_text) VALUES (old.fts_rowid, new.id, new.search_text);
END;
--> statement-breakpoint
CREATE TRIGGER `assessors_fts_delete` AFTER DELETE ON `assessors` BEGIN
  DELETE FROM assessor_fts WHERE rowid = old.fts_rowid;
END;
--> statement-breakpoint
CREATE TRIGGER `audit_log_no_update` BEFORE UPDATE ON `audit_log` BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `audit_log_no_delete` BEFORE DELETE ON `audit_log` BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
