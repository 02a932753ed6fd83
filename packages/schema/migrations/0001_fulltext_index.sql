-- Full-text index over title, abstract, keywords and MeSH, kept in sync by the database itself
-- (external-content FTS5 table + triggers), so no application code path can forget to update it.
CREATE VIRTUAL TABLE `studies_fts` USING fts5(
  title, abstract, keywords_text, mesh_text,
  content='studies', content_rowid='pmid',
  tokenize='porter unicode61 remove_diacritics 2'
);
--> statement-breakpoint
CREATE TRIGGER `studies_fts_after_insert` AFTER INSERT ON `studies` BEGIN
  INSERT INTO studies_fts(rowid, title, abstract, keywords_text, mesh_text)
  VALUES (new.pmid, new.title, coalesce(new.abstract, ''), new.keywords_text, new.mesh_text);
END;
--> statement-breakpoint
CREATE TRIGGER `studies_fts_after_delete` AFTER DELETE ON `studies` BEGIN
  INSERT INTO studies_fts(studies_fts, rowid, title, abstract, keywords_text, mesh_text)
  VALUES ('delete', old.pmid, old.title, coalesce(old.abstract, ''), old.keywords_text, old.mesh_text);
END;
--> statement-breakpoint
CREATE TRIGGER `studies_fts_after_update` AFTER UPDATE OF title, abstract, keywords_text, mesh_text ON `studies` BEGIN
  INSERT INTO studies_fts(studies_fts, rowid, title, abstract, keywords_text, mesh_text)
  VALUES ('delete', old.pmid, old.title, coalesce(old.abstract, ''), old.keywords_text, old.mesh_text);
  INSERT INTO studies_fts(rowid, title, abstract, keywords_text, mesh_text)
  VALUES (new.pmid, new.title, coalesce(new.abstract, ''), new.keywords_text, new.mesh_text);
END;
--> statement-breakpoint
-- Index the rows that existed before this migration.
INSERT INTO studies_fts(studies_fts) VALUES ('rebuild');
