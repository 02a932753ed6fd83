-- Findings (direction per outcome) and quality signals (randomised, blinded, sham, active comparator,
-- registered) and registrations, stored when a study is tagged instead of recomputed per request
-- (issue #14). Rule rows and curator rows side by side, as in study_tags: re-tagging replaces rule
-- rows only. This migration fills nothing: it marks every tagged study as tagged by an older rule set,
-- so the next `pnpm retag` (without --all) tags them all and writes their findings and signals.
CREATE TABLE `study_findings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`pmid` integer NOT NULL,
	`outcome` text NOT NULL,
	`source` text NOT NULL,
	`direction` text NOT NULL,
	`comparison` text,
	`ruleset_version` text,
	`evidence_field` text,
	`evidence_sentence` text,
	`evidence_start` integer,
	`evidence_end` integer,
	`curator` text,
	`note` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`pmid`) REFERENCES `studies`(`pmid`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `study_findings_pmid_outcome_uq` ON `study_findings` (`pmid`,`outcome`,`source`);--> statement-breakpoint
CREATE INDEX `study_findings_direction_idx` ON `study_findings` (`direction`,`outcome`,`pmid`,`source`);--> statement-breakpoint
CREATE TABLE `study_quality` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`pmid` integer NOT NULL,
	`signal` text NOT NULL,
	`source` text NOT NULL,
	`value` integer NOT NULL,
	`detail` text,
	`ruleset_version` text,
	`evidence_field` text,
	`evidence_sentence` text,
	`evidence_start` integer,
	`evidence_end` integer,
	`curator` text,
	`note` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`pmid`) REFERENCES `studies`(`pmid`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `study_quality_pmid_signal_uq` ON `study_quality` (`pmid`,`signal`,`source`);--> statement-breakpoint
CREATE INDEX `study_quality_signal_idx` ON `study_quality` (`signal`,`value`,`pmid`,`source`);--> statement-breakpoint
CREATE TABLE `study_registrations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`pmid` integer NOT NULL,
	`registry` text NOT NULL,
	`registration_id` text NOT NULL,
	`url` text NOT NULL,
	`source` text NOT NULL,
	`evidence_field` text,
	`evidence_sentence` text,
	`evidence_start` integer,
	`evidence_end` integer,
	FOREIGN KEY (`pmid`) REFERENCES `studies`(`pmid`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `study_registrations_pmid_idx` ON `study_registrations` (`pmid`);
--> statement-breakpoint
-- The finding in effect per study and outcome: a curator's wins; only for outcomes in effect.
CREATE VIEW `effective_findings` AS
  SELECT f.pmid, f.outcome, f.direction, f.comparison, f.source FROM study_findings f
  WHERE (f.source = 'curator' OR NOT EXISTS (SELECT 1 FROM study_findings c WHERE c.pmid = f.pmid AND c.outcome = f.outcome AND c.source = 'curator'))
    AND EXISTS (SELECT 1 FROM effective_outcomes e WHERE e.pmid = f.pmid AND e.outcome = f.outcome);
--> statement-breakpoint
-- The quality signal in effect per study: a curator's row wins; no row at all means false.
CREATE VIEW `effective_quality` AS
  SELECT q.pmid, q.signal, q.value, q.source FROM study_quality q
  WHERE q.source = 'curator' OR NOT EXISTS (SELECT 1 FROM study_quality c WHERE c.pmid = q.pmid AND c.signal = q.signal AND c.source = 'curator');
--> statement-breakpoint
-- Stale on purpose (see the header): `pnpm retag` re-tags studies whose version differs from the current one.
UPDATE studies SET tagged_ruleset_version = tagged_ruleset_version || '+before-findings' WHERE tagged_ruleset_version IS NOT NULL;