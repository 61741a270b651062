-- Capture by phone: where a note or photo came from ('app': typed or added in the window; 'phone':
-- sent by a table host's phone), so the notes tab can mark what arrived from the tables.
ALTER TABLE note ADD COLUMN source TEXT NOT NULL DEFAULT 'app' CHECK (source IN ('app', 'phone'));
ALTER TABLE attachment ADD COLUMN source TEXT NOT NULL DEFAULT 'app' CHECK (source IN ('app', 'phone'));

-- Each table's access code for the phone page: random (144 bits), printed as a QR code, valid for
-- that table of that workshop only, replaced when renewed. It is a secret of this laptop and does
-- not travel in bundles.
CREATE TABLE table_access (
    table_id   TEXT PRIMARY KEY NOT NULL REFERENCES cafe_table (id) ON DELETE CASCADE,
    code       TEXT NOT NULL UNIQUE CHECK (length(code) = 24),
    created_at TEXT NOT NULL
) STRICT;
