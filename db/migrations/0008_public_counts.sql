-- Maintained public counts (issue 15, ADR 0004): the number of public assessors per facet value
-- and per last public day (`public_until`), so the unfiltered and per-province totals and facets
-- are sums over a few thousand rows instead of groupings over every visible assessor. Visible on a
-- day D = rows with public_until >= D. Kept by triggers, so every write path (app, CLI, import,
-- Workers) updates it without knowing about it. facet: all (code ''), province, crebo,
-- province_crebo (code 'UT|25332': an assessor counts once per province it works in).
CREATE TABLE `public_counts` (
  `facet` text NOT NULL,
  `code` text NOT NULL,
  `public_until` text NOT NULL,
  `n` integer NOT NULL,
  PRIMARY KEY(`facet`, `code`, `public_until`)
);
--> statement-breakpoint
INSERT INTO public_counts (facet, code, public_until, n)
  SELECT 'all', '', public_until, count(*) FROM assessors WHERE public_until IS NOT NULL GROUP BY public_until;
--> statement-breakpoint
INSERT INTO public_counts (facet, code, public_until, n)
  SELECT 'province', p.province, a.public_until, count(*) FROM assessors a
  JOIN (SELECT DISTINCT assessor_id, province FROM assessor_places) p ON p.assessor_id = a.id
  WHERE a.public_until IS NOT NULL GROUP BY p.province, a.public_until;
--> statement-breakpoint
INSERT INTO public_counts (facet, code, public_until, n)
  SELECT 'crebo', c.crebo_code, a.public_until, count(*) FROM assessors a
  JOIN assessor_crebos c ON c.assessor_id = a.id
  WHERE a.public_until IS NOT NULL GROUP BY c.crebo_code, a.public_until;
--> statement-breakpoint
INSERT INTO public_counts (facet, code, public_until, n)
  SELECT 'province_crebo', p.province || '|' || c.crebo_code, a.public_until, count(*) FROM assessors a
  JOIN (SELECT DISTINCT assessor_id, province FROM assessor_places) p ON p.assessor_id = a.id
  JOIN assessor_crebos c ON c.assessor_id = a.id
  WHERE a.public_until IS NOT NULL GROUP BY p.province, c.crebo_code, a.public_until;
--> statement-breakpoint
CREATE TRIGGER `public_counts_assessor_insert` AFTER INSERT ON `assessors` WHEN new.public_until IS NOT NULL BEGIN
  INSERT INTO public_counts (facet, code, public_until, n) SELECT 'all', '', new.public_until, 1 WHERE new.public_until IS NOT NULL ON CONFLICT(`facet`, `code`, `public_until`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO public_counts (facet, code, public_until, n) SELECT 'province', province, new.public_until, 1 FROM (SELECT DISTINCT province FROM assessor_places WHERE assessor_id = new.id) WHERE new.public_until IS NOT NULL ON CONFLICT(`facet`, `code`, `public_until`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO public_counts (facet, code, public_until, n) SELECT 'crebo', crebo_code, new.public_until, 1 FROM assessor_crebos WHERE assessor_id = new.id AND new.public_until IS NOT NULL ON CONFLICT(`facet`, `code`, `public_until`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO public_counts (facet, code, public_until, n) SELECT 'province_crebo', p.province || '|' || c.crebo_code, new.public_until, 1 FROM (SELECT DISTINCT province FROM assessor_places WHERE assessor_id = new.id) p, assessor_crebos c WHERE c.assessor_id = new.id AND new.public_until IS NOT NULL ON CONFLICT(`facet`, `code`, `public_until`) DO UPDATE SET `n` = `n` + excluded.`n`;
END;
--> statement-breakpoint
CREATE TRIGGER `public_counts_assessor_update` AFTER UPDATE ON `assessors` WHEN old.public_until IS NOT new.public_until BEGIN
  INSERT INTO public_counts (facet, code, public_until, n) SELECT 'all', '', old.public_until, -1 WHERE old.public_until IS NOT NULL ON CONFLICT(`facet`, `code`, `public_until`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO public_counts (facet, code, public_until, n) SELECT 'province', province, old.public_until, -1 FROM (SELECT DISTINCT province FROM assessor_places WHERE assessor_id = new.id) WHERE old.public_until IS NOT NULL ON CONFLICT(`facet`, `code`, `public_until`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO public_counts (facet, code, public_until, n) SELECT 'crebo', crebo_code, old.public_until, -1 FROM assessor_crebos WHERE assessor_id = new.id AND old.public_until IS NOT NULL ON CONFLICT(`facet`, `code`, `public_until`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO public_counts (facet, code, public_until, n) SELECT 'province_crebo', p.province || '|' || c.crebo_code, old.public_until, -1 FROM (SELECT DISTINCT province FROM assessor_places WHERE assessor_id = new.id) p, assessor_crebos c WHERE c.assessor_id = new.id AND old.public_until IS NOT NULL ON CONFLICT(`facet`, `code`, `public_until`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO public_counts (facet, code, public_until, n) SELECT 'all', '', new.public_until, 1 WHERE new.public_until IS NOT NULL ON CONFLICT(`facet`, `code`, `public_until`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO public_counts (facet, code, public_until, n) SELECT 'province', province, new.public_until, 1 FROM (SELECT DISTINCT province FROM assessor_places WHERE assessor_id = new.id) WHERE new.public_until IS NOT NULL ON CONFLICT(`facet`, `code`, `public_until`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO public_counts (facet, code, public_until, n) SELECT 'crebo', crebo_code, new.public_until, 1 FROM assessor_crebos WHERE assessor_id = new.id AND new.public_until IS NOT NULL ON CONFLICT(`facet`, `code`, `public_until`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO public_counts (facet, code, public_until, n) SELECT 'province_crebo', p.province || '|' || c.crebo_code, new.public_until, 1 FROM (SELECT DISTINCT province FROM assessor_places WHERE assessor_id = new.id) p, assessor_crebos c WHERE c.assessor_id = new.id AND new.public_until IS NOT NULL ON CONFLICT(`facet`, `code`, `public_until`) DO UPDATE SET `n` = `n` + excluded.`n`;
END;
--> statement-breakpoint
CREATE TRIGGER `public_counts_assessor_delete` AFTER DELETE ON `assessors` WHEN old.public_until IS NOT NULL BEGIN
  INSERT INTO public_counts (facet, code, public_until, n) SELECT 'all', '', old.public_until, -1 WHERE old.public_until IS NOT NULL ON CONFLICT(`facet`, `code`, `public_until`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO public_counts (facet, code, public_until, n) SELECT 'province', province, old.public_until, -1 FROM (SELECT DISTINCT province FROM assessor_places WHERE assessor_id = old.id) WHERE old.public_until IS NOT NULL ON CONFLICT(`facet`, `code`, `public_until`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO public_counts (facet, code, public_until, n) SELECT 'crebo', crebo_code, old.public_until, -1 FROM assessor_crebos WHERE assessor_id = old.id AND old.public_until IS NOT NULL ON CONFLICT(`facet`, `code`, `public_until`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO public_counts (facet, code, public_until, n) SELECT 'province_crebo', p.province || '|' || c.crebo_code, old.public_until, -1 FROM (SELECT DISTINCT province FROM assessor_places WHERE assessor_id = old.id) p, assessor_crebos c WHERE c.assessor_id = old.id AND old.public_until IS NOT NULL ON CONFLICT(`facet`, `code`, `public_until`) DO UPDATE SET `n` = `n` + excluded.`n`;
END;
--> statement-breakpoint
CREATE TRIGGER `public_counts_place_insert` AFTER INSERT ON `assessor_places` WHEN (SELECT count(*) FROM assessor_places WHERE assessor_id = new.assessor_id AND province = new.province) = 1 BEGIN
  INSERT INTO public_counts (facet, code, public_until, n) SELECT 'province', new.province, (SELECT public_until FROM assessors WHERE id = new.assessor_id), 1 WHERE (SELECT public_until FROM assessors WHERE id = new.assessor_id) IS NOT NULL ON CONFLICT(`facet`, `code`, `public_until`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO public_counts (facet, code, public_until, n) SELECT 'province_crebo', new.province || '|' || crebo_code, (SELECT public_until FROM assessors WHERE id = new.assessor_id), 1 FROM assessor_crebos WHERE assessor_id = new.assessor_id AND (SELECT public_until FROM assessors WHERE id = new.assessor_id) IS NOT NULL ON CONFLICT(`facet`, `code`, `public_until`) DO UPDATE SET `n` = `n` + excluded.`n`;
END;
--> statement-breakpoint
CREATE TRIGGER `public_counts_place_delete` AFTER DELETE ON `assessor_places` WHEN NOT EXISTS (SELECT 1 FROM assessor_places WHERE assessor_id = old.assessor_id AND province = old.province) BEGIN
  INSERT INTO public_counts (facet, code, public_until, n) SELECT 'province', old.province, (SELECT public_until FROM assessors WHERE id = old.assessor_id), -1 WHERE (SELECT public_until FROM assessors WHERE id = old.assessor_id) IS NOT NULL ON CONFLICT(`facet`, `code`, `public_until`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO public_counts (facet, code, public_until, n) SELECT 'province_crebo', old.province || '|' || crebo_code, (SELECT public_until FROM assessors WHERE id = old.assessor_id), -1 FROM assessor_crebos WHERE assessor_id = old.assessor_id AND (SELECT public_until FROM assessors WHERE id = old.assessor_id) IS NOT NULL ON CONFLICT(`facet`, `code`, `public_until`) DO UPDATE SET `n` = `n` + excluded.`n`;
END;
--> statement-breakpoint
CREATE TRIGGER `public_counts_place_update_old` AFTER UPDATE OF `assessor_id`, `province` ON `assessor_places` WHEN NOT EXISTS (SELECT 1 FROM assessor_places WHERE assessor_id = old.assessor_id AND province = old.province) BEGIN
  INSERT INTO public_counts (facet, code, public_until, n) SELECT 'province', old.province, (SELECT public_until FROM assessors WHERE id = old.assessor_id), -1 WHERE (SELECT public_until FROM assessors WHERE id = old.assessor_id) IS NOT NULL ON CONFLICT(`facet`, `code`, `public_until`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO public_counts (facet, code, public_until, n) SELECT 'province_crebo', old.province || '|' || crebo_code, (SELECT public_until FROM assessors WHERE id = old.assessor_id), -1 FROM assessor_crebos WHERE assessor_id = old.assessor_id AND (SELECT public_until FROM assessors WHERE id = old.assessor_id) IS NOT NULL ON CONFLICT(`facet`, `code`, `public_until`) DO UPDATE SET `n` = `n` + excluded.`n`;
END;
--> statement-breakpoint
CREATE TRIGGER `public_counts_place_update_new` AFTER UPDATE OF `assessor_id`, `province` ON `assessor_places` WHEN (SELECT count(*) FROM assessor_places WHERE assessor_id = new.assessor_id AND province = new.province) = 1 BEGIN
  INSERT INTO public_counts (facet, code, public_until, n) SELECT 'province', new.province, (SELECT public_until FROM assessors WHERE id = new.assessor_id), 1 WHERE (SELECT public_until FROM assessors WHERE id = new.assessor_id) IS NOT NULL ON CONFLICT(`facet`, `code`, `public_until`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO public_counts (facet, code, public_until, n) SELECT 'province_crebo', new.province || '|' || crebo_code, (SELECT public_until FROM assessors WHERE id = new.assessor_id), 1 FROM assessor_crebos WHERE assessor_id = new.assessor_id AND (SELECT public_until FROM assessors WHERE id = new.assessor_id) IS NOT NULL ON CONFLICT(`facet`, `code`, `public_until`) DO UPDATE SET `n` = `n` + excluded.`n`;
END;
--> statement-breakpoint
CREATE TRIGGER `public_counts_crebo_insert` AFTER INSERT ON `assessor_crebos` BEGIN
  INSERT INTO public_counts (facet, code, public_until, n) SELECT 'crebo', new.crebo_code, (SELECT public_until FROM assessors WHERE id = new.assessor_id), 1 WHERE (SELECT public_until FROM assessors WHERE id = new.assessor_id) IS NOT NULL ON CONFLICT(`facet`, `code`, `public_until`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO public_counts (facet, code, public_until, n) SELECT 'province_crebo', province || '|' || new.crebo_code, (SELECT public_until FROM assessors WHERE id = new.assessor_id), 1 FROM (SELECT DISTINCT province FROM assessor_places WHERE assessor_id = new.assessor_id) WHERE (SELECT public_until FROM assessors WHERE id = new.assessor_id) IS NOT NULL ON CONFLICT(`facet`, `code`, `public_until`) DO UPDATE SET `n` = `n` + excluded.`n`;
END;
--> statement-breakpoint
CREATE TRIGGER `public_counts_crebo_delete` AFTER DELETE ON `assessor_crebos` BEGIN
  INSERT INTO public_counts (facet, code, public_until, n) SELECT 'crebo', old.crebo_code, (SELECT public_until FROM assessors WHERE id = old.assessor_id), -1 WHERE (SELECT public_until FROM assessors WHERE id = old.assessor_id) IS NOT NULL ON CONFLICT(`facet`, `code`, `public_until`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO public_counts (facet, code, public_until, n) SELECT 'province_crebo', province || '|' || old.crebo_code, (SELECT public_until FROM assessors WHERE id = old.assessor_id), -1 FROM (SELECT DISTINCT province FROM assessor_places WHERE assessor_id = old.assessor_id) WHERE (SELECT public_until FROM assessors WHERE id = old.assessor_id) IS NOT NULL ON CONFLICT(`facet`, `code`, `public_until`) DO UPDATE SET `n` = `n` + excluded.`n`;
END;
--> statement-breakpoint
CREATE TRIGGER `public_counts_crebo_update` AFTER UPDATE OF `assessor_id`, `crebo_code` ON `assessor_crebos` BEGIN
  INSERT INTO public_counts (facet, code, public_until, n) SELECT 'crebo', old.crebo_code, (SELECT public_until FROM assessors WHERE id = old.assessor_id), -1 WHERE (SELECT public_until FROM assessors WHERE id = old.assessor_id) IS NOT NULL ON CONFLICT(`facet`, `code`, `public_until`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO public_counts (facet, code, public_until, n) SELECT 'province_crebo', province || '|' || old.crebo_code, (SELECT public_until FROM assessors WHERE id = old.assessor_id), -1 FROM (SELECT DISTINCT province FROM assessor_places WHERE assessor_id = old.assessor_id) WHERE (SELECT public_until FROM assessors WHERE id = old.assessor_id) IS NOT NULL ON CONFLICT(`facet`, `code`, `public_until`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO public_counts (facet, code, public_until, n) SELECT 'crebo', new.crebo_code, (SELECT public_until FROM assessors WHERE id = new.assessor_id), 1 WHERE (SELECT public_until FROM assessors WHERE id = new.assessor_id) IS NOT NULL ON CONFLICT(`facet`, `code`, `public_until`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO public_counts (facet, code, public_until, n) SELECT 'province_crebo', province || '|' || new.crebo_code, (SELECT public_until FROM assessors WHERE id = new.assessor_id), 1 FROM (SELECT DISTINCT province FROM assessor_places WHERE assessor_id = new.assessor_id) WHERE (SELECT public_until FROM assessors WHERE id = new.assessor_id) IS NOT NULL ON CONFLICT(`facet`, `code`, `public_until`) DO UPDATE SET `n` = `n` + excluded.`n`;
END;
--> statement-breakpoint
-- A text match is joined to its assessor by the FTS rowid (no read of the FTS content table).
CREATE INDEX `assessors_fts_rowid_idx` ON `assessors` (`fts_rowid`,`public_until`);
