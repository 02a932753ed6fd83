-- Dutch topic labels and descriptions (topics.json label_nl / description_nl, issue #15); null: the
-- dashboard shows the English. The next ingestion's topic sync fills them from topics.json.
ALTER TABLE `topics` ADD `label_nl` text;--> statement-breakpoint
ALTER TABLE `topics` ADD `description_nl` text;