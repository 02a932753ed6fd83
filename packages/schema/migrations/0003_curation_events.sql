CREATE TABLE `curation_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`pmid` integer NOT NULL,
	`actor` text NOT NULL,
	`action` text NOT NULL,
	`payload` text NOT NULL,
	`at` text NOT NULL,
	FOREIGN KEY (`pmid`) REFERENCES `studies`(`pmid`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `curation_events_pmid_idx` ON `curation_events` (`pmid`,`id`);