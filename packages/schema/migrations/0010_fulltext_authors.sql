-- Authors become searchable (`Smolen JS[au]`): a flattened authors_text column, written by the
-- ingest as keywords_text is, and a fifth column of the full-text index. The index keeps its design
-- (external content on `studies`, triggers, porter unicode61 remove_diacritics 2) and is rebuilt.
ALTER TABLE `studies` ADD `authors_text` text DEFAULT '' NOT NULL;
--> statement-breakpoint
DROP TRIGGER `studies_fts_after_insert`;
--> statement-breakpoint
DROP TRIGGER `studies_fts_after_delete`;
--> statement-breakpoint
DROP TRIGGER `studies_fts_after_update`;
--> statement-breakpoint
DROP TABLE `studies_fts`;
--> statement-breakpoint
-- Backfill by authorSearchText's rule (packages/schema/src/author-text.ts): "Last F Initials", or a
-- collective's name, in record order, '; ' between. Run before the index exists, so no trigger fires.
UPDATE `studies` SET `authors_text` = coalesce((
  SELECT group_concat(t, '; ') FROM (
    SELECT CASE
      WHEN a.collective_name IS NOT NULL THEN a.collective_name
      ELSE trim(a.last_name)
        || CASE WHEN length(trim(coalesce(a.initials, ''))) > 1 THEN ' ' || substr(trim(a.initials), 1, 1) ELSE '' END
        || CASE WHEN trim(coalesce(a.initials, '')) <> '' THEN ' ' || trim(a.initials) ELSE '' END
    END AS t
    FROM authors a
    WHERE a.pmid = studies.pmid AND (a.collective_name IS NOT NULL OR coalesce(trim(a.last_name), '') <> '')
    ORDER BY a.position
  )
), '')
WHERE EXISTS (SELECT 1 FROM authors a WHERE a.pmid = studies.pmid);
--> statement-breakpoint
CREATE VIRTUAL TABLE `studies_fts` USING fts5(
  title, abstract, keywords_text, mesh_text, authors_text,
  content='studies', content_rowid='pmid',
  tokenize='porter unicode61 remove_diacritics 2'
);
--> statement-breakpoint
CREATE TRIGGER `studies_fts_after_insert` AFTER INSERT ON `studies` BEGIN
  INSERT INTO studies_fts(rowid, title, abstract, keywords_text, mesh_text, authors_text)
  VALUES (new.pmid, new.title, coalesce(new.abstract, ''), new.keywords_text, new.mesh_text, new.authors_text);
END;
--> statement-breakpoint
CREATE TRIGGER `studies_fts_after_delete` AFTER DELETE ON `studies` BEGIN
  INSERT INTO studies_fts(studies_fts, rowid, title, abstract, keywords_text, mesh_text, authors_text)
  VALUES ('delete', old.pmid, old.title, coalesce(old.abstract, ''), old.keywords_text, old.mesh_text, old.authors_text);
END;
--> statement-breakpoint
CREATE TRIGGER `studies_fts_after_update` AFTER UPDATE OF title, abstract, keywords_text, mesh_text, authors_text ON `studies` BEGIN
  INSERT INTO studies_fts(studies_fts, rowid, title, abstract, keywords_text, mesh_text, authors_text)
  VALUES ('delete', old.pmid, old.title, coalesce(old.abstract, ''), old.keywords_text, old.mesh_text, old.authors_text);
  INSERT INTO studies_fts(rowid, title, abstract, keywords_text, mesh_text, authors_text)
  VALUES (new.pmid, new.title, coalesce(new.abstract, ''), new.keywords_text, new.mesh_text, new.authors_text);
END;
--> statement-breakpoint
INSERT INTO studies_fts(studies_fts) VALUES ('rebuild');
