-- Documents a county can send as they are: the roles and end of a workshop, a process's guiding
-- vision, its fields of action as an ordered list, and how each statement is put into practice.

ALTER TABLE process ADD COLUMN vision TEXT NOT NULL DEFAULT '';

ALTER TABLE workshop ADD COLUMN end_time TEXT;
ALTER TABLE workshop ADD COLUMN organiser TEXT NOT NULL DEFAULT '';
ALTER TABLE workshop ADD COLUMN moderation TEXT NOT NULL DEFAULT '';
ALTER TABLE workshop ADD COLUMN minute_taker TEXT NOT NULL DEFAULT '';
ALTER TABLE workshop ADD COLUMN distribution TEXT NOT NULL DEFAULT '';

-- The fields of action of a process (or of a workshop of no process, like its statements), in
-- the order the concept draft follows. Names are unique per list with their spelling folded,
-- which SQL cannot fold: cafehost_core::fields keeps that rule.
CREATE TABLE field_of_action (
    id          TEXT PRIMARY KEY NOT NULL,
    process_id  TEXT REFERENCES process (id) ON DELETE CASCADE,
    workshop_id TEXT REFERENCES workshop (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL CHECK (position >= 0),
    name        TEXT NOT NULL,
    CHECK ((process_id IS NULL) <> (workshop_id IS NULL))
) STRICT;
CREATE INDEX field_of_action_scope ON field_of_action (coalesce(process_id, workshop_id), position);

ALTER TABLE workshop ADD COLUMN field_id TEXT REFERENCES field_of_action (id) ON DELETE SET NULL;
ALTER TABLE statement ADD COLUMN field_id TEXT REFERENCES field_of_action (id) ON DELETE SET NULL;

-- What the Maßnahmenplan shows of a statement, and the decision that adopted it.
ALTER TABLE statement ADD COLUMN start_date TEXT;
ALTER TABLE statement ADD COLUMN end_date TEXT;
ALTER TABLE statement ADD COLUMN indicator TEXT NOT NULL DEFAULT '';
ALTER TABLE statement ADD COLUMN baseline TEXT NOT NULL DEFAULT '';
ALTER TABLE statement ADD COLUMN target TEXT NOT NULL DEFAULT '';
ALTER TABLE statement ADD COLUMN resources TEXT NOT NULL DEFAULT '';
ALTER TABLE statement ADD COLUMN decision_body TEXT NOT NULL DEFAULT '';
ALTER TABLE statement ADD COLUMN decision_date TEXT;
ALTER TABLE statement ADD COLUMN decision_reference TEXT NOT NULL DEFAULT '';

-- The fields typed so far become each scope's list, in the order they first appeared (the
-- oldest statement naming them first), spelled as then; spellings differing only in the case of
-- ASCII letters are one field. Ids are random UUIDs (version 4), as everywhere.
INSERT INTO field_of_action (id, process_id, workshop_id, position, name)
SELECT lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-'
             || substr('89ab', 1 + abs(random()) % 4, 1) || substr(hex(randomblob(2)), 2) || '-'
             || hex(randomblob(6))),
       process_id, CASE WHEN process_id IS NULL THEN workshop_id END,
       row_number() OVER (PARTITION BY coalesce(process_id, workshop_id) ORDER BY first_made, first_id) - 1,
       name
FROM (SELECT min(created_at || ' ' || id) AS first, created_at AS first_made, id AS first_id, process_id,
             workshop_id, trim(field_of_action) AS name
      FROM statement
      WHERE trim(field_of_action) <> '' AND coalesce(process_id, workshop_id) IS NOT NULL
      GROUP BY coalesce(process_id, workshop_id), trim(field_of_action) COLLATE NOCASE);

UPDATE statement SET field_id = (
    SELECT f.id FROM field_of_action f
    WHERE coalesce(f.process_id, f.workshop_id) = coalesce(statement.process_id, statement.workshop_id)
      AND f.name = trim(statement.field_of_action) COLLATE NOCASE
);

-- The list is the one place a field's name is kept: renaming it renames it for every statement.
ALTER TABLE statement DROP COLUMN field_of_action;
