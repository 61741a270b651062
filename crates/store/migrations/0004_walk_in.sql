-- Walk-ins: people added at check-in on the day without being registered. Marked, so the minutes
-- count them apart from the registered people; everyone already on a list was registered.
ALTER TABLE participant ADD COLUMN walk_in INTEGER NOT NULL DEFAULT 0 CHECK (walk_in IN (0, 1));
