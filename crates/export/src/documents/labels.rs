//! The words of the minutes and concept drafts that do not come from the user's data.

use std::fmt::Write as _;

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
    pub tables_and_notes: &'static str,
    pub own_question: &'static str,
    pub table_summary: &'static str,
    pub plenum: &'static str,
    pub measure_plan: &'static str,
    pub monitoring: &'static str,
    pub goals_column: &'static str,
    pub see: &'static str,
    pub topic: &'static str,
    pub host: &'static str,
    pub no_notes: &'static str,
    pub without_round: &'static str,
    pub photo: &'static str,
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
    pub measures: &'static str,
    pub steering: &'static str,
    pub kind: &'static str,
    pub text: &'static str,
    pub tags: &'static str,
    pub author: &'static str,
    pub level: &'static str,
    pub from_workshops: &'static str,
    pub total: &'static str,
    pub organiser: &'static str,
    pub moderation: &'static str,
    pub minute_taker: &'static str,
    pub distribution: &'static str,
    pub vision: &'static str,
    pub indicator: &'static str,
    pub resources: &'static str,
    pub decisions: &'static str,
    pub decision_body: &'static str,
    pub decision_reference: &'static str,
    pub from_date: &'static str,
    pub until_date: &'static str,
    /// A field of action's starting situation ("Ausgangslage").
    pub situation: &'static str,
    /// The statements CSV's plan columns: start, end, baseline, target, date of the decision.
    pub start_date: &'static str,
    pub end_date: &'static str,
    pub baseline: &'static str,
    pub target: &'static str,
    pub decision_date: &'static str,
    /// "Beteiligung", "Angemeldet": the participation lines of a concept's title page.
    pub participation: &'static str,
    pub registered_people: &'static str,
    /// "Person", "Personen"; "in", "in mehreren" ("davon {k} in mehreren").
    people: (&'static str, &'static str),
    workshops_word: (&'static str, &'static str),
    in_several: (&'static str, &'static str),
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
    tables_and_notes: "Tische und Notizen",
    own_question: "Eigene Frage des Tisches",
    table_summary: "Zusammenfassung",
    plenum: "Plenum",
    measure_plan: "Maßnahmenplan",
    monitoring: "Steuerung und Monitoring",
    goals_column: "Ziele",
    see: "→",
    topic: "Thema",
    host: "Gastgeber/in",
    no_notes: "Keine Notizen.",
    without_round: "Ohne Runde",
    photo: "Foto",
    workshop_summary: "Zusammenfassung des Workshops",
    results: "Ergebnisse und Vereinbarungen",
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
    measures: "Maßnahmen",
    steering: "Steuerung",
    kind: "Art",
    text: "Text",
    tags: "Schlagworte",
    author: "Verfasst von",
    level: "Ebene",
    from_workshops: "Aus den Ergebnissen von",
    total: "Gesamt",
    organiser: "Veranstalter",
    moderation: "Moderation",
    minute_taker: "Protokollführung",
    distribution: "Verteiler",
    vision: "Leitbild",
    indicator: "Indikator",
    resources: "Ressourcen",
    decisions: "Beschlusslage",
    decision_body: "Gremium",
    decision_reference: "Vorlage / Aktenzeichen",
    from_date: "ab",
    until_date: "bis",
    situation: "Ausgangslage",
    start_date: "Beginn",
    end_date: "Ende",
    baseline: "Ausgangswert",
    target: "Zielwert",
    decision_date: "Beschlussdatum",
    participation: "Beteiligung",
    registered_people: "Angemeldet",
    people: ("Person", "Personen"),
    workshops_word: ("Workshop", "Workshops"),
    in_several: ("davon", "in mehreren"),
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
    tables_and_notes: "Tables and notes",
    own_question: "The table's own question",
    table_summary: "Summary",
    plenum: "Plenary",
    measure_plan: "Action plan",
    monitoring: "Steering and monitoring",
    goals_column: "Goals",
    see: "→",
    topic: "Topic",
    host: "Host",
    no_notes: "No notes.",
    without_round: "No round",
    photo: "Photo",
    workshop_summary: "Summary of the workshop",
    results: "Results and agreements",
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
    measures: "Measures",
    steering: "Steering",
    kind: "Kind",
    text: "Text",
    tags: "Tags",
    author: "Written by",
    level: "Level",
    from_workshops: "From the results of",
    total: "Total",
    organiser: "Organiser",
    moderation: "Moderation",
    minute_taker: "Minutes taken by",
    distribution: "Distribution",
    vision: "Guiding vision",
    indicator: "Indicator",
    resources: "Resources",
    decisions: "Decisions",
    decision_body: "Body",
    decision_reference: "Reference",
    from_date: "from",
    until_date: "until",
    situation: "Starting situation",
    start_date: "Start",
    end_date: "End",
    baseline: "Baseline",
    target: "Target",
    decision_date: "Decision date",
    participation: "Participation",
    registered_people: "Registered",
    people: ("person", "people"),
    workshops_word: ("workshop", "workshops"),
    in_several: ("", "of them in more than one"),
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

    /// "Beteiligung: 40 Personen in 3 Workshops (davon 12 in mehreren)", or with `label`
    /// "Angemeldet: …"; the part in brackets only with more than one workshop, where it can be
    /// other than 0.
    pub fn participation_line(&self, label: &str, people: u32, workshops: u32, in_several: u32) -> String {
        let word = |n: u32, (one, many): (&str, &str)| if n == 1 { one.to_owned() } else { many.to_owned() };
        let mut line = format!(
            "{label}: {people} {} in {workshops} {}",
            word(people, self.people),
            word(workshops, self.workshops_word)
        );
        if workshops > 1 {
            let (before, after) = self.in_several;
            let davon = if before.is_empty() { format!("{in_several}") } else { format!("{before} {in_several}") };
            let _ = write!(line, " ({davon} {after})");
        }
        line
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
