#![allow(clippy::unwrap_used)]
//! Properties of the pure rules that must hold for any input, not just the examples.

use std::collections::BTreeMap;

use cafehost_core::import::{guess_mapping, preview, read_sheet, write_participants};
use cafehost_core::text::{clean_line, clean_text, match_key, spreadsheet_safe};
use cafehost_core::{Language, ParticipantInput};
use proptest::prelude::*;

fn name() -> impl Strategy<Value = String> {
    // Letters people really have, separators that break naive CSV, and formula starters.
    proptest::string::string_regex("[=+@-]?[A-Za-zÄÖÜäöüßŞşŁłÇçéñ ;,\"'.]{0,24}").unwrap()
}

/// Up to three distinct topic titles as people type them, commas and quotes included
/// (semicolons separate wishes).
fn wishes() -> impl Strategy<Value = Vec<String>> {
    proptest::collection::vec(proptest::string::string_regex("[A-Za-zÄÖÜäöüß ,\"'.–-]{0,20}").unwrap(), 0..4).prop_map(
        |typed| {
            let mut keys = std::collections::HashSet::new();
            typed.into_iter().filter(|w| keys.insert(match_key(w))).take(3).collect()
        },
    )
}

fn participant() -> impl Strategy<Value = ParticipantInput> {
    (name(), name(), name(), name(), proptest::option::of(name()), wishes()).prop_map(
        |(first, last, org, group, extra, wishes)| {
            let mut attributes = BTreeMap::new();
            if let Some(value) = extra {
                attributes.insert("Raum".to_owned(), value);
            }
            ParticipantInput {
                first_name: first,
                last_name: format!("N{last}"),
                organisation: org,
                group,
                role: String::new(),
                email: String::new(),
                attributes,
                wishes,
            }
        },
    )
}

proptest! {
    #[test]
    fn cleaning_is_idempotent(s in "\\PC{0,64}") {
        let once = clean_line(&s);
        prop_assert_eq!(clean_line(&once), once.clone());
        prop_assert!(!once.starts_with(' ') && !once.ends_with(' '));
        let text = clean_text(&s);
        prop_assert_eq!(clean_text(&text), text);
    }

    #[test]
    fn exported_cells_never_start_a_formula_however_a_spreadsheet_splits_them(s in "[=+@ ,;\t\n\\-a-z]{0,16}|\\PC{0,16}") {
        let safe = spreadsheet_safe(&s);
        prop_assert!(!matches!(safe.chars().next(), Some('=' | '+' | '-' | '@')));
        for part in safe.split([',', ';', '\t', '\n', '\r']) {
            let start = part.trim_start_matches(' ');
            prop_assert!(!matches!(start.chars().next(), Some('=' | '+' | '-' | '@')), "{:?} in {:?}", part, safe);
        }
        // Nothing is lost: taking the apostrophes out gives the cell back.
        if !s.contains('\'') {
            prop_assert_eq!(safe.replace('\'', ""), s);
        }
    }

    #[test]
    fn participants_survive_export_and_import(people in proptest::collection::vec(participant(), 1..12)) {
        let cleaned: Vec<ParticipantInput> = people.iter().map(|p| p.validated().unwrap()).collect();
        let bytes = write_participants(&cleaned, Language::De);
        let sheet = read_sheet(&bytes).unwrap();
        let mapping = guess_mapping(&sheet.headers);
        let result = preview(sheet, &mapping, &[]);
        prop_assert!(result.mapping_problems.is_empty());
        prop_assert_eq!(result.rows.len(), cleaned.len());
        for (row, original) in result.rows.iter().zip(&cleaned) {
            prop_assert!(row.problems.is_empty(), "{:?}", row.problems);
            // Formula-looking cells come back with the defusing apostrophe, as a spreadsheet would keep them.
            let expect = |s: &str| spreadsheet_safe(s).into_owned();
            prop_assert_eq!(&row.participant.last_name, &expect(&original.last_name));
            prop_assert_eq!(&row.participant.first_name, &expect(&original.first_name));
            prop_assert_eq!(&row.participant.organisation, &expect(&original.organisation));
            prop_assert_eq!(row.participant.attributes.get("Raum").cloned(), original.attributes.get("Raum").map(|v| expect(v)));
            let wishes: Vec<String> = original.wishes.iter().map(|w| expect(w)).collect();
            prop_assert_eq!(&row.participant.wishes, &wishes);
        }
    }
}

fn clock_action() -> impl Strategy<Value = cafehost_core::run::RunAction> {
    use cafehost_core::run::RunAction;
    prop_oneof![
        Just(RunAction::Start),
        Just(RunAction::Pause),
        (0u32..10).prop_map(|minutes| RunAction::Extend { minutes }),
        (0u32..30).prop_map(|minutes| RunAction::Shorten { minutes }),
    ]
}

proptest! {
    #[test]
    fn shortening_never_makes_the_time_left_jump_below_zero_or_grow(
        actions in proptest::collection::vec((clock_action(), 0i64..400_000), 1..24),
        minutes in 0u32..30,
        welcome in 0u32..30,
    ) {
        use cafehost_core::run::{RunAction, RunFrame, RunState, agenda};
        let steps = agenda(&[], RunFrame { welcome_minutes: welcome, harvest_minutes: 20 });
        let mut now = chrono::DateTime::from_timestamp(1_400_000_000, 0).unwrap();
        let mut state = RunState::default();
        for (action, wait_ms) in actions {
            now += chrono::Duration::milliseconds(wait_ms);
            state = state.apply(action, &steps, now);
        }
        let before = state.remaining_seconds(&steps, now);
        let after_state = state.apply(RunAction::Shorten { minutes }, &steps, now);
        let after = after_state.remaining_seconds(&steps, now);
        if before <= 0 {
            prop_assert_eq!(after_state, state, "over time nothing changes");
        } else {
            prop_assert_eq!(after, (before - i64::from(minutes) * 60).max(0));
        }
        prop_assert_eq!(after_state.elapsed_ms, state.elapsed_ms);
        prop_assert_eq!(after_state.running_since, state.running_since);
        prop_assert!(i64::from(welcome) * 60 + after_state.extra_seconds >= 0, "a step never gets a negative length");
    }
}

proptest! {
    #[test]
    fn spreading_seats_fits_everyone_evenly_and_never_takes_a_seat_away(
        capacities in proptest::collection::vec(1u32..=50, 0..12),
        people in 0u32..700,
    ) {
        use cafehost_core::setup::spread_capacities;
        use cafehost_core::validation::MAX_TABLE_CAPACITY;
        let after = spread_capacities(&capacities, people);
        prop_assert_eq!(after.len(), capacities.len());
        let before_total: u32 = capacities.iter().sum();
        let total: u32 = after.iter().sum();
        let most = MAX_TABLE_CAPACITY * u32::try_from(capacities.len()).unwrap();
        if people <= most {
            prop_assert!(total >= people, "everyone fits: {} seats for {}", total, people);
        } else {
            prop_assert_eq!(total, most, "as many seats as the tables can take");
        }
        prop_assert!(after.iter().zip(&capacities).all(|(a, b)| a >= b), "no table loses a seat");
        prop_assert!(after.iter().all(|c| *c <= MAX_TABLE_CAPACITY));
        if before_total >= people {
            prop_assert_eq!(&after, &capacities, "a total that fits is left alone");
        } else if people <= most {
            prop_assert_eq!(total, people, "not a seat more than needed");
        }
        let raised: Vec<u32> = after.iter().zip(&capacities).filter(|(a, b)| a > b).map(|(a, _)| *a).collect();
        if let (Some(low), Some(high)) = (raised.iter().min(), raised.iter().max()) {
            prop_assert!(high - low <= 1, "raised tables differ by at most one seat: {:?}", after);
            // Tables not raised were already at least as big as the raised ones, less one.
            prop_assert!(after.iter().all(|c| *c + 1 >= *low), "the smallest tables got the seats: {:?}", after);
        }
    }
}
