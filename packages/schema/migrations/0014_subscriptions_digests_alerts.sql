-- E-mail digests and failure alerts (issue #16): subscriptions (a saved studies filter or a claim),
-- digest_sends (one row per subscriber and period, written before the mail is handed over: ADR 0019),
-- digest_runs, and alert_state (one alert per failure streak of a scheduled job, one "recovered").
CREATE TABLE `alert_state` (
	`job_key` text PRIMARY KEY NOT NULL,
	`last_status` text NOT NULL,
	`failing_since` text,
	`alerted_run_id` text,
	`last_run_id` text,
	`last_reason` text,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `digest_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`started_at` text NOT NULL,
	`ended_at` text,
	`status` text NOT NULL,
	`pid` integer NOT NULL,
	`sent` integer DEFAULT 0 NOT NULL,
	`failed` integer DEFAULT 0 NOT NULL,
	`error` text
);
--> statement-breakpoint
CREATE TABLE `digest_sends` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`subscription_id` integer NOT NULL,
	`period_key` text NOT NULL,
	`status` text NOT NULL,
	`message_id` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`error` text,
	`study_count` integer NOT NULL,
	`pmids` text NOT NULL,
	`warnings` text NOT NULL,
	`watermark_to` text NOT NULL,
	`digest_run_id` integer,
	`created_at` text NOT NULL,
	`attempted_at` text,
	`sent_at` text,
	FOREIGN KEY (`subscription_id`) REFERENCES `subscriptions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`digest_run_id`) REFERENCES `digest_runs`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `digest_sends_period_uq` ON `digest_sends` (`subscription_id`,`period_key`);--> statement-breakpoint
CREATE INDEX `digest_sends_status_idx` ON `digest_sends` (`status`,`created_at`);--> statement-breakpoint
CREATE TABLE `subscriptions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`email` text NOT NULL,
	`language` text NOT NULL,
	`frequency` text NOT NULL,
	`filter` text,
	`claim_id` integer,
	`created_by` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`watermark` text NOT NULL,
	`last_digest_at` text,
	`unsubscribed_at` text,
	FOREIGN KEY (`claim_id`) REFERENCES `claims`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `subscriptions_email_idx` ON `subscriptions` (`email`);--> statement-breakpoint
CREATE INDEX `subscriptions_claim_idx` ON `subscriptions` (`claim_id`);