-- The effective design and sample size, as before (0002, 0005), but a study row is rewritten only
-- when one of them changes. A studies row holds the abstract three ways (about 10 KB), and the
-- import stores a new study with both already set: rewriting it again for its design tag and its
-- sample-size tag was a large part of storing it.
DROP TRIGGER `study_tags_effective_after_insert`;
--> statement-breakpoint
DROP TRIGGER `study_tags_effective_after_delete`;
--> statement-breakpoint
DROP TRIGGER `study_tags_effective_after_update`;
--> statement-breakpoint
CREATE TRIGGER `study_tags_effective_after_insert` AFTER INSERT ON `study_tags` WHEN NEW.kind IN ('design', 'sample_size') BEGIN
  UPDATE studies SET design = effective.design, sample_size = effective.sample_size
  FROM (SELECT
    (SELECT value FROM study_tags t WHERE t.pmid = NEW.pmid AND t.kind = 'design' AND t.decision = 'assert' ORDER BY t.source = 'curator' DESC, t.id DESC LIMIT 1) AS design,
    (SELECT CASE WHEN t.decision = 'reject' THEN NULL ELSE CAST(t.value AS INTEGER) END FROM study_tags t WHERE t.pmid = NEW.pmid AND t.kind = 'sample_size' ORDER BY t.source = 'curator' DESC, t.id DESC LIMIT 1) AS sample_size) AS effective
  WHERE studies.pmid = NEW.pmid
    AND (studies.design IS NOT effective.design OR studies.sample_size IS NOT effective.sample_size);
END;
--> statement-breakpoint
CREATE TRIGGER `study_tags_effective_after_delete` AFTER DELETE ON `study_tags` WHEN OLD.kind IN ('design', 'sample_size') BEGIN
  UPDATE studies SET design = effective.design, sample_size = effective.sample_size
  FROM (SELECT
    (SELECT value FROM study_tags t WHERE t.pmid = OLD.pmid AND t.kind = 'design' AND t.decision = 'assert' ORDER BY t.source = 'curator' DESC, t.id DESC LIMIT 1) AS design,
    (SELECT CASE WHEN t.decision = 'reject' THEN NULL ELSE CAST(t.value AS INTEGER) END FROM study_tags t WHERE t.pmid = OLD.pmid AND t.kind = 'sample_size' ORDER BY t.source = 'curator' DESC, t.id DESC LIMIT 1) AS sample_size) AS effective
  WHERE studies.pmid = OLD.pmid
    AND (studies.design IS NOT effective.design OR studies.sample_size IS NOT effective.sample_size);
END;
--> statement-breakpoint
CREATE TRIGGER `study_tags_effective_after_update` AFTER UPDATE OF kind, value, decision, source, pmid ON `study_tags`
WHEN NEW.kind IN ('design', 'sample_size') OR OLD.kind IN ('design', 'sample_size') BEGIN
  UPDATE studies SET design = effective.design, sample_size = effective.sample_size
  FROM (SELECT
    (SELECT value FROM study_tags t WHERE t.pmid = NEW.pmid AND t.kind = 'design' AND t.decision = 'assert' ORDER BY t.source = 'curator' DESC, t.id DESC LIMIT 1) AS design,
    (SELECT CASE WHEN t.decision = 'reject' THEN NULL ELSE CAST(t.value AS INTEGER) END FROM study_tags t WHERE t.pmid = NEW.pmid AND t.kind = 'sample_size' ORDER BY t.source = 'curator' DESC, t.id DESC LIMIT 1) AS sample_size) AS effective
  WHERE studies.pmid = NEW.pmid
    AND (studies.design IS NOT effective.design OR studies.sample_size IS NOT effective.sample_size);
END;
