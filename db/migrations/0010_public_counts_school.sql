-- Maintained public counts per school (issue 15, ADR 0004), as migration 0008 keeps them per
-- province and crebo: facet `school` (code = school id) and `school_m` (month rows). The public
-- school pages, /api/v1/schools and the school cards of a profile count a school's public
-- assessors from here instead of grouping all of them (one demo school has 55,000 at 100k).
-- Derived rows only: any there (a copy of a newer database) are counted afresh.
-- data-loss-reviewed: public_counts holds counts derived from the tables, rebuilt right below.
DELETE FROM public_counts WHERE facet IN ('school', 'school_m');
--> statement-breakpoint
INSERT INTO public_counts (facet, code, public_until, n)
  SELECT 'school', s.school_id, a.public_until, count(*) FROM assessors a JOIN assessor_schools s ON s.assessor_id = a.id WHERE a.public_until IS NOT NULL GROUP BY 2, 3;
--> statement-breakpoint
INSERT INTO public_counts (facet, code, public_until, n)
  SELECT 'school_m', s.school_id, substr(a.public_until, 1, 7), count(*) FROM assessors a JOIN assessor_schools s ON s.assessor_id = a.id WHERE a.public_until IS NOT NULL GROUP BY 2, 3;
--> statement-breakpoint
CREATE TRIGGER `public_counts_school_assessor_insert` AFTER INSERT ON `assessors` WHEN new.public_until IS NOT NULL BEGIN
  INSERT INTO public_counts (facet, code, public_until, n) SELECT 'school', school_id, new.public_until, 1 FROM assessor_schools WHERE assessor_id = new.id AND new.public_until IS NOT NULL ON CONFLICT(`facet`, `code`, `public_until`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO public_counts (facet, code, public_until, n) SELECT 'school_m', school_id, substr(new.public_until, 1, 7), 1 FROM assessor_schools WHERE assessor_id = new.id AND new.public_until IS NOT NULL ON CONFLICT(`facet`, `code`, `public_until`) DO UPDATE SET `n` = `n` + excluded.`n`;
END;
--> statement-breakpoint
CREATE TRIGGER `public_counts_school_assessor_update` AFTER UPDATE ON `assessors` WHEN old.public_until IS NOT new.public_until BEGIN
  INSERT INTO public_counts (facet, code, public_until, n) SELECT 'school', school_id, old.public_until, -1 FROM assessor_schools WHERE assessor_id = new.id AND old.public_until IS NOT NULL ON CONFLICT(`facet`, `code`, `public_until`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO public_counts (facet, code, public_until, n) SELECT 'school_m', school_id, substr(old.public_until, 1, 7), -1 FROM assessor_schools WHERE assessor_id = new.id AND old.public_until IS NOT NULL ON CONFLICT(`facet`, `code`, `public_until`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO public_counts (facet, code, public_until, n) SELECT 'school', school_id, new.public_until, 1 FROM assessor_schools WHERE assessor_id = new.id AND new.public_until IS NOT NULL ON CONFLICT(`facet`, `code`, `public_until`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO public_counts (facet, code, public_until, n) SELECT 'school_m', school_id, substr(new.public_until, 1, 7), 1 FROM assessor_schools WHERE assessor_id = new.id AND new.public_until IS NOT NULL ON CONFLICT(`facet`, `code`, `public_until`) DO UPDATE SET `n` = `n` + excluded.`n`;
END;
--> statement-breakpoint
CREATE TRIGGER `public_counts_school_assessor_delete` AFTER DELETE ON `assessors` WHEN old.public_until IS NOT NULL BEGIN
  INSERT INTO public_counts (facet, code, public_until, n) SELECT 'school', school_id, old.public_until, -1 FROM assessor_schools WHERE assessor_id = old.id AND old.public_until IS NOT NULL ON CONFLICT(`facet`, `code`, `public_until`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO public_counts (facet, code, public_until, n) SELECT 'school_m', school_id, substr(old.public_until, 1, 7), -1 FROM assessor_schools WHERE assessor_id = old.id AND old.public_until IS NOT NULL ON CONFLICT(`facet`, `code`, `public_until`) DO UPDATE SET `n` = `n` + excluded.`n`;
END;
--> statement-breakpoint
CREATE TRIGGER `public_counts_school_link_insert` AFTER INSERT ON `assessor_schools` BEGIN
  INSERT INTO public_counts (facet, code, public_until, n) SELECT 'school', new.school_id, (SELECT public_until FROM assessors WHERE id = new.assessor_id), 1 WHERE (SELECT public_until FROM assessors WHERE id = new.assessor_id) IS NOT NULL ON CONFLICT(`facet`, `code`, `public_until`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO public_counts (facet, code, public_until, n) SELECT 'school_m', new.school_id, substr((SELECT public_until FROM assessors WHERE id = new.assessor_id), 1, 7), 1 WHERE (SELECT public_until FROM assessors WHERE id = new.assessor_id) IS NOT NULL ON CONFLICT(`facet`, `code`, `public_until`) DO UPDATE SET `n` = `n` + excluded.`n`;
END;
--> statement-breakpoint
CREATE TRIGGER `public_counts_school_link_delete` AFTER DELETE ON `assessor_schools` BEGIN
  INSERT INTO public_counts (facet, code, public_until, n) SELECT 'school', old.school_id, (SELECT public_until FROM assessors WHERE id = old.assessor_id), -1 WHERE (SELECT public_until FROM assessors WHERE id = old.assessor_id) IS NOT NULL ON CONFLICT(`facet`, `code`, `public_until`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO public_counts (facet, code, public_until, n) SELECT 'school_m', old.school_id, substr((SELECT public_until FROM assessors WHERE id = old.assessor_id), 1, 7), -1 WHERE (SELECT public_until FROM assessors WHERE id = old.assessor_id) IS NOT NULL ON CONFLICT(`facet`, `code`, `public_until`) DO UPDATE SET `n` = `n` + excluded.`n`;
END;
--> statement-breakpoint
CREATE TRIGGER `public_counts_school_link_update` AFTER UPDATE OF `assessor_id`, `school_id` ON `assessor_schools` BEGIN
  INSERT INTO public_counts (facet, code, public_until, n) SELECT 'school', old.school_id, (SELECT public_until FROM assessors WHERE id = old.assessor_id), -1 WHERE (SELECT public_until FROM assessors WHERE id = old.assessor_id) IS NOT NULL ON CONFLICT(`facet`, `code`, `public_until`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO public_counts (facet, code, public_until, n) SELECT 'school_m', old.school_id, substr((SELECT public_until FROM assessors WHERE id = old.assessor_id), 1, 7), -1 WHERE (SELECT public_until FROM assessors WHERE id = old.assessor_id) IS NOT NULL ON CONFLICT(`facet`, `code`, `public_until`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO public_counts (facet, code, public_until, n) SELECT 'school', new.school_id, (SELECT public_until FROM assessors WHERE id = new.assessor_id), 1 WHERE (SELECT public_until FROM assessors WHERE id = new.assessor_id) IS NOT NULL ON CONFLICT(`facet`, `code`, `public_until`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO public_counts (facet, code, public_until, n) SELECT 'school_m', new.school_id, substr((SELECT public_until FROM assessors WHERE id = new.assessor_id), 1, 7), 1 WHERE (SELECT public_until FROM assessors WHERE id = new.assessor_id) IS NOT NULL ON CONFLICT(`facet`, `code`, `public_until`) DO UPDATE SET `n` = `n` + excluded.`n`;
END;
