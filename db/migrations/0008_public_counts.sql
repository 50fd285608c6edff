-- Maintained public counts (issue 15, ADR 0004): the number of public assessors per facet value
-- and last public day (`public_until`), so the unfiltered and per-province totals and facets are
-- sums over a few thousand rows instead of groupings over every visible assessor. Visible on day D:
-- the day rows of D's month with public_until >= D plus the month rows (facet `<facet>_m`,
-- public_until 'YYYY-MM') of later months. Kept by triggers, so every write path (app, CLI,
-- import, Workers) updates it without knowing about it. facet: all (code ''), province, crebo,
-- province_crebo (code 'UT|25332'); an assessor counts once per province it works in.
CREATE TABLE `public_counts` (
  `facet` text NOT NULL,
  `code` text NOT NULL,
  `public_until` text NOT NULL,
  `n` integer NOT NULL,
  PRIMARY KEY(`facet`, `code`, `public_until`)
);
--> statement-breakpoint
CREATE INDEX `public_counts_day_idx` ON `public_counts` (`facet`,`public_until`,`code`,`n`);
--> statement-breakpoint
INSERT INTO public_counts (facet, code, public_until, n)
  SELECT 'all', '', a.public_until, count(*) FROM assessors a WHERE a.public_until IS NOT NULL GROUP BY 2, 3;
--> statement-breakpoint
INSERT INTO public_counts (facet, code, public_until, n)
  SELECT 'all_m', '', substr(a.public_until, 1, 7), count(*) FROM assessors a WHERE a.public_until IS NOT NULL GROUP BY 2, 3;
--> statement-breakpoint
INSERT INTO public_counts (facet, code, public_until, n)
  SELECT 'province', p.province, a.public_until, count(*) FROM assessors a JOIN (SELECT DISTINCT assessor_id, province FROM assessor_places) p ON p.assessor_id = a.id WHERE a.public_until IS NOT NULL GROUP BY 2, 3;
--> statement-breakpoint
INSERT INTO public_counts (facet, code, public_until, n)
  SELECT 'province_m', p.province, substr(a.public_until, 1, 7), count(*) FROM assessors a JOIN (SELECT DISTINCT assessor_id, province FROM assessor_places) p ON p.assessor_id = a.id WHERE a.public_until IS NOT NULL GROUP BY 2, 3;
--> statement-breakpoint
INSERT INTO public_counts (facet, code, public_until, n)
  SELECT 'crebo', c.crebo_code, a.public_until, count(*) FROM assessors a JOIN assessor_crebos c ON c.assessor_id = a.id WHERE a.public_until IS NOT NULL GROUP BY 2, 3;
--> statement-breakpoint
INSERT INTO public_counts (facet, code, public_until, n)
  SELECT 'crebo_m', c.crebo_code, substr(a.public_until, 1, 7), count(*) FROM assessors a JOIN assessor_crebos c ON c.assessor_id = a.id WHERE a.public_until IS NOT NULL GROUP BY 2, 3;
--> statement-breakpoint
INSERT INTO public_counts (facet, code, public_until, n)
  SELECT 'province_crebo', p.province || '|' || c.crebo_code, a.public_until, count(*) FROM assessors a JOIN (SELECT DISTINCT assessor_id, province FROM assessor_places) p ON p.assessor_id = a.id JOIN assessor_crebos c ON c.assessor_id = a.id WHERE a.public_until IS NOT NULL GROUP BY 2, 3;
--> statement-breakpoint
INSERT INTO public_counts (facet, code, public_until, n)
  SELECT 'province_crebo_m', p.province || '|' || c.crebo_code, substr(a.public_until, 1, 7), count(*) FROM assessors a JOIN (SELECT DISTINCT assessor_id, province FROM assessor_places) p ON p.assessor_id = a.id JOIN assessor_crebos c ON c.assessor_id = a.id WHERE a.public_until IS NOT NULL GROUP BY 2, 3;
--> statement-breakpoint
CREATE TRIGGER `public_counts_assessor_insert` AFTER INSERT ON `assessors` WHEN new.public_until IS NOT NULL BEGIN
  INSERT INTO public_counts (facet, code, public_until, n) SELECT 'all', '', new.public_until, 1 WHERE new.public_until IS NOT NULL ON CONFLICT(`facet`, `code`, `public_until`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO public_counts (facet, code, public_until, n) SELECT 'all_m', '', substr(new.public_until, 1, 7), 1 WHERE new.public_until IS NOT NULL ON CONFLICT(`facet`, `code`, `public_until`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO public_counts (facet, code, public_until, n) SELECT 'province', province, new.public_until, 1 FROM (SELECT DISTINCT province FROM assessor_places WHERE assessor_id = new.id) WHERE new.public_until IS NOT NULL ON CONFLICT(`facet`, `code`, `public_until`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO public_counts (facet, code, public_until, n) SELECT 'province_m', province, substr(new.public_until, 1, 7), 1 FROM (SELECT DISTINCT province FROM assessor_places WHERE assessor_id = new.id) WHERE new.public_until IS NOT NULL ON CONFLICT(`facet`, `code`, `public_until`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO public_counts (facet, code, public_until, n) SELECT 'crebo', crebo_code, new.public_until, 1 FROM assessor_crebos WHERE assessor_id = new.id AND new.public_until IS NOT NULL ON CONFLICT(`facet`, `code`, `public_until`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO public_counts (facet, code, public_until, n) SELECT 'crebo_m', crebo_code, substr(new.public_until, 1, 7), 1 FROM assessor_crebos WHERE assessor_id = new.id AND new.public_until IS NOT NULL ON CONFLICT(`facet`, `code`, `public_until`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO public_counts (facet, code, public_until, n) SELECT 'province_crebo', p.province || '|' || c.crebo_code, new.public_until, 1 FROM (SELECT DISTINCT province FROM assessor_places WHERE assessor_id = new.id) p, assessor_crebos c WHERE c.assessor_id = new.id AND new.public_until IS NOT NULL ON CONFLICT(`facet`, `code`, `public_until`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO public_counts (facet, code, public_until, n) SELECT 'province_crebo_m', p.province || '|' || c.crebo_code, substr(new.public_until, 1, 7), 1 FROM (SELECT DISTINCT province FROM assessor_places WHERE assessor_id = new.id) p, assessor_crebos c WHERE c.assessor_id = new.id AND new.public_until IS NOT NULL ON CONFLICT(`facet`, `code`, `public_until`) DO UPDATE SET `n` = `n` + excluded.`n`;
END;
--> statement-breakpoint
CREATE TRIGGER `public_counts_assessor_update` AFTER UPDATE ON `assessors` WHEN old.public_until IS NOT new.public_until BEGIN
  INSERT INTO public_counts (facet, code, public_until, n) SELECT 'all', '', old.public_until, -1 WHERE old.public_until IS NOT NULL ON CONFLICT(`facet`, `code`, `public_until`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO public_counts (facet, code, public_until, n) SELECT 'all_m', '', substr(old.public_until, 1, 7), -1 WHERE old.public_until IS NOT NULL ON CONFLICT(`facet`, `code`, `public_until`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO public_counts (facet, code, public_until, n) SELECT 'province', province, old.public_until, -1 FROM (SELECT DISTINCT province FROM assessor_places WHERE assessor_id = new.id) WHERE old.public_until IS NOT NULL ON CONFLICT(`facet`, `code`, `public_until`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO public_counts (facet, code, public_until, n) SELECT 'province_m', province, substr(old.public_until, 1, 7), -1 FROM (SELECT DISTINCT province FROM assessor_places WHERE assessor_id = new.id) WHERE old.public_until IS NOT NULL ON CONFLICT(`facet`, `code`, `public_until`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO public_counts (facet, code, public_until, n) SELECT 'crebo', crebo_code, old.public_until, -1 FROM assessor_crebos WHERE assessor_id = new.id AND old.public_until IS NOT NULL ON CONFLICT(`facet`, `code`, `public_until`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO public_counts (facet, code, public_until, n) SELECT 'crebo_m', crebo_code, substr(old.public_until, 1, 7), -1 FROM assessor_crebos WHERE assessor_id = new.id AND old.public_until IS NOT NULL ON CONFLICT(`facet`, `code`, `public_until`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO public_counts (facet, code, public_until, n) SELECT 'province_crebo', p.province || '|' || c.crebo_code, old.public_until, -1 FROM (SELECT DISTINCT province FROM assessor_places WHERE assessor_id = new.id) p, assessor_crebos c WHERE c.assessor_id = new.id AND old.public_until IS NOT NULL ON CONFLICT(`facet`, `code`, `public_until`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO public_counts (facet, code, public_until, n) SELECT 'province_crebo_m', p.province || '|' || c.crebo_code, substr(old.public_until, 1, 7), -1 FROM (SELECT DISTINCT province FROM assessor_places WHERE assessor_id = new.id) p, assessor_crebos c WHERE c.assessor_id = new.id AND old.public_until IS NOT NULL ON CONFLICT(`facet`, `code`, `public_until`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO public_counts (facet, code, public_until, n) SELECT 'all', '', new.public_until, 1 WHERE new.public_until IS NOT NULL ON CONFLICT(`facet`, `code`, `public_until`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO public_counts (facet, code, public_until, n) SELECT 'all_m', '', substr(new.public_until, 1, 7), 1 WHERE new.public_until IS NOT NULL ON CONFLICT(`facet`, `code`, `public_until`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO public_counts (facet, code, public_until, n) SELECT 'province', province, new.public_until, 1 FROM (SELECT DISTINCT province FROM assessor_places WHERE assessor_id = new.id) WHERE new.public_until IS NOT NULL ON CONFLICT(`facet`, `code`, `public_until`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO public_counts (facet, code, public_until, n) SELECT 'province_m', province, substr(new.public_until, 1, 7), 1 FROM (SELECT DISTINCT province FROM assessor_places WHERE assessor_id = new.id) WHERE new.public_until IS NOT NULL ON CONFLICT(`facet`, `code`, `public_until`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO public_counts (facet, code, public_until, n) SELECT 'crebo', crebo_code, new.public_until, 1 FROM assessor_crebos WHERE assessor_id = new.id AND new.public_until IS NOT NULL ON CONFLICT(`facet`, `code`, `public_until`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO public_counts (facet, code, public_until, n) SELECT 'crebo_m', crebo_code, substr(new.public_until, 1, 7), 1 FROM assessor_crebos WHERE assessor_id = new.id AND new.public_until IS NOT NULL ON CONFLICT(`facet`, `code`, `public_until`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO public_counts (facet, code, public_until, n) SELECT 'province_crebo', p.province || '|' || c.crebo_code, new.public_until, 1 FROM (SELECT DISTINCT province FROM assessor_places WHERE assessor_id = new.id) p, assessor_crebos c WHERE c.assessor_id = new.id AND new.public_until IS NOT NULL ON CONFLICT(`facet`, `code`, `public_until`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO public_counts (facet, code, public_until, n) SELECT 'province_crebo_m', p.province || '|' || c.crebo_code, substr(new.public_until, 1, 7), 1 FROM (SELECT DISTINCT province FROM assessor_places WHERE assessor_id = new.id) p, assessor_crebos c WHERE c.assessor_id = new.id AND new.public_until IS NOT NULL ON CONFLICT(`facet`, `code`, `public_until`) DO UPDATE SET `n` = `n` + excluded.`n`;
END;
--> statement-breakpoint
CREATE TRIGGER `public_counts_assessor_delete` AFTER DELETE ON `assessors` WHEN old.public_until IS NOT NULL BEGIN
  INSERT INTO public_counts (facet, code, public_until, n) SELECT 'all', '', old.public_until, -1 WHERE old.public_until IS NOT NULL ON CONFLICT(`facet`, `code`, `public_until`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO public_counts (facet, code, public_until, n) SELECT 'all_m', '', substr(old.public_until, 1, 7), -1 WHERE old.public_until IS NOT NULL ON CONFLICT(`facet`, `code`, `public_until`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO public_counts (facet, code, public_until, n) SELECT 'province', province, old.public_until, -1 FROM (SELECT DISTINCT province FROM assessor_places WHERE assessor_id = old.id) WHERE old.public_until IS NOT NULL ON CONFLICT(`facet`, `code`, `public_until`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO public_counts (facet, code, public_until, n) SELECT 'province_m', province, substr(old.public_until, 1, 7), -1 FROM (SELECT DISTINCT province FROM assessor_places WHERE assessor_id = old.id) WHERE old.public_until IS NOT NULL ON CONFLICT(`facet`, `code`, `public_until`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO public_counts (facet, code, public_until, n) SELECT 'crebo', crebo_code, old.public_until, -1 FROM assessor_crebos WHERE assessor_id = old.id AND old.public_until IS NOT NULL ON CONFLICT(`facet`, `code`, `public_until`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO public_counts (facet, code, public_until, n) SELECT 'crebo_m', crebo_code, substr(old.public_until, 1, 7), -1 FROM assessor_crebos WHERE assessor_id = old.id AND old.public_until IS NOT NULL ON CONFLICT(`facet`, `code`, `public_until`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO public_counts (facet, code, public_until, n) SELECT 'province_crebo', p.province || '|' || c.crebo_code, old.public_until, -1 FROM (SELECT DISTINCT province FROM assessor_places WHERE assessor_id = old.id) p, assessor_crebos c WHERE c.assessor_id = old.id AND old.public_until IS NOT NULL ON CONFLICT(`facet`, `code`, `public_until`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO public_counts (facet, code, public_until, n) SELECT 'province_crebo_m', p.province || '|' || c.crebo_code, substr(old.public_until, 1, 7), -1 FROM (SELECT DISTINCT province FROM assessor_places WHERE assessor_id = old.id) p, assessor_crebos c WHERE c.assessor_id = old.id AND old.public_until IS NOT NULL ON CONFLICT(`facet`, `code`, `public_until`) DO UPDATE SET `n` = `n` + excluded.`n`;
END;
--> statement-breakpoint
CREATE TRIGGER `public_counts_place_insert` AFTER INSERT ON `assessor_places` WHEN (SELECT count(*) FROM assessor_places WHERE assessor_id = new.assessor_id AND province = new.province) = 1 BEGIN
  INSERT INTO public_counts (facet, code, public_until, n) SELECT 'province', new.province, (SELECT public_until FROM assessors WHERE id = new.assessor_id), 1 WHERE (SELECT public_until FROM assessors WHERE id = new.assessor_id) IS NOT NULL ON CONFLICT(`facet`, `code`, `public_until`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO public_counts (facet, code, public_until, n) SELECT 'province_m', new.province, substr((SELECT public_until FROM assessors WHERE id = new.assessor_id), 1, 7), 1 WHERE (SELECT public_until FROM assessors WHERE id = new.assessor_id) IS NOT NULL ON CONFLICT(`facet`, `code`, `public_until`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO public_counts (facet, code, public_until, n) SELECT 'province_crebo', new.province || '|' || crebo_code, (SELECT public_until FROM assessors WHERE id = new.assessor_id), 1 FROM assessor_crebos WHERE assessor_id = new.assessor_id AND (SELECT public_until FROM assessors WHERE id = new.assessor_id) IS NOT NULL ON CONFLICT(`facet`, `code`, `public_until`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO public_counts (facet, code, public_until, n) SELECT 'province_crebo_m', new.province || '|' || crebo_code, substr((SELECT public_until FROM assessors WHERE id = new.assessor_id), 1, 7), 1 FROM assessor_crebos WHERE assessor_id = new.assessor_id AND (SELECT public_until FROM assessors WHERE id = new.assessor_id) IS NOT NULL ON CONFLICT(`facet`, `code`, `public_until`) DO UPDATE SET `n` = `n` + excluded.`n`;
END;
--> statement-breakpoint
CREATE TRIGGER `public_counts_place_delete` AFTER DELETE ON `assessor_places` WHEN NOT EXISTS (SELECT 1 FROM assessor_places WHERE assessor_id = old.assessor_id AND province = old.province) BEGIN
  INSERT INTO public_counts (facet, code, public_until, n) SELECT 'province', old.province, (SELECT public_until FROM assessors WHERE id = old.assessor_id), -1 WHERE (SELECT public_until FROM assessors WHERE id = old.assessor_id) IS NOT NULL ON CONFLICT(`facet`, `code`, `public_until`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO public_counts (facet, code, public_until, n) SELECT 'province_m', old.province, substr((SELECT public_until FROM assessors WHERE id = old.assessor_id), 1, 7), -1 WHERE (SELECT public_until FROM assessors WHERE id = old.assessor_id) IS NOT NULL ON CONFLICT(`facet`, `code`, `public_until`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO public_counts (facet, code, public_until, n) SELECT 'province_crebo', old.province || '|' || crebo_code, (SELECT public_until FROM assessors WHERE id = old.assessor_id), -1 FROM assessor_crebos WHERE assessor_id = old.assessor_id AND (SELECT public_until FROM assessors WHERE id = old.assessor_id) IS NOT NULL ON CONFLICT(`facet`, `code`, `public_until`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO public_counts (facet, code, public_until, n) SELECT 'province_crebo_m', old.province || '|' || crebo_code, substr((SELECT public_until FROM assessors WHERE id = old.assessor_id), 1, 7), -1 FROM assessor_crebos WHERE assessor_id = old.assessor_id AND (SELECT public_until FROM assessors WHERE id = old.assessor_id) IS NOT NULL ON CONFLICT(`facet`, `code`, `public_until`) DO UPDATE SET `n` = `n` + excluded.`n`;
END;
--> statement-breakpoint
CREATE TRIGGER `public_counts_place_update_old` AFTER UPDATE OF `assessor_id`, `province` ON `assessor_places` WHEN NOT EXISTS (SELECT 1 FROM assessor_places WHERE assessor_id = old.assessor_id AND province = old.province) BEGIN
  INSERT INTO public_counts (facet, code, public_until, n) SELECT 'province', old.province, (SELECT public_until FROM assessors WHERE id = old.assessor_id), -1 WHERE (SELECT public_until FROM assessors WHERE id = old.assessor_id) IS NOT NULL ON CONFLICT(`facet`, `code`, `public_until`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO public_counts (facet, code, public_until, n) SELECT 'province_m', old.province, substr((SELECT public_until FROM assessors WHERE id = old.assessor_id), 1, 7), -1 WHERE (SELECT public_until FROM assessors WHERE id = old.assessor_id) IS NOT NULL ON CONFLICT(`facet`, `code`, `public_until`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO public_counts (facet, code, public_until, n) SELECT 'province_crebo', old.province || '|' || crebo_code, (SELECT public_until FROM assessors WHERE id = old.assessor_id), -1 FROM assessor_crebos WHERE assessor_id = old.assessor_id AND (SELECT public_until FROM assessors WHERE id = old.assessor_id) IS NOT NULL ON CONFLICT(`facet`, `code`, `public_until`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO public_counts (facet, code, public_until, n) SELECT 'province_crebo_m', old.province || '|' || crebo_code, substr((SELECT public_until FROM assessors WHERE id = old.assessor_id), 1, 7), -1 FROM assessor_crebos WHERE assessor_id = old.assessor_id AND (SELECT public_until FROM assessors WHERE id = old.assessor_id) IS NOT NULL ON CONFLICT(`facet`, `code`, `public_until`) DO UPDATE SET `n` = `n` + excluded.`n`;
END;
--> statement-breakpoint
CREATE TRIGGER `public_counts_place_update_new` AFTER UPDATE OF `assessor_id`, `province` ON `assessor_places` WHEN (SELECT count(*) FROM assessor_places WHERE assessor_id = new.assessor_id AND province = new.province) = 1 BEGIN
  INSERT INTO public_counts (facet, code, public_until, n) SELECT 'province', new.province, (SELECT public_until FROM assessors WHERE id = new.assessor_id), 1 WHERE (SELECT public_until FROM assessors WHERE id = new.assessor_id) IS NOT NULL ON CONFLICT(`facet`, `code`, `public_until`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO public_counts (facet, code, public_until, n) SELECT 'province_m', new.province, substr((SELECT public_until FROM assessors WHERE id = new.assessor_id), 1, 7), 1 WHERE (SELECT public_until FROM assessors WHERE id = new.assessor_id) IS NOT NULL ON CONFLICT(`facet`, `code`, `public_until`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO public_counts (facet, code, public_until, n) SELECT 'province_crebo', new.province || '|' || crebo_code, (SELECT public_until FROM assessors WHERE id = new.assessor_id), 1 FROM assessor_crebos WHERE assessor_id = new.assessor_id AND (SELECT public_until FROM assessors WHERE id = new.assessor_id) IS NOT NULL ON CONFLICT(`facet`, `code`, `public_until`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO public_counts (facet, code, public_until, n) SELECT 'province_crebo_m', new.province || '|' || crebo_code, substr((SELECT public_until FROM assessors WHERE id = new.assessor_id), 1, 7), 1 FROM assessor_crebos WHERE assessor_id = new.assessor_id AND (SELECT public_until FROM assessors WHERE id = new.assessor_id) IS NOT NULL ON CONFLICT(`facet`, `code`, `public_until`) DO UPDATE SET `n` = `n` + excluded.`n`;
END;
--> statement-breakpoint
CREATE TRIGGER `public_counts_crebo_insert` AFTER INSERT ON `assessor_crebos` BEGIN
  INSERT INTO public_counts (facet, code, public_until, n) SELECT 'crebo', new.crebo_code, (SELECT public_until FROM assessors WHERE id = new.assessor_id), 1 WHERE (SELECT public_until FROM assessors WHERE id = new.assessor_id) IS NOT NULL ON CONFLICT(`facet`, `code`, `public_until`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO public_counts (facet, code, public_until, n) SELECT 'crebo_m', new.crebo_code, substr((SELECT public_until FROM assessors WHERE id = new.assessor_id), 1, 7), 1 WHERE (SELECT public_until FROM assessors WHERE id = new.assessor_id) IS NOT NULL ON CONFLICT(`facet`, `code`, `public_until`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO public_counts (facet, code, public_until, n) SELECT 'province_crebo', province || '|' || new.crebo_code, (SELECT public_until FROM assessors WHERE id = new.assessor_id), 1 FROM (SELECT DISTINCT province FROM assessor_places WHERE assessor_id = new.assessor_id) WHERE (SELECT public_until FROM assessors WHERE id = new.assessor_id) IS NOT NULL ON CONFLICT(`facet`, `code`, `public_until`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO public_counts (facet, code, public_until, n) SELECT 'province_crebo_m', province || '|' || new.crebo_code, substr((SELECT public_until FROM assessors WHERE id = new.assessor_id), 1, 7), 1 FROM (SELECT DISTINCT province FROM assessor_places WHERE assessor_id = new.assessor_id) WHERE (SELECT public_until FROM assessors WHERE id = new.assessor_id) IS NOT NULL ON CONFLICT(`facet`, `code`, `public_until`) DO UPDATE SET `n` = `n` + excluded.`n`;
END;
--> statement-breakpoint
CREATE TRIGGER `public_counts_crebo_delete` AFTER DELETE ON `assessor_crebos` BEGIN
  INSERT INTO public_counts (facet, code, public_until, n) SELECT 'crebo', old.crebo_code, (SELECT public_until FROM assessors WHERE id = old.assessor_id), -1 WHERE (SELECT public_until FROM assessors WHERE id = old.assessor_id) IS NOT NULL ON CONFLICT(`facet`, `code`, `public_until`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO public_counts (facet, code, public_until, n) SELECT 'crebo_m', old.crebo_code, substr((SELECT public_until FROM assessors WHERE id = old.assessor_id), 1, 7), -1 WHERE (SELECT public_until FROM assessors WHERE id = old.assessor_id) IS NOT NULL ON CONFLICT(`facet`, `code`, `public_until`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO public_counts (facet, code, public_until, n) SELECT 'province_crebo', province || '|' || old.crebo_code, (SELECT public_until FROM assessors WHERE id = old.assessor_id), -1 FROM (SELECT DISTINCT province FROM assessor_places WHERE assessor_id = old.assessor_id) WHERE (SELECT public_until FROM assessors WHERE id = old.assessor_id) IS NOT NULL ON CONFLICT(`facet`, `code`, `public_until`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO public_counts (facet, code, public_until, n) SELECT 'province_crebo_m', province || '|' || old.crebo_code, substr((SELECT public_until FROM assessors WHERE id = old.assessor_id), 1, 7), -1 FROM (SELECT DISTINCT province FROM assessor_places WHERE assessor_id = old.assessor_id) WHERE (SELECT public_until FROM assessors WHERE id = old.assessor_id) IS NOT NULL ON CONFLICT(`facet`, `code`, `public_until`) DO UPDATE SET `n` = `n` + excluded.`n`;
END;
--> statement-breakpoint
CREATE TRIGGER `public_counts_crebo_update` AFTER UPDATE OF `assessor_id`, `crebo_code` ON `assessor_crebos` BEGIN
  INSERT INTO public_counts (facet, code, public_until, n) SELECT 'crebo', old.crebo_code, (SELECT public_until FROM assessors WHERE id = old.assessor_id), -1 WHERE (SELECT public_until FROM assessors WHERE id = old.assessor_id) IS NOT NULL ON CONFLICT(`facet`, `code`, `public_until`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO public_counts (facet, code, public_until, n) SELECT 'crebo_m', old.crebo_code, substr((SELECT public_until FROM assessors WHERE id = old.assessor_id), 1, 7), -1 WHERE (SELECT public_until FROM assessors WHERE id = old.assessor_id) IS NOT NULL ON CONFLICT(`facet`, `code`, `public_until`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO public_counts (facet, code, public_until, n) SELECT 'province_crebo', province || '|' || old.crebo_code, (SELECT public_until FROM assessors WHERE id = old.assessor_id), -1 FROM (SELECT DISTINCT province FROM assessor_places WHERE assessor_id = old.assessor_id) WHERE (SELECT public_until FROM assessors WHERE id = old.assessor_id) IS NOT NULL ON CONFLICT(`facet`, `code`, `public_until`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO public_counts (facet, code, public_until, n) SELECT 'province_crebo_m', province || '|' || old.crebo_code, substr((SELECT public_until FROM assessors WHERE id = old.assessor_id), 1, 7), -1 FROM (SELECT DISTINCT province FROM assessor_places WHERE assessor_id = old.assessor_id) WHERE (SELECT public_until FROM assessors WHERE id = old.assessor_id) IS NOT NULL ON CONFLICT(`facet`, `code`, `public_until`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO public_counts (facet, code, public_until, n) SELECT 'crebo', new.crebo_code, (SELECT public_until FROM assessors WHERE id = new.assessor_id), 1 WHERE (SELECT public_until FROM assessors WHERE id = new.assessor_id) IS NOT NULL ON CONFLICT(`facet`, `code`, `public_until`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO public_counts (facet, code, public_until, n) SELECT 'crebo_m', new.crebo_code, substr((SELECT public_until FROM assessors WHERE id = new.assessor_id), 1, 7), 1 WHERE (SELECT public_until FROM assessors WHERE id = new.assessor_id) IS NOT NULL ON CONFLICT(`facet`, `code`, `public_until`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO public_counts (facet, code, public_until, n) SELECT 'province_crebo', province || '|' || new.crebo_code, (SELECT public_until FROM assessors WHERE id = new.assessor_id), 1 FROM (SELECT DISTINCT province FROM assessor_places WHERE assessor_id = new.assessor_id) WHERE (SELECT public_until FROM assessors WHERE id = new.assessor_id) IS NOT NULL ON CONFLICT(`facet`, `code`, `public_until`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO public_counts (facet, code, public_until, n) SELECT 'province_crebo_m', province || '|' || new.crebo_code, substr((SELECT public_until FROM assessors WHERE id = new.assessor_id), 1, 7), 1 FROM (SELECT DISTINCT province FROM assessor_places WHERE assessor_id = new.assessor_id) WHERE (SELECT public_until FROM assessors WHERE id = new.assessor_id) IS NOT NULL ON CONFLICT(`facet`, `code`, `public_until`) DO UPDATE SET `n` = `n` + excluded.`n`;
END;
--> statement-breakpoint
-- A text match is joined to its assessor by the FTS rowid (no read of the FTS content table).
CREATE INDEX `assessors_fts_rowid_idx` ON `assessors` (`fts_rowid`,`public_until`);
