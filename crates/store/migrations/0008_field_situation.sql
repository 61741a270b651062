-- Each field of action's starting situation ("Ausgangslage"): the concept draft opens the
-- field's chapter with it. Typed by staff, or drafted from the first round's notes of the
-- field's workshops (cafehost_core::fields::situation_draft) and then edited.

ALTER TABLE field_of_action ADD COLUMN situation TEXT NOT NULL DEFAULT '';
