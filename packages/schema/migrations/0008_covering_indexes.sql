DROP INDEX `studies_journal_idx`;--> statement-breakpoint
DROP INDEX `studies_year_idx`;--> statement-breakpoint
CREATE INDEX `studies_summary_idx` ON `studies` (`deleted_at`,`design`,`pub_year`,`pub_date_sort`,`is_retracted`,`first_seen_at`,`journal_title`,`languages`);--> statement-breakpoint
CREATE INDEX `studies_journal_idx` ON `studies` (`journal_title`,`deleted_at`);--> statement-breakpoint
CREATE INDEX `studies_year_idx` ON `studies` (`pub_year`,`deleted_at`);--> statement-breakpoint
DROP INDEX `study_tags_pmid_idx`;--> statement-breakpoint
DROP INDEX `study_tags_kind_value_idx`;--> statement-breakpoint
CREATE INDEX `study_tags_pmid_idx` ON `study_tags` (`pmid`,`kind`,`value`,`source`,`decision`);--> statement-breakpoint
CREATE INDEX `study_tags_kind_value_idx` ON `study_tags` (`kind`,`value`,`pmid`,`source`,`decision`);--> statement-breakpoint
-- Fresh statistics so the planner picks the new covering indexes on an upgraded database.
ANALYZE;
