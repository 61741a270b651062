//! Minutes of a workshop and the concept draft of its process, as DOCX, PDF, Markdown, HTML or
//! CSV. The documents are laid out in `cafehost-export`; this gathers the workshop(s), notes,
//! photos and statements for it.

use std::collections::HashSet;
use std::path::PathBuf;

use std::sync::{Mutex, PoisonError};

use cafehost_core::consolidation::StatementLabels;
use cafehost_core::{AttachmentId, Language, NoteId, WorkshopId};
pub use cafehost_export::DocumentKind;
use cafehost_export::{DOCUMENT_COPY_RULES, DocumentOptions, ExportError, MinutesInput, Photo, WorkshopMinutes};
use cafehost_store::Store;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::files::{file_stem, write_whole};
use crate::{AppError, Documents, Result, SavedFile};

/// The file format of an export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum ExportFormat {
    /// Word (Office Open XML), for editing in the office.
    Docx,
    /// PDF (A4).
    Pdf,
    /// Markdown.
    Md,
    /// One self-contained HTML page (photos included).
    Html,
    /// The notes as CSV for spreadsheets.
    CsvNotes,
    /// The statements as CSV for spreadsheets.
    CsvStatements,
}

impl ExportFormat {
    /// Every format.
    pub const ALL: [Self; 6] = [Self::Docx, Self::Pdf, Self::Md, Self::Html, Self::CsvNotes, Self::CsvStatements];

    /// The file name extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Docx => "docx",
            Self::Pdf => "pdf",
            Self::Md => "md",
            Self::Html => "html",
            Self::CsvNotes | Self::CsvStatements => "csv",
        }
    }

    /// Whether the format shows the photos themselves (DOCX, PDF, HTML); Markdown shows their
    /// captions and CSV nothing of them, so their bytes are not loaded for those.
    pub fn embeds_photos(self) -> bool {
        matches!(self, Self::Docx | Self::Pdf | Self::Html)
    }
}

fn export_failed(e: &ExportError) -> AppError {
    AppError::Export(e.to_string())
}

fn document_name(kind: DocumentKind, format: ExportFormat, language: Language) -> &'static str {
    match (kind, format, language) {
        (_, ExportFormat::CsvNotes, Language::De) => "Notizen",
        (_, ExportFormat::CsvNotes, Language::En) => "Notes",
        (_, ExportFormat::CsvStatements, Language::De) => "Aussagen",
        (_, ExportFormat::CsvStatements, Language::En) => "Statements",
        (DocumentKind::Minutes, _, Language::De) => "Protokoll",
        (DocumentKind::Minutes, _, Language::En) => "Minutes",
        (DocumentKind::Concept, _, Language::De) => "Konzeptentwurf",
        (DocumentKind::Concept, _, Language::En) => "Concept draft",
    }
}

/// One document in one format, its fields of action in the order of the process's list.
fn render(input: &MinutesInput, options: &DocumentOptions, format: ExportFormat) -> Result<Vec<u8>> {
    Ok(match format {
        ExportFormat::Docx => cafehost_export::minutes::docx_with(input, options).map_err(|e| export_failed(&e))?,
        ExportFormat::Pdf => cafehost_export::minutes::pdf_with(input, options).map_err(|e| export_failed(&e))?,
        ExportFormat::Md => cafehost_export::minutes::markdown_with(input, options).into_bytes(),
        ExportFormat::Html => cafehost_export::minutes::html_with(input, options).into_bytes(),
        ExportFormat::CsvNotes => cafehost_export::minutes::csv_notes(input).into_bytes(),
        ExportFormat::CsvStatements => cafehost_export::minutes::csv_statements(input).into_bytes(),
    })
}

impl Documents<'_> {
    /// Everything the minutes of `workshop` (or the concept draft of its process) show, for one
    /// format.
    ///
    /// Minutes cover the one workshop and the statements that are its own or cite one of its
    /// notes or photos; a concept draft covers every workshop of the process (just the workshop when it
    /// belongs to none) and all their statements. The photos' bytes are loaded only when the
    /// format embeds them ([`ExportFormat::embeds_photos`]); for Markdown and CSV the photos are
    /// listed (for their captions) with empty bytes, and no photo is read from the database.
    pub fn minutes_input_for(
        &self,
        workshop: WorkshopId,
        kind: DocumentKind,
        format: ExportFormat,
        language: Language,
        pseudonymise: bool,
        include_names: bool,
    ) -> Result<MinutesInput> {
        Ok(self.document_for(workshop, kind, format, language, pseudonymise, include_names)?.0)
    }

    /// [`Documents::minutes_input_for`] and the options it is written with (the fields of action
    /// in the order of the process's list, with their starting situations), from one snapshot.
    fn document_for(
        &self,
        workshop: WorkshopId,
        kind: DocumentKind,
        format: ExportFormat,
        language: Language,
        pseudonymise: bool,
        include_names: bool,
    ) -> Result<(MinutesInput, DocumentOptions)> {
        let photo_bytes = format.embeds_photos();
        let (input, options, made) = self.0.read(|s| {
            let (input, made) = gather(s, workshop, kind, language, pseudonymise, include_names, photo_bytes)?;
            let scope = crate::harvest::scope_of(s, workshop)?;
            let fields = s.fields_of_action(scope)?;
            let field_situations = fields.iter().map(|f| (f.name.clone(), f.situation.clone())).collect();
            let field_order = fields.into_iter().map(|f| f.name).collect();
            Ok((input, DocumentOptions { field_order, field_situations, ..DocumentOptions::default() }, made))
        })?;
        if !made.is_empty() {
            // The copies made for this document are kept for the next. Only a cache: the document
            // is made whether or not they could be written.
            let _ = self.0.write(|s| Ok(s.save_attachment_copies(&made)?));
        }
        Ok((MinutesInput { created: Some(self.0.now()), ..input }, options))
    }
}

fn photo(a: cafehost_core::Attachment, bytes: Vec<u8>) -> Photo {
    Photo {
        id: a.id,
        table_id: a.table_id,
        round_id: a.round_id,
        file_name: a.file_name,
        media_type: a.media_type,
        bytes,
        rotation_degrees: a.rotation_degrees,
    }
}

/// A photo's document copy as it is kept beside the photo (`attachment_copy`): (photo, rules,
/// media type, bytes).
pub(crate) type KeptCopy = (AttachmentId, u32, String, Vec<u8>);

/// The copy of a photo that is kept for documents (`Photo::document_copy`, upright by its EXIF
/// orientation): the photo's own rotation is left out and applied when a document is made, so
/// turning the photo keeps its copy. Empty bytes when the photo cannot be decoded.
pub(crate) fn kept_copy(a: &cafehost_core::Attachment, bytes: Vec<u8>) -> KeptCopy {
    let copy = Photo { rotation_degrees: 0, ..photo(a.clone(), bytes) }.document_copy();
    (a.id, DOCUMENT_COPY_RULES, copy.media_type, copy.bytes)
}

/// The photos as documents embed them: each photo's kept copy (made when it was added), turned by
/// its rotation when the document is made; a photo without one (added before copies were kept,
/// or by an older version) has it made here from its original, read one after another from the
/// snapshot and made smaller on up to four threads meanwhile, so only a few originals (a phone
/// photo is 3–8 MB, about 50 MB decoded) are in memory at once. Returns the photos and the copies
/// made, for the caller to keep.
fn document_copies(s: &Store, attachments: Vec<cafehost_core::Attachment>) -> Result<(Vec<Photo>, Vec<KeptCopy>)> {
    let count = attachments.len();
    let mut kept: Vec<Option<Photo>> = vec![None; count];
    let mut missing = Vec::new();
    for (index, a) in attachments.into_iter().enumerate() {
        match s.attachment_copy(a.id)? {
            Some((rules, media_type, bytes)) if rules == DOCUMENT_COPY_RULES => {
                kept[index] = Some(Photo { media_type, ..photo(a, bytes) });
            }
            _ => missing.push((index, a)),
        }
    }
    let workers = std::thread::available_parallelism().map_or(1, std::num::NonZero::get).clamp(1, 4);
    let made: Mutex<Vec<(usize, Photo, KeptCopy)>> = Mutex::new(Vec::with_capacity(missing.len()));
    let (sender, receiver) = std::sync::mpsc::sync_channel::<(usize, cafehost_core::Attachment, Vec<u8>)>(workers);
    let receiver = Mutex::new(receiver);
    let read = std::thread::scope(|scope| {
        for _ in 0..workers.min(missing.len()) {
            scope.spawn(|| {
                loop {
                    let next = receiver.lock().unwrap_or_else(PoisonError::into_inner).recv();
                    let Ok((index, a, bytes)) = next else { return };
                    let copy = kept_copy(&a, bytes);
                    let shown = Photo { media_type: copy.2.clone(), ..photo(a, copy.3.clone()) };
                    made.lock().unwrap_or_else(PoisonError::into_inner).push((index, shown, copy));
                }
            });
        }
        let sent = missing.into_iter().try_for_each(|(index, a)| {
            let (media_type, bytes) = s.attachment_bytes(a.id)?;
            let a = cafehost_core::Attachment { media_type, ..a };
            // A closed channel means every worker is gone; nothing more can be copied.
            sender.send((index, a, bytes)).map_err(|_| AppError::Export("photo workers stopped".into()))
        });
        drop(sender);
        sent
    });
    read?;
    let mut copies = Vec::new();
    for (index, shown, copy) in made.into_inner().unwrap_or_else(PoisonError::into_inner) {
        kept[index] = Some(shown);
        copies.push(copy);
    }
    Ok((kept.into_iter().flatten().collect(), copies))
}

/// Reads everything a document shows from one snapshot (the photos' bytes only with
/// `photo_bytes`).
#[allow(clippy::fn_params_excessive_bools)] // private; the public calls name each choice
fn gather(
    s: &mut Store,
    workshop: WorkshopId,
    kind: DocumentKind,
    language: Language,
    pseudonymise: bool,
    include_names: bool,
    photo_bytes: bool,
) -> Result<(MinutesInput, Vec<KeptCopy>)> {
    let harvest = crate::harvest::overview(s, workshop)?;
    // Labels from every statement of the scope, so minutes showing some of them name a goal as
    // the concept does.
    let labels = StatementLabels::new(&harvest.statements, &harvest.fields_of_action);
    // Every workshop of the process numbered in the order they took place (W1, W2 …), so the
    // minutes of one of them name it as the concept draft does.
    let order = crate::harvest::workshops_in_order(s, workshop)?;
    let ids: Vec<WorkshopId> = match kind {
        DocumentKind::Minutes => vec![workshop],
        DocumentKind::Concept => order.iter().map(|w| w.id).collect(),
    };
    let number_of =
        |id: WorkshopId| order.iter().position(|w| w.id == id).map_or(1, |i| u32::try_from(i + 1).unwrap_or(u32::MAX));
    let mut workshops = Vec::with_capacity(ids.len());
    let mut made = Vec::new();
    for id in ids {
        let setup = s.workshop_setup(id)?;
        let schedule = crate::print::workshop_schedule(s, &setup)?;
        let notes: Vec<_> = harvest.notes.iter().filter(|n| n.workshop_id == id).cloned().collect();
        let attachments = s.attachments(id)?;
        // A concept draft shows no photos (it names those statements come from): no bytes for it.
        let photos = if photo_bytes && kind == DocumentKind::Minutes {
            let (photos, copies) = document_copies(s, attachments)?;
            made.extend(copies);
            photos
        } else {
            // The list holds no bytes; each photo's are read only for a format that shows it.
            attachments.into_iter().map(|a| photo(a, Vec::new())).collect()
        };
        workshops.push(WorkshopMinutes { number: number_of(id), setup, notes, photos, schedule });
    }
    let first = workshops.first().map(|w| &w.setup);
    let process = first.and_then(|s| s.process.clone());
    let statements = match kind {
        DocumentKind::Concept => harvest.statements,
        DocumentKind::Minutes => {
            let own: HashSet<NoteId> =
                harvest.notes.iter().filter(|n| n.workshop_id == workshop).map(|n| n.id).collect();
            let own_photos: HashSet<AttachmentId> =
                harvest.photos.iter().filter(|p| p.workshop_id == workshop).map(|p| p.id).collect();
            harvest
                .statements
                .into_iter()
                .filter(|s| {
                    s.workshop_id == Some(workshop)
                        || s.source_note_ids.iter().any(|n| own.contains(n))
                        || s.source_photo_ids.iter().any(|p| own_photos.contains(p))
                })
                .collect()
        }
    };
    let chosen_people = match kind {
        DocumentKind::Concept => {
            s.person_choices(&workshops.iter().map(|w| w.setup.workshop.id).collect::<Vec<_>>())?
        }
        DocumentKind::Minutes => cafehost_core::participation::ChosenPeople::new(),
    };
    let title = match kind {
        DocumentKind::Minutes => first.map(|s| s.workshop.details.title.clone()).unwrap_or_default(),
        DocumentKind::Concept => harvest.title,
    };
    let input = MinutesInput {
        kind,
        title,
        process_title: process.as_ref().map(|p| p.title.clone()),
        process_description: process.as_ref().map(|p| p.description.clone()).unwrap_or_default(),
        process_vision: process.map(|p| p.vision).unwrap_or_default(),
        language,
        workshops,
        statements,
        labels,
        chosen_people,
        include_names,
        pseudonymise,
        created: None,
    };
    Ok((input, made))
}

impl Documents<'_> {
    /// Makes the document copies that photos lack (added by a version that kept none, or copied
    /// by older rules), one photo after another, so that the first document after an upgrade is
    /// as quick as every other. Meant for a background thread after start: each photo is read
    /// and its copy saved on its own, so no screen waits long; a photo deleted meanwhile is
    /// skipped. Returns how many copies were made.
    pub fn make_missing_photo_copies(&self) -> Result<u32> {
        let missing = self.0.read(|s| Ok(s.attachments_without_copy(DOCUMENT_COPY_RULES)?))?;
        let mut made = 0;
        for a in missing {
            let (media_type, bytes) = match self.0.read(|s| Ok(s.attachment_bytes(a.id)?)) {
                Ok(read) => read,
                Err(AppError::NotFound { .. }) => continue,
                Err(e) => return Err(e),
            };
            let copy = kept_copy(&cafehost_core::Attachment { media_type, ..a }, bytes);
            self.0.write(|s| Ok(s.save_attachment_copies(&[copy])?))?;
            made += 1;
        }
        Ok(made)
    }
    /// The minutes of a workshop or the concept draft of its process, as the bytes of a file in
    /// `format`. Participants' names are not listed; see [`Documents::minutes_with_names`].
    pub fn minutes(
        &self,
        workshop: WorkshopId,
        kind: DocumentKind,
        format: ExportFormat,
        language: Language,
        pseudonymise: bool,
    ) -> Result<Vec<u8>> {
        self.minutes_with_names(workshop, kind, format, language, pseudonymise, false)
    }

    /// [`Documents::minutes`], listing the participants' names under their organisation when
    /// `include_names` (as initials when `pseudonymise`).
    pub fn minutes_with_names(
        &self,
        workshop: WorkshopId,
        kind: DocumentKind,
        format: ExportFormat,
        language: Language,
        pseudonymise: bool,
        include_names: bool,
    ) -> Result<Vec<u8>> {
        let (input, options) = self.document_for(workshop, kind, format, language, pseudonymise, include_names)?;
        render(&input, &options, format)
    }

    /// Renders [`Documents::minutes`] and saves it in the export folder as
    /// `<title> – Protokoll.docx` (or `Konzeptentwurf`, `Notizen`, `Aussagen`; English names in
    /// English), never replacing an earlier copy (`… (2).docx`). The title is the workshop's, or the process's for a
    /// concept draft.
    pub fn save_minutes(
        &self,
        workshop: WorkshopId,
        kind: DocumentKind,
        format: ExportFormat,
        language: Language,
        pseudonymise: bool,
    ) -> Result<SavedFile> {
        let (input, options) = self.document_for(workshop, kind, format, language, pseudonymise, false)?;
        let bytes = render(&input, &options, format)?;
        let name =
            format!("{} – {}.{}", file_stem(&input.title), document_name(kind, format, language), format.extension());
        let path: PathBuf = crate::files::free_name(&self.0.export_dir.join(name));
        write_whole(&path, &bytes)?;
        Ok(SavedFile { path: path.display().to_string(), bytes: u32::try_from(bytes.len()).unwrap_or(u32::MAX) })
    }
}

#[cfg(test)]
mod tests {
    use crate::Cafehost;
    use cafehost_core::{NewWorkshop, NoteInput, NoteKind, StatementInput, StatementLevel, StatementStatus};

    use super::*;

    /// A 1×1 PNG.
    const PNG: &str = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC";

    #[test]
    fn minutes_and_concept_in_every_format() {
        let dir = tempfile::tempdir().unwrap();
        let mut app = Cafehost::open(dir.path()).unwrap();
        app.set_export_dir(dir.path().join("out"));
        let new = |title: &str| NewWorkshop { title: title.into(), process_title: Some("Integrationskonzept".into()) };
        let first = app.setup().create_workshop(&new("Arbeit und Übergang")).unwrap();
        let second = app.setup().create_workshop(&new("Frühe Bildung")).unwrap();
        let table = app.setup().add_table(first.id).unwrap();
        let round = app.setup().workshop_setup(first.id).unwrap().rounds[0].id;
        let text = |t: &str| NoteInput { text: t.into(), tags: Vec::new(), author: "Anna Müller".into() };
        let own = app
            .notes()
            .add_note(first.id, Some(table.id), Some(round), NoteKind::Note, &text("Sprachkurse für Eltern"))
            .unwrap();
        let other =
            app.notes().add_note(second.id, None, None, NoteKind::WorkshopSummary, &text("Kitas öffnen")).unwrap();
        app.notes().add_attachment(first.id, Some(table.id), Some(round), "tisch.png", PNG).unwrap();
        let goal = |t: &str| StatementInput {
            level: StatementLevel::Goal,
            text: t.into(),
            field_of_action: "Bildung".into(),
            votes: 2,
            owner: String::new(),
            time_frame: String::new(),
            status: StatementStatus::Draft,
        };
        app.harvest().add_statement(first.id, &goal("Mehr Ausbildungsplätze"), &[own.id]).unwrap();
        app.harvest().add_statement(first.id, &goal("Kitas für alle"), &[other.id]).unwrap();

        let md = String::from_utf8(
            app.documents().minutes(first.id, DocumentKind::Minutes, ExportFormat::Md, Language::De, true).unwrap(),
        )
        .unwrap();
        assert!(md.starts_with("# Protokoll: Arbeit und Übergang"));
        assert!(md.contains("Sprachkurse für Eltern") && md.contains("A. M."), "{md}");
        assert!(!md.contains("Müller"), "pseudonymised");
        assert!(md.contains("Mehr Ausbildungsplätze") && !md.contains("Kitas für alle"), "only its own statements");
        let concept = String::from_utf8(
            app.documents().minutes(second.id, DocumentKind::Concept, ExportFormat::Md, Language::De, false).unwrap(),
        )
        .unwrap();
        assert!(concept.starts_with("# Konzeptentwurf: Integrationskonzept"));
        assert!(concept.contains("| W1 | Arbeit und Übergang |") && concept.contains("| W2 | Frühe Bildung |"));
        assert!(concept.contains("Quellen: W1 / Tisch 1 / Runde 1") && concept.contains("W2 / Abschluss"), "{concept}");

        for format in ExportFormat::ALL {
            let saved = app.documents().save_minutes(first.id, DocumentKind::Minutes, format, Language::De, false);
            let saved = saved.unwrap_or_else(|e| panic!("{format:?}: {e}"));
            assert!(saved.path.ends_with(&format!(".{}", format.extension())), "{}", saved.path);
            assert_eq!(std::fs::metadata(&saved.path).unwrap().len(), u64::from(saved.bytes));
        }
        let saved = app
            .documents()
            .save_minutes(first.id, DocumentKind::Concept, ExportFormat::Md, Language::En, false)
            .unwrap();
        assert!(saved.path.ends_with("Integrationskonzept – Concept draft.md"), "{}", saved.path);
        let saved = app
            .documents()
            .save_minutes(first.id, DocumentKind::Minutes, ExportFormat::Docx, Language::De, false)
            .unwrap();
        assert!(
            saved.path.ends_with("Arbeit und Übergang – Protokoll (2).docx"),
            "saved again, not replaced: {}",
            saved.path
        );
        assert!(std::path::Path::new(&saved.path).with_file_name("Arbeit und Übergang – Protokoll.docx").is_file());
        assert!(matches!(
            app.documents().minutes(WorkshopId::new(), DocumentKind::Minutes, ExportFormat::Md, Language::De, false),
            Err(AppError::NotFound { .. })
        ));
    }

    #[test]
    fn markdown_and_csv_read_no_photo_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let app = Cafehost::open(dir.path()).unwrap();
        let new = NewWorkshop { title: "Fotos".into(), process_title: None };
        let workshop = app.setup().create_workshop(&new).unwrap();
        let table = app.setup().add_table(workshop.id).unwrap();
        for n in 0..3 {
            app.notes().add_attachment(workshop.id, Some(table.id), None, &format!("foto{n}.png"), PNG).unwrap();
        }
        let documents = app.documents();
        let input = |format| {
            documents.minutes_input_for(workshop.id, DocumentKind::Minutes, format, Language::De, false, false).unwrap()
        };
        for format in ExportFormat::ALL {
            let photos = &input(format).workshops[0].photos;
            assert_eq!(photos.len(), 3, "{format:?}: every photo is listed");
            assert!(photos.iter().all(|p| p.media_type == "image/png"), "{format:?}");
            let loaded = photos.iter().filter(|p| !p.bytes.is_empty()).count();
            assert_eq!(loaded, if format.embeds_photos() { 3 } else { 0 }, "{format:?}");
        }
        let md = documents.minutes(workshop.id, DocumentKind::Minutes, ExportFormat::Md, Language::De, false).unwrap();
        let md = String::from_utf8(md).unwrap();
        assert!(md.contains("foto2.png"), "the captions stay: {md}");
        let html =
            documents.minutes(workshop.id, DocumentKind::Minutes, ExportFormat::Html, Language::De, false).unwrap();
        assert_eq!(String::from_utf8(html).unwrap().matches("data:image/png;base64,").count(), 3);
    }

    #[test]
    fn format_names_are_kebab_case() {
        assert_eq!(serde_json::to_string(&ExportFormat::CsvNotes).unwrap(), "\"csv-notes\"");
        assert_eq!(serde_json::to_string(&DocumentKind::Concept).unwrap(), "\"concept\"");
    }
}
