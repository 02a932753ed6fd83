ALTER TABLE `studies` ADD `design` text;--> statement-breakpoint
ALTER TABLE `studies` ADD `sample_size` integer;--> statement-breakpoint
CREATE INDEX `studies_design_idx` ON `studies` (`design`);--> statement-breakpoint
CREATE UNIQUE INDEX `study_tags_curator_outcome_uq` ON `study_tags` (`pmid`,`value`) WHERE source = 'curator' AND kind = 'outcome';--> statement-breakpoint
CREATE UNIQUE INDEX `study_tags_curator_single_uq` ON `study_tags` (`pmid`,`kind`) WHERE source = 'curator' AND kind IN ('design', 'sample_size');--> statement-breakpoint
-- The effective design / sample size: a curator's decision wins over the rules'; a curator's
-- 'reject' of the sample size means "not stated" (null).
CREATE TRIGGER `study_tags_effective_after_insert` AFTER INSERT ON `study_tags` WHEN NEW.kind IN ('design', 'sample_size') BEGIN
  UPDATE studies SET
    design = (SELECT value FROM study_tags t WHERE t.pmid = NEW.pmid AND t.kind = 'design' AND t.decision = 'assert' ORDER BY t.source = 'curator' DESC, t.id DESC LIMIT 1),
    sample_size = (SELECT CASE WHEN t.decision = 'reject' THEN NULL ELSE CAST(t.value AS INTEGER) END FROM study_tags t WHERE t.pmid = NEW.pmid AND t.kind = 'sample_size' ORDER BY t.source = 'curator' DESC, t.id DESC LIMIT 1)
  WHERE pmid = NEW.pmid;
END;
--> statement-breakpoint
CREATE TRIGGER `study_tags_effective_after_delete` AFTER DELETE ON `study_tags` WHEN OLD.kind IN ('design', 'sample_size') BEGIN
  UPDATE studies SET
    design = (SELECT value FROM study_tags t WHERE t.pmid = OLD.pmid AND t.kind = 'design' AND t.decision = 'assert' ORDER BY t.source = 'curator' DESC, t.id DESC LIMIT 1),
    sample_size = (SELECT CASE WHEN t.decision = 'reject' THEN NULL ELSE CAST(t.value AS INTEGER) END FROM study_tags t WHERE t.pmid = OLD.pmid AND t.kind = 'sample_size' ORDER BY t.source = 'curator' DESC, t.id DESC LIMIT 1)
  WHERE pmid = OLD.pmid;
END;
--> statement-breakpoint
CREATE TRIGGER `study_tags_effective_after_update` AFTER UPDATE ON `study_tags` WHEN NEW.kind IN ('design', 'sample_size') OR OLD.kind IN ('design', 'sample_size') BEGIN
  UPDATE studies SET
    design = (SELECT value FROM study_tags t WHERE t.pmid = NEW.pmid AND t.kind = 'design' AND t.decision = 'assert' ORDER BY t.source = 'curator' DESC, t.id DESC LIMIT 1),
    sample_size = (SELECT CASE WHEN t.decision = 'reject' THEN NULL ELSE CAST(t.value AS INTEGER) END FROM study_tags t WHERE t.pmid = NEW.pmid AND t.kind = 'sample_size' ORDER BY t.source = 'curator' DESC, t.id DESC LIMIT 1)
  WHERE pmid = NEW.pmid;
END;
--> statement-breakpoint
-- Outcomes in effect for a study: a curator's 'assert', or a rule tag no curator rejected.
CREATE VIEW `effective_outcomes` AS
  SELECT t.pmid, t.value AS outcome, t.source FROM study_tags t
  WHERE t.kind = 'outcome' AND (
    (t.source = 'curator' AND t.decision = 'assert') OR
    (t.source = 'rule' AND NOT EXISTS (SELECT 1 FROM study_tags c WHERE c.pmid = t.pmid AND c.kind = 'outcome' AND c.value = t.value AND c.source = 'curator'))
  );
--> statement-breakpoint
UPDATE studies SET
  design = (SELECT value FROM study_tags t WHERE t.pmid = studies.pmid AND t.kind = 'design' AND t.decision = 'assert' ORDER BY t.source = 'curator' DESC, t.id DESC LIMIT 1),
  sample_size = (SELECT CASE WHEN t.decision = 'reject' THEN NULL ELSE CAST(t.value AS INTEGER) END FROM study_tags t WHERE t.pmid = studies.pmid AND t.kind = 'sample_size' ORDER BY t.source = 'curator' DESC, t.id DESC LIMIT 1);
