-- Statement numbers per field of action, photos as sources, and the photos' document copies.
--
-- A statement's own number is now counted per level within its scope (process, or workshop of no
-- process) *and* its field of action, so documents can label it "Z 2.1", "M 2.1.3", "S 2.1"
-- (cafehost_core::consolidation::StatementLabels builds the label; the number stays the rule of
-- consolidation::next_number). The statements already there are numbered once more, in the order
-- they were made, per scope, field and level.
DROP INDEX statement_number;

UPDATE statement SET number = (
    SELECT count(*) FROM statement o
    WHERE coalesce(o.process_id, o.workshop_id) IS coalesce(statement.process_id, statement.workshop_id)
      AND o.field_id IS statement.field_id
      AND o.level = statement.level
      AND (o.created_at < statement.created_at OR (o.created_at = statement.created_at AND o.id <= statement.id))
);

-- One number per scope, field and level. Statements without a field are kept unique by the
-- core's rule alone: SQL counts every NULL as different, which also lets a field (or the whole
-- workshop or process) be deleted without its statements clashing for a moment on the way to no
-- field; the app gives them numbers without a field first (consolidation::numbers_on_field).
CREATE UNIQUE INDEX statement_number ON statement (coalesce(process_id, workshop_id), field_id, level, number);

-- Photos a statement traces to (a tablecloth, a flipchart), beside the notes in statement_source.
-- Either side deleted, the row goes.
CREATE TABLE statement_source_photo (
    statement_id  TEXT NOT NULL REFERENCES statement (id) ON DELETE CASCADE,
    attachment_id TEXT NOT NULL REFERENCES attachment (id) ON DELETE CASCADE,
    PRIMARY KEY (statement_id, attachment_id)
) STRICT;
CREATE INDEX statement_source_photo_attachment ON statement_source_photo (attachment_id);

-- The copy of each photo that documents embed (upright by its EXIF orientation, shrunk, a JPEG
-- without metadata: cafehost_export::Photo::document_copy), made once when the photo is added (or
-- at its first document) instead of decoding a phone's 12-megapixel original for every document.
-- Only a cache: `rules` names the rules it was made by (a copy of other rules is made again), the
-- photo's own rotation is applied when a document is made, bundles do not carry it, and empty
-- bytes mean the photo could not be decoded (documents show its caption).
CREATE TABLE attachment_copy (
    attachment_id TEXT PRIMARY KEY NOT NULL REFERENCES attachment (id) ON DELETE CASCADE,
    rules         INTEGER NOT NULL,
    media_type    TEXT NOT NULL,
    bytes         BLOB NOT NULL
) STRICT;
