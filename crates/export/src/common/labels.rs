//! The words both subsystems print that do not come from the user's data ("Tisch", "Runde",
//! dates, page numbers), and the printables' own titles and notes, in German and English.

use cafehost_core::Language;
use chrono::NaiveDate;

/// The labels of one language.
pub struct Labels {
    /// ISO code for the PDF's metadata.
    pub code: &'static str,
    /// "Tisch".
    pub table: &'static str,
    /// "Runde".
    pub round: &'static str,
    /// Marks the table host.
    pub host: &'static str,
    /// Title of the table cards.
    pub table_cards: &'static str,
    /// Title of the route cards.
    pub route_card: &'static str,
    /// Title of the seating plan.
    pub seating_plan: &'static str,
    /// Title of the sign-in list.
    pub sign_in: &'static str,
    /// Column header.
    pub name: &'static str,
    /// Column header.
    pub role: &'static str,
    /// Column header.
    pub signature: &'static str,
    /// Group of people without an organisation.
    pub no_organisation: &'static str,
    /// Said where no seating plan exists yet.
    pub no_plan: &'static str,
    /// A round in which a person has no seat.
    pub not_seated: &'static str,
    /// A table nobody sits at in a round.
    pub empty_table: &'static str,
    /// The host stays at their table.
    pub host_stays: &'static str,
    /// Above a table card's QR code: the table's notes are written on a phone.
    pub phone_notes: &'static str,
    page_of: (&'static str, &'static str),
    people: (&'static str, &'static str),
    months: [&'static str; 12],
}

const DE: Labels = Labels {
    code: "de",
    table: "Tisch",
    round: "Runde",
    host: "Gastgeber/in",
    table_cards: "Tischkarten",
    route_card: "Laufzettel",
    seating_plan: "Sitzplan",
    sign_in: "Anwesenheitsliste",
    name: "Name",
    role: "Funktion",
    signature: "Unterschrift",
    no_organisation: "Ohne Organisation",
    no_plan: "Noch kein Sitzplan – die Tische werden vor Ort bekannt gegeben.",
    not_seated: "nicht eingeplant",
    empty_table: "niemand eingeplant",
    host_stays: "Sie sind Gastgeber/in und bleiben an Ihrem Tisch.",
    phone_notes: "Notizen per Handy",
    page_of: ("Seite", "von"),
    people: ("Person", "Personen"),
    months: [
        "Januar",
        "Februar",
        "März",
        "April",
        "Mai",
        "Juni",
        "Juli",
        "August",
        "September",
        "Oktober",
        "November",
        "Dezember",
    ],
};

const EN: Labels = Labels {
    code: "en",
    table: "Table",
    round: "Round",
    host: "Host",
    table_cards: "Table cards",
    route_card: "Route card",
    seating_plan: "Seating plan",
    sign_in: "Sign-in list",
    name: "Name",
    role: "Role",
    signature: "Signature",
    no_organisation: "No organisation",
    no_plan: "No seating plan yet – tables will be announced on the day.",
    not_seated: "not seated",
    empty_table: "nobody seated",
    host_stays: "You are the host and stay at your table.",
    phone_notes: "Notes by phone",
    page_of: ("Page", "of"),
    people: ("person", "people"),
    months: [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
};

impl Labels {
    /// The labels of `language`.
    pub fn of(language: Language) -> &'static Self {
        match language {
            Language::De => &DE,
            Language::En => &EN,
        }
    }

    /// "Seite 2 von 5".
    pub fn page(&self, page: usize, pages: usize) -> String {
        format!("{} {page} {} {pages}", self.page_of.0, self.page_of.1)
    }

    /// "8 Personen".
    pub fn people(&self, n: usize) -> String {
        format!("{n} {}", if n == 1 { self.people.0 } else { self.people.1 })
    }

    /// "12. Mai 2026" / "12 May 2026".
    pub fn date(&self, date: NaiveDate) -> String {
        use chrono::Datelike;
        let month = self.months.get(date.month0() as usize).copied().unwrap_or_default();
        match self.code {
            "de" => format!("{}. {month} {}", date.day(), date.year()),
            _ => format!("{} {month} {}", date.day(), date.year()),
        }
    }
}
