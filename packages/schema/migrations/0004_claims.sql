CREATE TABLE `claim_pins` (
	`claim_id` integer NOT NULL,
	`pmid` integer NOT NULL,
	`stance` text NOT NULL,
	`note` text,
	`pinned_by` text NOT NULL,
	`pinned_at` text NOT NULL,
	PRIMARY KEY(`claim_id`, `pmid`),
	FOREIGN KEY (`claim_id`) REFERENCES `claims`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`pmid`) REFERENCES `studies`(`pmid`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `claim_pins_pmid_idx` ON `claim_pins` (`pmid`);--> statement-breakpoint
CREATE TABLE `claims` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`statement` text NOT NULL,
	`language` text NOT NULL,
	`translations` text DEFAULT '[]' NOT NULL,
	`topics` text NOT NULL,
	`outcomes` text NOT NULL,
	`keywords` text DEFAULT '[]' NOT NULL,
	`owner` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`last_reviewed_at` text,
	`last_reviewed_by` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL
);
--> statement-breakpoint
-- Starter claims the practice publishes (Dutch, with English): editable rows like any other.
INSERT INTO claims (statement, language, translations, topics, outcomes, keywords, owner, status, created_at, updated_at, updated_by) VALUES
('Niet-invasieve stimulatie van de nervus vagus kan de stemming, de darmfunctie en ontstekingen verbeteren.', 'nl',
 '[{"language":"en","statement":"Non-invasive vagus nerve stimulation can improve mood, gut function and inflammation."}]',
 '["tvns"]', '["depression","gut","inflammation"]', '[]', 'practice', 'published', '2026-11-24T00:00:00.000Z', '2026-11-24T00:00:00.000Z', 'starter'),
('Ademwerk, EMDR en EFT beïnvloeden de hartslagvariabiliteit, angst en de immuunbalans.', 'nl',
 '[{"language":"en","statement":"Breathwork, EMDR and EFT affect heart-rate variability, anxiety and immune balance."}]',
 '["breathwork","emdr","eft"]', '["hrv","anxiety","inflammation"]', '[]', 'practice', 'published', '2026-11-24T00:00:00.000Z', '2026-11-24T00:00:00.000Z', 'starter'),
('Ervaren veiligheid beïnvloedt de HPA-as en het immuunsysteem.', 'nl',
 '[{"language":"en","statement":"Felt safety influences the HPA axis and the immune system."}]',
 '["tvns","breathwork","emdr","eft"]', '["stress","inflammation"]', '[]', 'practice', 'published', '2026-11-24T00:00:00.000Z', '2026-11-24T00:00:00.000Z', 'starter'),
('Polyvagaal georiënteerde interventies helpen bij PDS, long covid en functionele buikklachten.', 'nl',
 '[{"language":"en","statement":"Polyvagal-oriented interventions help in IBS, long COVID and functional abdominal complaints."}]',
 '["tvns","breathwork","emdr","eft","long_covid"]', '["gut","fatigue","quality_of_life"]', '[]', 'practice', 'published', '2026-11-24T00:00:00.000Z', '2026-11-24T00:00:00.000Z', 'starter');
