-- The codes of each assessor's crebos, schools and places as comma-separated text (issue 15,
-- ADR 0004 follow-up 3), so the whole-list CSV reads one narrow row per assessor instead of three
-- grouped lookups. Kept by triggers, so every write path (app, CLI, import, Workers) updates it
-- without knowing about it. The order inside a list is not defined (the CSV sorts by name).
CREATE TABLE `assessor_lists` (
  `assessor_id` text PRIMARY KEY NOT NULL,
  `crebos` text,
  `schools` text,
  `places` text
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO assessor_lists (assessor_id, crebos, schools, places)
  SELECT a.id,
    (SELECT group_concat(crebo_code) FROM assessor_crebos WHERE assessor_id = a.id),
    (SELECT group_concat(school_id) FROM assessor_schools WHERE assessor_id = a.id),
    (SELECT group_concat(place_code) FROM assessor_places WHERE assessor_id = a.id)
  FROM assessors a;
--> statement-breakpoint
CREATE TRIGGER `assessor_lists_assessor_insert` AFTER INSERT ON `assessors` BEGIN
  INSERT INTO assessor_lists (assessor_id) VALUES (new.id) ON CONFLICT(assessor_id) DO NOTHING;
END;
--> statement-breakpoint
CREATE TRIGGER `assessor_lists_assessor_delete` AFTER DELETE ON `assessors` BEGIN
  DELETE FROM assessor_lists WHERE assessor_id = old.id;
END;
--> statement-breakpoint
CREATE TRIGGER `assessor_lists_crebo_insert` AFTER INSERT ON `assessor_crebos` BEGIN
  INSERT INTO assessor_lists (assessor_id, crebos) VALUES (new.assessor_id,
    (SELECT group_concat(crebo_code) FROM assessor_crebos WHERE assessor_id = new.assessor_id))
  ON CONFLICT(assessor_id) DO UPDATE SET crebos = excluded.crebos;
END;
--> statement-breakpoint
CREATE TRIGGER `assessor_lists_crebo_delete` AFTER DELETE ON `assessor_crebos` BEGIN
  UPDATE assessor_lists SET crebos = (SELECT group_concat(crebo_code) FROM assessor_crebos
    WHERE assessor_id = old.assessor_id) WHERE assessor_id = old.assessor_id;
END;
--> statement-breakpoint
CREATE TRIGGER `assessor_lists_crebo_update` AFTER UPDATE OF `assessor_id`, `crebo_code` ON `assessor_crebos` BEGIN
  UPDATE assessor_lists SET crebos = (SELECT group_concat(crebo_code) FROM assessor_crebos
    WHERE assessor_id = old.assessor_id) WHERE assessor_id = old.assessor_id;
  INSERT INTO assessor_lists (assessor_id, crebos) VALUES (new.assessor_id,
    (SELECT group_concat(crebo_code) FROM assessor_crebos WHERE assessor_id = new.assessor_id))
  ON CONFLICT(assessor_id) DO UPDATE SET crebos = excluded.crebos;
END;
--> statement-breakpoint
CREATE TRIGGER `assessor_lists_school_insert` AFTER INSERT ON `assessor_schools` BEGIN
  INSERT INTO assessor_lists (assessor_id, schools) VALUES (new.assessor_id,
    (SELECT group_concat(school_id) FROM assessor_schools WHERE assessor_id = new.assessor_id))
  ON CONFLICT(assessor_id) DO UPDATE SET schools = excluded.schools;
END;
--> statement-breakpoint
CREATE TRIGGER `assessor_lists_school_delete` AFTER DELETE ON `assessor_schools` BEGIN
  UPDATE assessor_lists SET schools = (SELECT group_concat(school_id) FROM assessor_schools
    WHERE assessor_id = old.assessor_id) WHERE assessor_id = old.assessor_id;
END;
--> statement-breakpoint
CREATE TRIGGER `assessor_lists_school_update` AFTER UPDATE OF `assessor_id`, `school_id` ON `assessor_schools` BEGIN
  UPDATE assessor_lists SET schools = (SELECT group_concat(school_id) FROM assessor_schools
    WHERE assessor_id = old.assessor_id) WHERE assessor_id = old.assessor_id;
  INSERT INTO assessor_lists (assessor_id, schools) VALUES (new.assessor_id,
    (SELECT group_concat(school_id) FROM assessor_schools WHERE assessor_id = new.assessor_id))
  ON CONFLICT(assessor_id) DO UPDATE SET schools = excluded.schools;
END;
--> statement-breakpoint
CREATE TRIGGER `assessor_lists_place_insert` AFTER INSERT ON `assessor_places` BEGIN
  INSERT INTO assessor_lists (assessor_id, places) VALUES (new.assessor_id,
    (SELECT group_concat(place_code) FROM assessor_places WHERE assessor_id = new.assessor_id))
  ON CONFLICT(assessor_id) DO UPDATE SET places = excluded.places;
END;
--> statement-breakpoint
CREATE TRIGGER `assessor_lists_place_delete` AFTER DELETE ON `assessor_places` BEGIN
  UPDATE assessor_lists SET places = (SELECT group_concat(place_code) FROM assessor_places
    WHERE assessor_id = old.assessor_id) WHERE assessor_id = old.assessor_id;
END;
--> statement-breakpoint
CREATE TRIGGER `assessor_lists_place_update` AFTER UPDATE OF `assessor_id`, `place_code` ON `assessor_places` BEGIN
  UPDATE assessor_lists SET places = (SELECT group_concat(place_code) FROM assessor_places
    WHERE assessor_id = old.assessor_id) WHERE assessor_id = old.assessor_id;
  INSERT INTO assessor_lists (assessor_id, places) VALUES (new.assessor_id,
    (SELECT group_concat(place_code) FROM assessor_places WHERE assessor_id = new.assessor_id))
  ON CONFLICT(assessor_id) DO UPDATE SET places = excluded.places;
END;
