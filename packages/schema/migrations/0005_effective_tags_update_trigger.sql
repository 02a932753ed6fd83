-- Re-stamping the rule-set version of unchanged tags must not recompute the effective design and
-- sample size: fire only when a column that decides them changes.
DROP TRIGGER `study_tags_effective_after_update`;
--> statement-breakpoint
CREATE TRIGGER `study_tags_effective_after_update` AFTER UPDATE OF kind, value, decision, source, pmid ON `study_tags`
WHEN NEW.kind IN ('design', 'sample_size') OR OLD.kind IN ('design', 'sample_size') BEGIN
  UPDATE studies SET
    design = (SELECT value FROM study_tags t WHERE t.pmid = NEW.pmid AND t.kind = 'design' AND t.decision = 'assert' ORDER BY t.source = 'curator' DESC, t.id DESC LIMIT 1),
    sample_size = (SELECT CASE WHEN t.decision = 'reject' THEN NULL ELSE CAST(t.value AS INTEGER) END FROM study_tags t WHERE t.pmid = NEW.pmid AND t.kind = 'sample_size' ORDER BY t.source = 'curator' DESC, t.id DESC LIMIT 1)
  WHERE pmid = NEW.pmid;
END;
