-- Full-text search over notes (text and tags). unicode61 with remove_diacritics folds case and
-- accents, so "ubergang" finds "Übergang"; the note table stays the one copy of the text.
CREATE VIRTUAL TABLE note_search USING fts5(
    text, tags, content = 'note', content_rowid = 'rowid', tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER note_search_insert AFTER INSERT ON note BEGIN
    INSERT INTO note_search (rowid, text, tags) VALUES (new.rowid, new.text, new.tags);
END;
CREATE TRIGGER note_search_delete AFTER DELETE ON note BEGIN
    INSERT INTO note_search (note_search, rowid, text, tags) VALUES ('delete', old.rowid, old.text, old.tags);
END;
CREATE TRIGGER note_search_update AFTER UPDATE ON note BEGIN
    INSERT INTO note_search (note_search, rowid, text, tags) VALUES ('delete', old.rowid, old.text, old.tags);
    INSERT INTO note_search (rowid, text, tags) VALUES (new.rowid, new.text, new.tags);
END;
INSERT INTO note_search (note_search) VALUES ('rebuild');
CREATE INDEX statement_scope ON statement (process_id, workshop_id);
