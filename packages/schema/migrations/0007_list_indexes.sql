-- Hand-fixed: drizzle-kit quotes expression indexes wrongly. The expression must match the list
-- query's ORDER BY exactly for SQLite to walk this index.
CREATE INDEX `studies_pub_sort_idx` ON `studies` (coalesce(`pub_date_sort`, ''));
--> statement-breakpoint
CREATE INDEX `studies_deleted_idx` ON `studies` (`deleted_at`);
