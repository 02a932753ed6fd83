CREATE TABLE `authors` (
	`pmid` integer NOT NULL,
	`position` integer NOT NULL,
	`last_name` text,
	`fore_name` text,
	`initials` text,
	`suffix` text,
	`collective_name` text,
	`orcid` text,
	`affiliations` text DEFAULT '[]' NOT NULL,
	`investigator` integer DEFAULT false NOT NULL,
	`valid` integer DEFAULT true NOT NULL,
	FOREIGN KEY (`pmid`) REFERENCES `studies`(`pmid`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `authors_pmid_position_idx` ON `authors` (`pmid`,`position`);--> statement-breakpoint
CREATE TABLE `studies` (
	`pmid` integer PRIMARY KEY NOT NULL,
	`pmid_version` integer DEFAULT 1 NOT NULL,
	`kind` text DEFAULT 'article' NOT NULL,
	`title` text NOT NULL,
	`title_markup` text NOT NULL,
	`vernacular_title` text,
	`abstract` text,
	`abstract_markup` text,
	`abstract_sections` text DEFAULT '[]' NOT NULL,
	`other_abstracts` text DEFAULT '[]' NOT NULL,
	`copyright` text,
	`journal_title` text,
	`journal_iso` text,
	`issn` text,
	`issn_linking` text,
	`volume` text,
	`issue` text,
	`pages` text,
	`pub_year` integer,
	`pub_month` text,
	`pub_day` text,
	`pub_season` text,
	`pub_medline_date` text,
	`pub_date_sort` text,
	`electronic_date` text,
	`languages` text DEFAULT '[]' NOT NULL,
	`doi` text,
	`pmc_id` text,
	`article_ids` text DEFAULT '[]' NOT NULL,
	`publication_types` text DEFAULT '[]' NOT NULL,
	`mesh` text DEFAULT '[]' NOT NULL,
	`keywords` text DEFAULT '[]' NOT NULL,
	`comments_corrections` text DEFAULT '[]' NOT NULL,
	`is_retracted` integer DEFAULT false NOT NULL,
	`has_erratum` integer DEFAULT false NOT NULL,
	`has_concern` integer DEFAULT false NOT NULL,
	`keywords_text` text DEFAULT '' NOT NULL,
	`mesh_text` text DEFAULT '' NOT NULL,
	`authors_short` text,
	`date_completed` text,
	`date_revised` text,
	`raw_record` text NOT NULL,
	`raw_format` text DEFAULT 'xml' NOT NULL,
	`content_hash` text NOT NULL,
	`origin` text DEFAULT 'search' NOT NULL,
	`deleted_at` text,
	`first_seen_at` text NOT NULL,
	`first_seen_run_id` integer,
	`last_updated_at` text NOT NULL,
	`tagged_ruleset_version` text
);
--> statement-breakpoint
CREATE INDEX `studies_pub_date_idx` ON `studies` (`pub_date_sort`);--> statement-breakpoint
CREATE INDEX `studies_first_seen_idx` ON `studies` (`first_seen_at`);--> statement-breakpoint
CREATE INDEX `studies_journal_idx` ON `studies` (`journal_title`);--> statement-breakpoint
CREATE INDEX `studies_year_idx` ON `studies` (`pub_year`);--> statement-breakpoint
CREATE TABLE `study_changes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`pmid` integer NOT NULL,
	`run_id` integer,
	`changed_fields` text NOT NULL,
	`changed_at` text NOT NULL,
	FOREIGN KEY (`pmid`) REFERENCES `studies`(`pmid`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `study_changes_pmid_idx` ON `study_changes` (`pmid`);--> statement-breakpoint
CREATE INDEX `study_changes_run_idx` ON `study_changes` (`run_id`);--> statement-breakpoint
CREATE TABLE `study_topics` (
	`pmid` integer NOT NULL,
	`topic_id` text NOT NULL,
	`found_by` text NOT NULL,
	`run_id` integer,
	`first_found_at` text NOT NULL,
	PRIMARY KEY(`pmid`, `topic_id`),
	FOREIGN KEY (`pmid`) REFERENCES `studies`(`pmid`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`topic_id`) REFERENCES `topics`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `study_topics_topic_idx` ON `study_topics` (`topic_id`,`pmid`);--> statement-breakpoint
CREATE TABLE `topics` (
	`id` text PRIMARY KEY NOT NULL,
	`label` text NOT NULL,
	`description` text NOT NULL,
	`query` text NOT NULL,
	`synonyms` text NOT NULL,
	`mesh` text NOT NULL,
	`last_window_end` text,
	`last_run_id` integer,
	`last_run_at` text,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `study_tags` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`pmid` integer NOT NULL,
	`kind` text NOT NULL,
	`value` text NOT NULL,
	`parameter` text,
	`unit` text,
	`numeric_value` real,
	`source` text NOT NULL,
	`decision` text DEFAULT 'assert' NOT NULL,
	`rule_id` text,
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
CREATE INDEX `study_tags_pmid_idx` ON `study_tags` (`pmid`,`kind`);--> statement-breakpoint
CREATE INDEX `study_tags_kind_value_idx` ON `study_tags` (`kind`,`value`,`pmid`);--> statement-breakpoint
CREATE TABLE `ingestion_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text DEFAULT 'search' NOT NULL,
	`topic_id` text,
	`query` text,
	`window_from` text,
	`window_to` text,
	`started_at` text NOT NULL,
	`ended_at` text,
	`duration_ms` integer,
	`status` text NOT NULL,
	`found` integer DEFAULT 0 NOT NULL,
	`new_count` integer DEFAULT 0 NOT NULL,
	`updated` integer DEFAULT 0 NOT NULL,
	`unchanged` integer DEFAULT 0 NOT NULL,
	`failed` integer DEFAULT 0 NOT NULL,
	`deleted` integer DEFAULT 0 NOT NULL,
	`requests` integer DEFAULT 0 NOT NULL,
	`retries` integer DEFAULT 0 NOT NULL,
	`error` text,
	`notes` text DEFAULT '[]' NOT NULL
);
--> statement-breakpoint
CREATE INDEX `ingestion_runs_topic_idx` ON `ingestion_runs` (`topic_id`,`started_at`);--> statement-breakpoint
CREATE TABLE `study_curation` (
	`pmid` integer PRIMARY KEY NOT NULL,
	`reviewed` integer DEFAULT false NOT NULL,
	`inclusion` text,
	`updated_by` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`pmid`) REFERENCES `studies`(`pmid`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `study_notes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`pmid` integer NOT NULL,
	`body` text NOT NULL,
	`author` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`pmid`) REFERENCES `studies`(`pmid`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `study_notes_pmid_idx` ON `study_notes` (`pmid`);