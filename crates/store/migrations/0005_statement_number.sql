-- Statement numbers ("Z3"): given when a statement is made, per level within its scope (its
-- process, or its workshop when it belongs to none), and kept through votes and edits, so every
-- document and screen shows the same number (the rule is cafehost_core::consolidation). The
-- statements already there are numbered in the order they were made.
ALTER TABLE statement ADD COLUMN number INTEGER NOT NULL DEFAULT 0 CHECK (number >= 0);

UPDATE statement SET number = (
    SELECT count(*) FROM statement o
    WHERE coalesce(o.process_id, o.workshop_id) IS coalesce(statement.process_id, statement.workshop_id)
      AND o.level = statement.level
      AND (o.created_at < statement.created_at OR (o.created_at = statement.created_at AND o.id <= statement.id))
);

-- One number per level and scope.
CREATE UNIQUE INDEX statement_number ON statement (coalesce(process_id, workshop_id), level, number);
