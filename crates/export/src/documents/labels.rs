//! The words of the minutes and concept drafts that do not come from the user's data.

use cafehost_core::{Language, NoteKind, StatementLevel, StatementStatus};

/// The labels of one language.
pub struct MinutesLabels {
    pub minutes: &'static str,
    pub concept: &'static str,
    pub process: &'static str,
    pub date: &'static str,
    pub place: &'static str,
    pub programme: &'static str,
    pub step: &'static str,
    pub welcome: &'static str,
    pub pause: &'static str,
    pub harvest: &'static str,
    pub time: &'static str,
    pub question: &'static str,
    pub duration: &'static str,
    pub minutes_unit: &'static str,
    pub attendance: &'static str,
    pub organisation: &'static str,
    pub registered: &'static str,
    pub present: &'static str,
    pub walk_ins: &'static str,
    pub left_early: &'static str,
    pub absent: &'static str,
    pub names: &'static str,
    pub tables_and_questions: &'static str,
    pub topic: &'static str,
    pub host: &'static str,
    pub notes: &'static str,
    pub no_notes: &'static str,
    pub without_round: &'static str,
    pub without_table: &'static str,
    pub photo: &'static str,
    pub summaries: &'static str,
    pub workshop_summary: &'static str,
    pub results: &'static str,
    pub number: &'static str,
    pub statement: &'static str,
    pub field_of_action: &'static str,
    pub no_field: &'static str,
    pub votes: &'static str,
    pub owner: &'static str,
    pub time_frame: &'static str,
    pub status: &'static str,
    pub sources: &'static str,
    pub links: &'static str,
    pub no_statements: &'static str,
    pub other_workshops: &'static str,
    pub closing: &'static str,
    pub workshop: &'static str,
    pub annex_workshops: &'static str,
    pub tables: &'static str,
    pub participants: &'static str,
    pub background: &'static str,
    pub fields_of_action: &'static str,
    pub further_measures: &'static str,
    pub further_steering: &'static str,
    pub measures: &'static str,
    pub steering: &'static str,
    pub kind: &'static str,
    pub text: &'static str,
    pub tags: &'static str,
    pub author: &'static str,
    pub level: &'static str,
    pub from_workshops: &'static str,
    pub total: &'static str,
    /// The heading of the table of contents.
    pub contents: &'static str,
    /// "Seite" and "von" around the page number and the page count of a footer.
    pub page_of: (&'static str, &'static str),
    goal: (&'static str, &'static str, &'static str),
    measure: (&'static str, &'static str, &'static str),
    steer: (&'static str, &'static str, &'static str),
    statuses: [&'static str; 3],
    note_kinds: [&'static str; 3],
}

const DE: MinutesLabels = MinutesLabels {
    minutes: "Protokoll",
    concept: "Konzeptentwurf",
    process: "Prozess",
    date: "Datum",
    place: "Ort",
    programme: "Programm",
    step: "Programmpunkt",
    welcome: "Begrüßung",
    pause: "Pause",
    harvest: "Ernte im Plenum",
    time: "Zeit",
    question: "Frage",
    duration: "Dauer",
    minutes_unit: "Min.",
    attendance: "Teilnehmende nach Organisation",
    organisation: "Organisation",
    registered: "Angemeldet",
    present: "Anwesend",
    walk_ins: "davon ohne Anmeldung",
    left_early: "davon früher gegangen",
    absent: "Abgesagt",
    names: "Namen",
    tables_and_questions: "Tische und Fragen",
    topic: "Thema",
    host: "Gastgeber/in",
    notes: "Notizen nach Tisch und Runde",
    no_notes: "Keine Notizen.",
    without_round: "Ohne Runde",
    without_table: "Ohne Tisch",
    photo: "Foto",
    summaries: "Zusammenfassungen",
    workshop_summary: "Zusammenfassung des Workshops",
    results: "Ergebnisse: Ziele, Maßnahmen, Steuerung",
    number: "Nr.",
    statement: "Aussage",
    field_of_action: "Handlungsfeld",
    no_field: "Ohne Handlungsfeld",
    votes: "Punkte",
    owner: "Verantwortlich",
    time_frame: "Zeitraum",
    status: "Status",
    sources: "Quellen",
    links: "Bezüge",
    no_statements: "Noch keine Aussagen.",
    other_workshops: "andere Workshops",
    closing: "Abschluss",
    workshop: "Workshop",
    annex_workshops: "Anhang: Workshops",
    tables: "Tische",
    participants: "Teilnehmende",
    background: "Anlass und Ziel",
    fields_of_action: "Handlungsfelder",
    further_measures: "Weitere Maßnahmen",
    further_steering: "Weitere Steuerung",
    measures: "Maßnahmen",
    steering: "Steuerung",
    kind: "Art",
    text: "Text",
    tags: "Schlagworte",
    author: "Verfasst von",
    level: "Ebene",
    from_workshops: "Aus den Ergebnissen von",
    total: "Gesamt",
    contents: "Inhalt",
    page_of: ("Seite", "von"),
    goal: ("Z", "Ziel", "Ziele"),
    measure: ("M", "Maßnahme", "Maßnahmen"),
    steer: ("S", "Steuerung", "Steuerung"),
    statuses: ["Entwurf", "Abgestimmt", "Beschlossen"],
    note_kinds: ["Notiz", "Tischzusammenfassung", "Workshopzusammenfassung"],
};

const EN: MinutesLabels = MinutesLabels {
    minutes: "Minutes",
    concept: "Concept draft",
    process: "Process",
    date: "Date",
    place: "Place",
    programme: "Programme",
    step: "Item",
    welcome: "Welcome",
    pause: "Break",
    harvest: "Harvest",
    time: "Time",
    question: "Question",
    duration: "Duration",
    minutes_unit: "min",
    attendance: "Participants by organisation",
    organisation: "Organisation",
    registered: "Registered",
    present: "Present",
    walk_ins: "of them walk-ins",
    left_early: "of them left early",
    absent: "Cancelled",
    names: "Names",
    tables_and_questions: "Tables and questions",
    topic: "Topic",
    host: "Host",
    notes: "Notes by table and round",
    no_notes: "No notes.",
    without_round: "No round",
    without_table: "No table",
    photo: "Photo",
    summaries: "Summaries",
    workshop_summary: "Summary of the workshop",
    results: "Results: goals, measures, steering",
    number: "No.",
    statement: "Statement",
    field_of_action: "Field of action",
    no_field: "No field of action",
    votes: "Votes",
    owner: "Responsible",
    time_frame: "Time frame",
    status: "Status",
    sources: "Sources",
    links: "Links",
    no_statements: "No statements yet.",
    other_workshops: "other workshops",
    closing: "Closing",
    workshop: "Workshop",
    annex_workshops: "Annex: workshops",
    tables: "Tables",
    participants: "Participants",
    background: "Purpose",
    fields_of_action: "Fields of action",
    further_measures: "Further measures",
    further_steering: "Further steering",
    measures: "Measures",
    steering: "Steering",
    kind: "Kind",
    text: "Text",
    tags: "Tags",
    author: "Written by",
    level: "Level",
    from_workshops: "From the results of",
    total: "Total",
    contents: "Contents",
    page_of: ("Page", "of"),
    goal: ("G", "Goal", "Goals"),
    measure: ("M", "Measure", "Measures"),
    steer: ("S", "Steering", "Steering"),
    statuses: ["Draft", "Agreed", "Adopted"],
    note_kinds: ["Note", "Table summary", "Workshop summary"],
};

impl MinutesLabels {
    /// The labels of `language`.
    pub fn of(language: Language) -> &'static Self {
        match language {
            Language::De => &DE,
            Language::En => &EN,
        }
    }

    fn level_words(&self, level: StatementLevel) -> (&'static str, &'static str, &'static str) {
        match level {
            StatementLevel::Goal => self.goal,
            StatementLevel::Measure => self.measure,
            StatementLevel::Steering => self.steer,
        }
    }

    /// "Z" for a goal ("G" in English), "M", "S": the prefix of a statement's number.
    pub fn level_prefix(&self, level: StatementLevel) -> &'static str {
        self.level_words(level).0
    }

    /// "Ziel".
    pub fn level_name(&self, level: StatementLevel) -> &'static str {
        self.level_words(level).1
    }

    /// "Ziele".
    pub fn level_plural(&self, level: StatementLevel) -> &'static str {
        self.level_words(level).2
    }

    /// "Entwurf".
    pub fn status_name(&self, status: StatementStatus) -> &'static str {
        match status {
            StatementStatus::Draft => self.statuses[0],
            StatementStatus::Agreed => self.statuses[1],
            StatementStatus::Adopted => self.statuses[2],
        }
    }

    /// "Notiz".
    pub fn note_kind(&self, kind: NoteKind) -> &'static str {
        match kind {
            NoteKind::Note => self.note_kinds[0],
            NoteKind::TableSummary => self.note_kinds[1],
            NoteKind::WorkshopSummary => self.note_kinds[2],
        }
    }
}
