#![allow(clippy::unwrap_used)]
//! Properties of the pure rules that must hold for any input, not just the examples.

use std::collections::BTreeMap;

use cafehost_core::import::{guess_mapping, preview, read_sheet, write_participants};
use cafehost_core::text::{clean_line, clean_text, spreadsheet_safe};
use cafehost_core::{Language, ParticipantInput};
use proptest::prelude::*;

fn name() -> impl Strategy<Value = String> {
    // Letters people really have, separators that break naive CSV, and formula starters.
    proptest::string::string_regex("[=+@-]?[A-Za-zÄÖÜäöüßŞşŁłÇçéñ ;,\"'.]{0,24}").unwrap()
}

fn participant() -> impl Strategy<Value = ParticipantInput> {
    (name(), name(), name(), name(), proptest::option::of(name())).prop_map(|(first, last, org, group, extra)| {
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
        }
    })
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
        }
    }
}
