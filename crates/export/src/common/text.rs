//! Small text helpers: sort keys for names and organisations, and clock spans.

use chrono::NaiveTime;

/// A key that sorts names and organisations as a German reader expects (ä with a, ß as ss),
/// case-insensitively.
pub fn sort_key(text: &str) -> String {
    let mut key = String::with_capacity(text.len());
    for c in text.trim().chars().flat_map(char::to_lowercase) {
        let plain = match c {
            'ä' | 'à' | 'á' | 'â' | 'ã' | 'å' | 'ą' | 'ă' => "a",
            'ö' | 'ò' | 'ó' | 'ô' | 'õ' | 'ø' | 'ő' => "o",
            'ü' | 'ù' | 'ú' | 'û' | 'ű' | 'ů' => "u",
            'ß' => "ss",
            'ç' | 'ć' | 'č' => "c",
            'ş' | 'ś' | 'š' | 'ș' => "s",
            'ł' => "l",
            'ñ' | 'ń' | 'ň' => "n",
            'é' | 'è' | 'ê' | 'ë' | 'ę' | 'ě' => "e",
            'í' | 'ì' | 'î' | 'ï' | 'ı' => "i",
            'ğ' => "g",
            'ž' | 'ź' | 'ż' => "z",
            'ý' => "y",
            'ř' => "r",
            'ď' => "d",
            'ť' | 'ț' => "t",
            _ => {
                key.push(c);
                continue;
            }
        };
        key.push_str(plain);
    }
    key
}

/// "14:10–14:30", or empty when the time is not known (the workshop has no start time).
pub fn clock_span(span: Option<(NaiveTime, NaiveTime)>) -> String {
    span.map(|(a, b)| format!("{}–{}", a.format("%H:%M"), b.format("%H:%M"))).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sort_keys_fold_diacritics() {
        assert!(sort_key("Öztürk") < sort_key("Peters"));
        assert!(sort_key("Straßer") < sort_key("Strauch"));
        assert_eq!(sort_key("Łukasz"), "lukasz");
        assert!(sort_key("Çelik") < sort_key("Dietz"));
    }

    #[test]
    fn clock_spans_need_both_ends() {
        let at = |h, m| NaiveTime::from_hms_opt(h, m, 0);
        assert_eq!(clock_span(at(9, 10).zip(at(9, 30))), "09:10–09:30");
        assert_eq!(clock_span(None), "");
    }
}
