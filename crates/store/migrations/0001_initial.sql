-- The whole product's model from the start: planning, running, capture and harvest.
-- Ids are UUID text so that workshops from two laptops can be merged; times are RFC 3339 UTC.

CREATE TABLE process (
    id          TEXT PRIMARY KEY NOT NULL,
    title       TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX process_title ON process (title COLLATE NOCASE);

CREATE TABLE workshop (
    id          TEXT PRIMARY KEY NOT NULL,
    process_id  TEXT REFERENCES process (id) ON DELETE SET NULL,
    title       TEXT NOT NULL,
    date        TEXT,
    start_time  TEXT,
    place       TEXT NOT NULL DEFAULT '',
    purpose     TEXT NOT NULL DEFAULT '',
    language    TEXT NOT NULL DEFAULT 'de' CHECK (language IN ('de', 'en')),
    travel_mode TEXT NOT NULL DEFAULT 'free' CHECK (travel_mode IN ('free', 'topic-tour', 'any')),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;
CREATE INDEX workshop_process ON workshop (process_id);

CREATE TABLE round (
    id                  TEXT PRIMARY KEY NOT NULL,
    workshop_id         TEXT NOT NULL REFERENCES workshop (id) ON DELETE CASCADE,
    position            INTEGER NOT NULL CHECK (position >= 0),
    duration_minutes    INTEGER NOT NULL CHECK (duration_minutes > 0),
    break_after_minutes INTEGER NOT NULL DEFAULT 0 CHECK (break_after_minutes >= 0),
    question            TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX round_workshop ON round (workshop_id, position);

CREATE TABLE participant (
    id           TEXT PRIMARY KEY NOT NULL,
    workshop_id  TEXT NOT NULL REFERENCES workshop (id) ON DELETE CASCADE,
    first_name   TEXT NOT NULL DEFAULT '',
    last_name    TEXT NOT NULL DEFAULT '',
    organisation TEXT NOT NULL DEFAULT '',
    group_name   TEXT NOT NULL DEFAULT '',
    role         TEXT NOT NULL DEFAULT '',
    email        TEXT NOT NULL DEFAULT '',
    attributes   TEXT NOT NULL DEFAULT '{}', -- JSON object of free columns
    attendance   TEXT NOT NULL DEFAULT 'expected' CHECK (attendance IN ('expected', 'present', 'absent', 'left')),
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
) STRICT;
CREATE INDEX participant_workshop ON participant (workshop_id, last_name, first_name);

CREATE TABLE cafe_table (
    id          TEXT PRIMARY KEY NOT NULL,
    workshop_id TEXT NOT NULL REFERENCES workshop (id) ON DELETE CASCADE,
    number      INTEGER NOT NULL CHECK (number > 0),
    topic       TEXT NOT NULL DEFAULT '',
    capacity    INTEGER NOT NULL CHECK (capacity > 0),
    host_id     TEXT REFERENCES participant (id) ON DELETE SET NULL,
    UNIQUE (workshop_id, number)
) STRICT;

CREATE TABLE table_question (
    table_id TEXT NOT NULL REFERENCES cafe_table (id) ON DELETE CASCADE,
    round_id TEXT NOT NULL REFERENCES round (id) ON DELETE CASCADE,
    text     TEXT NOT NULL,
    PRIMARY KEY (table_id, round_id)
) STRICT;

CREATE TABLE seat (
    round_id       TEXT NOT NULL REFERENCES round (id) ON DELETE CASCADE,
    participant_id TEXT NOT NULL REFERENCES participant (id) ON DELETE CASCADE,
    table_id       TEXT NOT NULL REFERENCES cafe_table (id) ON DELETE CASCADE,
    pinned         INTEGER NOT NULL DEFAULT 0 CHECK (pinned IN (0, 1)),
    PRIMARY KEY (round_id, participant_id)
) STRICT;

CREATE TABLE note (
    id          TEXT PRIMARY KEY NOT NULL,
    workshop_id TEXT NOT NULL REFERENCES workshop (id) ON DELETE CASCADE,
    table_id    TEXT REFERENCES cafe_table (id) ON DELETE SET NULL,
    round_id    TEXT REFERENCES round (id) ON DELETE SET NULL,
    kind        TEXT NOT NULL DEFAULT 'note' CHECK (kind IN ('note', 'table_summary', 'workshop_summary')),
    text        TEXT NOT NULL DEFAULT '',
    tags        TEXT NOT NULL DEFAULT '[]', -- JSON array of strings
    author      TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;
CREATE INDEX note_place ON note (workshop_id, table_id, round_id);

-- Photos live in the database so that one file (and a backup or bundle of it) carries everything.
CREATE TABLE attachment (
    id               TEXT PRIMARY KEY NOT NULL,
    workshop_id      TEXT NOT NULL REFERENCES workshop (id) ON DELETE CASCADE,
    table_id         TEXT REFERENCES cafe_table (id) ON DELETE SET NULL,
    round_id         TEXT REFERENCES round (id) ON DELETE SET NULL,
    file_name        TEXT NOT NULL,
    media_type       TEXT NOT NULL CHECK (media_type IN ('image/jpeg', 'image/png')),
    bytes            BLOB NOT NULL,
    rotation_degrees INTEGER NOT NULL DEFAULT 0 CHECK (rotation_degrees IN (0, 90, 180, 270)),
    created_at       TEXT NOT NULL
) STRICT;
CREATE INDEX attachment_place ON attachment (workshop_id, table_id, round_id);

CREATE TABLE statement (
    id              TEXT PRIMARY KEY NOT NULL,
    process_id      TEXT REFERENCES process (id) ON DELETE CASCADE,
    workshop_id     TEXT REFERENCES workshop (id) ON DELETE CASCADE,
    level           TEXT NOT NULL CHECK (level IN ('goal', 'measure', 'steering')),
    text            TEXT NOT NULL,
    field_of_action TEXT NOT NULL DEFAULT '',
    votes           INTEGER NOT NULL DEFAULT 0 CHECK (votes >= 0),
    owner           TEXT NOT NULL DEFAULT '',
    time_frame      TEXT NOT NULL DEFAULT '',
    status          TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'agreed', 'adopted')),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
) STRICT;

CREATE TABLE statement_source (
    statement_id TEXT NOT NULL REFERENCES statement (id) ON DELETE CASCADE,
    note_id      TEXT NOT NULL REFERENCES note (id) ON DELETE CASCADE,
    PRIMARY KEY (statement_id, note_id)
) STRICT;

CREATE TABLE statement_link (
    from_id TEXT NOT NULL REFERENCES statement (id) ON DELETE CASCADE,
    to_id   TEXT NOT NULL REFERENCES statement (id) ON DELETE CASCADE,
    PRIMARY KEY (from_id, to_id),
    CHECK (from_id <> to_id)
) STRICT;

-- Preferences of this installation (e.g. the UI language), so they live with the data.
CREATE TABLE setting (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
) STRICT;
