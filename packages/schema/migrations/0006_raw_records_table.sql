-- Raw records move out of `studies` (see study_records in src/tables/studies.ts). Hand-checked:
-- copy first, then DROP COLUMN (no table rebuild, so the FTS triggers and foreign keys stay).
CREATE TABLE `study_records` (
	`pmid` integer PRIMARY KEY NOT NULL,
	`raw_record` text NOT NULL,
	`raw_format` text DEFAULT 'xml' NOT NULL,
	FOREIGN KEY (`pmid`) REFERENCES `studies`(`pmid`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
INSERT INTO `study_records` (`pmid`, `raw_record`, `raw_format`) SELECT `pmid`, `raw_record`, `raw_format` FROM `studies`;
--> statement-breakpoint
ALTER TABLE `studies` DROP COLUMN `raw_record`;
--> statement-breakpoint
ALTER TABLE `studies` DROP COLUMN `raw_format`;
