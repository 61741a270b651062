-- Pairs the moderator asks the planner to keep apart (never at one table) or together (at one
-- table in every round where both are there). One row per pair, the smaller id first (the rule is
-- cafehost_core::seating::ParticipantPair); deleting either person deletes the pair.
CREATE TABLE participant_pair (
    first_id  TEXT NOT NULL REFERENCES participant (id) ON DELETE CASCADE,
    second_id TEXT NOT NULL REFERENCES participant (id) ON DELETE CASCADE,
    kind      TEXT NOT NULL CHECK (kind IN ('apart', 'together')),
    PRIMARY KEY (first_id, second_id),
    CHECK (first_id < second_id)
) STRICT;
CREATE INDEX participant_pair_second ON participant_pair (second_id);
