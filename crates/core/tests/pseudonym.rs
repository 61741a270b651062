#![allow(clippy::unwrap_used, missing_docs)]
//! Properties of the pseudonymisation rule: for any people and any text that names them, the
//! hidden text names none of them, hiding twice changes nothing, and a text without names stays
//! as it is.

use cafehost_core::pseudonym::{Names, hidden_alone};
use cafehost_core::text::search_key;
use proptest::prelude::*;

/// A part of a name: a capital and two to nine small letters, never a "q" (the filler words
/// below start with one, so no filler word is ever a name).
fn part() -> impl Strategy<Value = String> {
    "[A-ZÄÖÜŞŁ][a-pr-zäöüßşłçéñ]{2,9}".prop_filter("a word hidden on its own", |w| hidden_alone(w))
}

fn person() -> impl Strategy<Value = (String, String)> {
    (part(), part())
}

/// A person's name as people write it into a note.
fn mention(given: &str, family: &str, form: u8) -> String {
    match form {
        0 => format!("{given} {family}"),
        1 => family.to_owned(),
        2 => given.to_owned(),
        3 => format!("{family}, {given}"),
        4 => format!("{} {}", given.to_lowercase(), family.to_lowercase()),
        5 => format!("{family}s"),
        6 => format!("Frau {family}"),
        _ => format!("{} {}", given.to_uppercase(), family.to_uppercase()),
    }
}

/// Words of a text, as keys; a name followed by "s" (the genitive) counts as the name.
fn leaks(text: &str, people: &[(String, String)]) -> Vec<String> {
    let keys: Vec<String> = people.iter().flat_map(|(g, f)| [search_key(g), search_key(f)]).collect();
    text.split(|c: char| !c.is_alphanumeric())
        .map(search_key)
        .filter(|w| keys.iter().any(|k| w == k || w.strip_suffix('s') == Some(k)))
        .collect()
}

proptest! {
    #[test]
    fn a_pseudonymised_text_names_nobody(
        people in proptest::collection::vec(person(), 1..5),
        items in proptest::collection::vec((any::<bool>(), 0usize..5, 0u8..8, "q[a-z]{0,6}"), 0..24),
        separators in proptest::collection::vec(prop::sample::select(vec![" ", ", ", ". ", "\n", " – ", ": "]), 24),
    ) {
        let mut names = Names::new();
        for (given, family) in &people {
            names.add(given, family);
        }
        let mut text = String::new();
        for (i, (is_name, who, form, filler)) in items.iter().enumerate() {
            if *is_name {
                let (given, family) = &people[who % people.len()];
                text.push_str(&mention(given, family, *form));
            } else {
                text.push_str(filler);
            }
            text.push_str(separators[i]);
        }
        let hidden = names.hide(&text);
        prop_assert!(leaks(&hidden, &people).is_empty(), "{:?} in {:?} (from {:?})", leaks(&hidden, &people), hidden, text);
        prop_assert_eq!(names.hide(&hidden), hidden.clone(), "hiding twice changes nothing");
        prop_assert!(leaks(&names.hide_owner(&text), &people).is_empty());
        if !items.iter().any(|(is_name, ..)| *is_name) {
            prop_assert_eq!(hidden, text, "a text naming nobody stays as it is");
        }
    }
}
