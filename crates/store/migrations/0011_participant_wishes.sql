-- Topic wishes of a participant, first choice first: a JSON array of at most three strings, each a
-- topic's title or a table's number as typed or imported (cafehost_core::topics resolves them when
-- a plan is made, so a renamed or removed table leaves the wish readable rather than dangling).
ALTER TABLE participant ADD COLUMN wishes TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(wishes));
