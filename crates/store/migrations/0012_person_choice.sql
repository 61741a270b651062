-- Which entries of a process's participant lists are one person, where staff decided by hand
-- (cafehost_core::participation): entries sharing a person_id are one person, and an entry with a
-- row here is never matched by e-mail address or name again. Deleting the entry deletes its row.
CREATE TABLE person_choice (
    participant_id TEXT PRIMARY KEY REFERENCES participant (id) ON DELETE CASCADE,
    person_id      TEXT NOT NULL
) STRICT;
CREATE INDEX person_choice_person ON person_choice (person_id);
