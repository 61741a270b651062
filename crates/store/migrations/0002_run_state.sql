-- The run clock of a workshop on the day (see cafehost_core::run): stored after every action,
-- so the time left is recomputed after a restart or a crash.
CREATE TABLE run_state (
    workshop_id     TEXT PRIMARY KEY NOT NULL REFERENCES workshop (id) ON DELETE CASCADE,
    step            INTEGER NOT NULL DEFAULT 0 CHECK (step >= 0),
    running_since   TEXT,
    elapsed_ms      INTEGER NOT NULL DEFAULT 0,
    extra_seconds   INTEGER NOT NULL DEFAULT 0,
    welcome_minutes INTEGER NOT NULL DEFAULT 10 CHECK (welcome_minutes BETWEEN 0 AND 600),
    harvest_minutes INTEGER NOT NULL DEFAULT 20 CHECK (harvest_minutes BETWEEN 0 AND 600)
) STRICT;
