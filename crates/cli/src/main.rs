//! `cafehost`: the headless, scriptable face of Cafehost. It works on the same database as the
//! desktop app through the same use cases, so what a script does is exactly what the app would.
//! Output for people is English; `--json` output is for scripts.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use cafehost_app::{
    AppError, Cafehost, DataDirLock, DocumentKind, ExportFormat, PrintOptions, Printable, WorkshopRef, resolve_data_dir,
};
use cafehost_core::import::{
    DuplicateBy, DuplicateOf, ImportOptions, ImportPreview, MappingProblem, RowProblem, RowProblemKind,
};
use cafehost_core::{FieldProblem, Language, NewWorkshop};
use cafehost_planner::{Budget, PlanError, PlanRequest};
use clap::{Parser, Subcommand};

#[allow(clippy::doc_markdown)] // these doc comments are the --help text, not rustdoc
#[derive(Parser)]
#[command(name = "cafehost", version, about = "Plan and harvest World Café workshops from the command line.")]
struct Cli {
    /// Data folder holding cafehost.db (default: $CAFEHOST_DATA_DIR, else the OS data folder).
    #[arg(long, global = true, value_name = "DIR")]
    data_dir: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Create and list workshops.
    #[command(subcommand)]
    Workshop(WorkshopCommand),
    /// Import, list and export participant lists.
    #[command(subcommand)]
    Participants(ParticipantsCommand),
    /// Check that the database opens and is sound: SQLite's full integrity check (every page, every
    /// index against its table) and the foreign-key check. Exits with 1 when it finds a problem.
    Check,
    /// Save a backup of the whole database (a self-contained Cafehost database file).
    Backup {
        /// The file to write (default: "Cafehost-Sicherung <date time>.db" in the export folder).
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Replace the database with a backup, after keeping the current state as an automatic
    /// backup (in the data folder's "backups"). The backup file is only read.
    Restore {
        /// The backup file.
        file: PathBuf,
        /// Only show what the backup holds; change nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Plan a rotation from a JSON instance (format: crates/planner/README.md) and print the plan
    /// with its quality report as JSON. Does not touch the database.
    Plan {
        /// The instance file.
        file: PathBuf,
        /// Seed of the search (overrides the file's `seed`); the same seed gives the same plan.
        #[arg(long)]
        seed: Option<u64>,
        /// Seconds the search may take; it prints the best plan found when the time is up.
        #[arg(long, value_name = "SECONDS", default_value_t = 10.0, value_parser = seconds)]
        time_limit: f64,
    },
    /// Write a printable of a workshop as PDF.
    Print {
        /// Which printable.
        #[arg(value_enum)]
        document: PrintDocument,
        /// Workshop id or unambiguous title.
        workshop: String,
        /// The PDF file to write.
        #[arg(long, value_name = "FILE.pdf")]
        out: PathBuf,
        /// Language of the printable (default: the workshop's).
        #[arg(long, value_enum)]
        lang: Option<PrintLanguage>,
        /// Table cards as a tent to fold along the middle (the card twice, one upside down).
        #[arg(long)]
        tent: bool,
    },
    /// Move workshops between laptops as one `.cafehost` file (photos and statements included).
    #[command(subcommand)]
    Bundle(BundleCommand),
    /// Write the minutes of a workshop, or the concept draft of its process.
    Export {
        /// Which document.
        #[arg(value_enum)]
        document: ExportDocument,
        /// Workshop id or unambiguous title. For `concept`: any workshop of the process, or the
        /// process's title.
        workshop: String,
        /// File format; `csv` writes the notes for minutes and the statements for a concept.
        #[arg(long, value_enum)]
        format: ExportFileFormat,
        /// The file to write.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Language of the document (default: the workshop's).
        #[arg(long, value_enum)]
        lang: Option<PrintLanguage>,
        /// Replace people's names by initials: attendance, table hosts, note authors, names
        /// inside notes, summaries and statements, owners that read as a person's name; photos
        /// are captioned without their file names.
        #[arg(long)]
        pseudonymise: bool,
        /// List the participants' names under their organisation (else only counts).
        #[arg(long)]
        include_names: bool,
    },
}

#[derive(Subcommand)]
enum BundleCommand {
    /// Write a workshop (with --process: every workshop of its process) to a bundle file.
    Export {
        /// Workshop id or unambiguous title.
        workshop: String,
        /// The whole process the workshop belongs to.
        #[arg(long)]
        process: bool,
        /// The bundle file to write.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Add what a bundle holds and this database does not have yet (importing twice changes nothing).
    Import {
        /// The bundle file.
        file: PathBuf,
    },
}

/// The documents of `cafehost export`.
#[derive(Clone, Copy, clap::ValueEnum)]
enum ExportDocument {
    /// The minutes of one workshop.
    Minutes,
    /// The concept draft of the workshop's process.
    Concept,
}

/// The file formats of `cafehost export`.
#[derive(Clone, Copy, clap::ValueEnum)]
enum ExportFileFormat {
    /// Word.
    Docx,
    /// PDF.
    Pdf,
    /// Markdown.
    Md,
    /// One HTML page with the photos.
    Html,
    /// Notes (minutes) or statements (concept) as CSV.
    Csv,
    /// The notes as CSV.
    CsvNotes,
    /// The statements as CSV.
    CsvStatements,
}

/// The printables, as named on the command line.
#[derive(Clone, Copy, clap::ValueEnum)]
enum PrintDocument {
    /// One A4 landscape card per table.
    TableCards,
    /// One A6 route card per participant, four to an A4 page.
    RouteCards,
    /// Per round, every table with its people.
    Seating,
    /// Everyone by organisation, with a signature column.
    SignIn,
}

/// Languages of the printables.
#[derive(Clone, Copy, clap::ValueEnum)]
enum PrintLanguage {
    /// German.
    De,
    /// English.
    En,
}

#[derive(Subcommand)]
enum WorkshopCommand {
    /// Create a workshop (three 20-minute rounds) and print its id.
    Create {
        /// Title of the workshop.
        #[arg(long)]
        title: String,
        /// Process to file it under (created when new).
        #[arg(long)]
        process: Option<String>,
    },
    /// List workshops by process.
    List {
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
enum ParticipantsCommand {
    /// Import a CSV file; nothing is written when any row is rejected, unless --skip-invalid.
    Import {
        /// Workshop id or unambiguous title.
        workshop: String,
        /// The CSV file (comma or semicolon; UTF-8, UTF-16 or Windows-1252).
        file: PathBuf,
        /// Only check the file and report what would be imported.
        #[arg(long)]
        dry_run: bool,
        /// Import the valid rows even when others are rejected.
        #[arg(long)]
        skip_invalid: bool,
        /// Import rows that look like people already on the list.
        #[arg(long)]
        include_duplicates: bool,
    },
    /// List participants.
    List {
        /// Workshop id or unambiguous title.
        workshop: String,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Write the participant list as CSV (for spreadsheets).
    Export {
        /// Workshop id or unambiguous title.
        workshop: String,
        /// Output file (default: standard output).
        #[arg(long)]
        out: Option<PathBuf>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("cafehost: {e}");
            ExitCode::FAILURE
        }
    }
}

/// What can go wrong in a command: the use case, or reading and writing the user's files.
enum Failure {
    App(AppError),
    File(PathBuf, std::io::Error),
}

impl From<AppError> for Failure {
    fn from(e: AppError) -> Self {
        Self::App(e)
    }
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::App(e) => e.fmt(f),
            Self::File(path, e) => write!(f, "{}: {e}", path.display()),
        }
    }
}

/// The longest `--time-limit` accepted: an hour.
const MAX_TIME_LIMIT: f64 = 3600.0;

/// A `--time-limit`: a number of seconds above 0 and at most an hour (`inf`, `nan` and negative
/// numbers are refused, not silently replaced).
fn seconds(text: &str) -> Result<f64, String> {
    let value: f64 = text.trim().parse().map_err(|_| format!("{text:?} is not a number of seconds"))?;
    if value.is_finite() && value > 0.0 && value <= MAX_TIME_LIMIT {
        Ok(value)
    } else {
        Err(format!("the time limit must be more than 0 and at most {MAX_TIME_LIMIT} seconds"))
    }
}

/// `cafehost plan`: reads, plans, prints; a refused instance is explained on standard error.
fn plan(file: &Path, seed: Option<u64>, time_limit: f64) -> Result<ExitCode, Failure> {
    let text = std::fs::read_to_string(file).map_err(|e| Failure::File(file.to_owned(), e))?;
    let refused = |e: &PlanError| {
        eprintln!("cafehost: {} ({})", e, e.code());
        if let Some(way_out) = e.suggestion() {
            eprintln!("  way out: {way_out}");
        }
        ExitCode::FAILURE
    };
    let mut request = match PlanRequest::from_json(&text) {
        Ok(request) => request,
        Err(e) => return Ok(refused(&e)),
    };
    if let Some(seed) = seed {
        request.seed = seed;
    }
    let limit = Duration::try_from_secs_f64(time_limit).unwrap_or(Duration::from_secs(10));
    let deadline = Instant::now() + limit;
    let stop = || Instant::now() >= deadline;
    match cafehost_planner::plan(&request, Budget::default().with_stop(&stop)) {
        Ok(outcome) => {
            let mut out = std::io::stdout().lock();
            writeln!(out, "{}", serde_json::to_string_pretty(&outcome).unwrap_or_default()).ok();
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => Ok(refused(&e)),
    }
}

/// `cafehost print`: one printable as PDF, in the language asked for or else the workshop's.
fn print(
    app: &Cafehost,
    document: PrintDocument,
    workshop: &WorkshopRef,
    path: &Path,
    lang: Option<PrintLanguage>,
    tent: bool,
) -> Result<(), Failure> {
    let id = app.people().resolve_workshop(workshop)?;
    let language = match lang {
        Some(PrintLanguage::De) => Language::De,
        Some(PrintLanguage::En) => Language::En,
        None => app.setup().workshop_setup(id)?.workshop.details.language,
    };
    let document = match document {
        PrintDocument::TableCards => Printable::TableCards,
        PrintDocument::RouteCards => Printable::RouteCards,
        PrintDocument::Seating => Printable::Seating,
        PrintDocument::SignIn => Printable::SignIn,
    };
    let pdf = app.documents().print_with(id, document, language, PrintOptions { tent, ..PrintOptions::default() })?;
    Ok(app.save_output(path, &pdf)?)
}

/// The workshop a concept draft is asked for by: a workshop, else the title of a process (its
/// newest workshop stands for it).
fn resolve_for_concept(app: &Cafehost, reference: &WorkshopRef) -> Result<cafehost_core::WorkshopId, Failure> {
    match app.people().resolve_workshop(reference) {
        Ok(id) => Ok(id),
        Err(e) => {
            // A process is named by its title as a workshop is (the core's title rule).
            let groups = app.setup().workshop_overview()?;
            let processes: Vec<(usize, String)> = groups
                .iter()
                .enumerate()
                .filter_map(|(i, g)| g.process.as_ref().map(|p| (i, p.title.clone())))
                .collect();
            match cafehost_core::setup::match_title(&reference.0, &processes) {
                cafehost_core::setup::TitleMatch::One(i) => {
                    groups[i].workshops.first().map(|w| w.id).ok_or(Failure::App(e))
                }
                _ => Err(Failure::App(e)),
            }
        }
    }
}

/// `cafehost export`: minutes or a concept draft in one format.
fn export(
    app: &Cafehost,
    document: ExportDocument,
    workshop: &WorkshopRef,
    format: ExportFileFormat,
    options: (Option<PrintLanguage>, bool, bool),
    path: &Path,
) -> Result<(), Failure> {
    let (lang, pseudonymise, include_names) = options;
    let kind = match document {
        ExportDocument::Minutes => DocumentKind::Minutes,
        ExportDocument::Concept => DocumentKind::Concept,
    };
    let id = match kind {
        DocumentKind::Minutes => app.people().resolve_workshop(workshop)?,
        DocumentKind::Concept => resolve_for_concept(app, workshop)?,
    };
    let language = match lang {
        Some(PrintLanguage::De) => Language::De,
        Some(PrintLanguage::En) => Language::En,
        None => app.setup().workshop_setup(id)?.workshop.details.language,
    };
    let format = match (format, kind) {
        (ExportFileFormat::Docx, _) => ExportFormat::Docx,
        (ExportFileFormat::Pdf, _) => ExportFormat::Pdf,
        (ExportFileFormat::Md, _) => ExportFormat::Md,
        (ExportFileFormat::Html, _) => ExportFormat::Html,
        (ExportFileFormat::Csv, DocumentKind::Minutes) | (ExportFileFormat::CsvNotes, _) => ExportFormat::CsvNotes,
        (ExportFileFormat::Csv, DocumentKind::Concept) | (ExportFileFormat::CsvStatements, _) => {
            ExportFormat::CsvStatements
        }
    };
    let bytes = app.documents().minutes_with_names(id, kind, format, language, pseudonymise, include_names)?;
    Ok(app.save_output(path, &bytes)?)
}

/// `cafehost check`: the full check; exit 1 with a way out when the file is damaged.
fn check(app: &Cafehost, out: &mut impl Write) -> Result<ExitCode, Failure> {
    match app.settings().check()? {
        None => {
            writeln!(out, "{}: ok", app.database_path().display()).ok();
            Ok(ExitCode::SUCCESS)
        }
        Some(problems) => {
            eprintln!("{}: damaged: {problems}", app.database_path().display());
            eprintln!(
                "  way out: restore the newest backup (cafehost restore FILE; automatic ones are in the data folder's \"backups\")"
            );
            Ok(ExitCode::FAILURE)
        }
    }
}

/// `cafehost restore`: what a backup holds, and with `dry_run` nothing more.
fn restore(app: &Cafehost, dir: &Path, file: &Path, dry_run: bool, out: &mut impl Write) -> Result<(), Failure> {
    // A restore replaces the whole file: never under an open window, which would go on showing
    // (and saving) the state it replaced.
    let _held = if dry_run { None } else { Some(DataDirLock::acquire(dir)?) };
    let shown = if dry_run { app.backups().preview(file)? } else { app.backups().restore(file)? };
    let verb = if dry_run { "holds" } else { "restored" };
    writeln!(
        out,
        "{verb}: {} workshops, {} participants, {} notes, {} photos, {} statements",
        shown.workshops.len(),
        shown.participants,
        shown.notes,
        shown.photos,
        shown.statements
    )
    .ok();
    for w in &shown.workshops {
        writeln!(out, "  {}", w.title).ok();
    }
    Ok(())
}

/// `cafehost bundle export|import`.
fn bundle(app: &Cafehost, command: BundleCommand, out: &mut impl Write) -> Result<(), Failure> {
    match command {
        BundleCommand::Export { workshop, process, out: path } => {
            let id = app.people().resolve_workshop(&WorkshopRef(workshop))?;
            let saved = app.bundles().export_bundle(id, process, Some(path))?;
            writeln!(out, "{}", saved.path).ok();
        }
        BundleCommand::Import { file } => {
            let o = app.bundles().import_bundle(&file)?;
            writeln!(
                out,
                "added {} workshops ({} already here), {} notes, {} photos, {} statements",
                o.workshops_added, o.workshops_known, o.notes_added, o.photos_added, o.statements_added
            )
            .ok();
            if o.added_to_known > 0 {
                writeln!(out, "{} of them in workshops already here (new there, or deleted here)", o.added_to_known)
                    .ok();
            }
            if o.matched > 0 {
                writeln!(out, "{} re-created tables or rounds taken as the ones with the same number here", o.matched)
                    .ok();
            }
            if o.skipped > 0 {
                writeln!(out, "{} entries left out: their ids belong to other data here", o.skipped).ok();
            }
        }
    }
    Ok(())
}

fn run(cli: Cli) -> Result<ExitCode, Failure> {
    if let Command::Plan { file, seed, time_limit } = &cli.command {
        return plan(file, *seed, *time_limit);
    }
    let dir = resolve_data_dir(cli.data_dir)?;
    let app = Cafehost::open(&dir)?;
    let mut out = std::io::stdout().lock();
    match cli.command {
        Command::Check => return check(&app, &mut out),
        Command::Backup { out: path } => {
            let saved = app.backups().save(path.as_deref())?;
            writeln!(out, "{}", saved.path).ok();
        }
        Command::Restore { file, dry_run } => restore(&app, &dir, &file, dry_run, &mut out)?,
        // Planned above, without opening the database.
        Command::Plan { .. } => {}
        Command::Workshop(WorkshopCommand::Create { title, process }) => {
            let workshop = app.setup().create_workshop(&NewWorkshop { title, process_title: process })?;
            writeln!(out, "{}", workshop.id).ok();
        }
        Command::Workshop(WorkshopCommand::List { json }) => {
            let groups = app.setup().workshop_overview()?;
            if json {
                writeln!(out, "{}", serde_json::to_string_pretty(&groups).unwrap_or_default()).ok();
            } else {
                for group in groups {
                    let heading = group.process.map_or_else(|| "(no process)".to_owned(), |p| p.title);
                    writeln!(out, "{heading}").ok();
                    for w in group.workshops {
                        let date = w.date.map(|d| d.to_string()).unwrap_or_default();
                        writeln!(
                            out,
                            "  {}  {:<10}  {}  ({} tables, {} rounds, {} participants)",
                            w.id, date, w.title, w.table_count, w.round_count, w.participant_count
                        )
                        .ok();
                    }
                }
            }
        }
        Command::Participants(ParticipantsCommand::Import {
            workshop,
            file,
            dry_run,
            skip_invalid,
            include_duplicates,
        }) => {
            let id = app.people().resolve_workshop(&WorkshopRef(workshop))?;
            let bytes = std::fs::read(&file).map_err(|e| Failure::File(file.clone(), e))?;
            let options = ImportOptions { skip_invalid, include_duplicates };
            let checked = app.people().preview_import(id, &bytes, None, options)?;
            report(&checked.preview);
            let blocked = checked.decision.refusal.is_some();
            if dry_run {
                return Ok(if blocked { ExitCode::FAILURE } else { ExitCode::SUCCESS });
            }
            if blocked {
                eprintln!("nothing imported (fix the rows above, or pass --skip-invalid)");
                return Ok(ExitCode::FAILURE);
            }
            let outcome = app.people().import_participants(id, &bytes, None, options)?;
            writeln!(
                out,
                "imported {} participants ({} rows skipped as invalid, {} as duplicates)",
                outcome.imported, outcome.skipped_invalid, outcome.skipped_duplicates
            )
            .ok();
        }
        Command::Participants(ParticipantsCommand::List { workshop, json }) => {
            let id = app.people().resolve_workshop(&WorkshopRef(workshop))?;
            let people = app.people().participants(id)?;
            if json {
                writeln!(out, "{}", serde_json::to_string_pretty(&people).unwrap_or_default()).ok();
            } else {
                for p in people {
                    writeln!(out, "{}\t{}\t{}\t{}", p.id, p.display_name(), p.input.organisation, p.input.group).ok();
                }
            }
        }
        Command::Print { document, workshop, out: path, lang, tent } => {
            print(&app, document, &WorkshopRef(workshop), &path, lang, tent)?;
            writeln!(out, "{}", path.display()).ok();
        }
        Command::Export { document, workshop, format, out: path, lang, pseudonymise, include_names } => {
            export(&app, document, &WorkshopRef(workshop), format, (lang, pseudonymise, include_names), &path)?;
            writeln!(out, "{}", path.display()).ok();
        }
        Command::Bundle(command) => bundle(&app, command, &mut out)?,
        Command::Participants(ParticipantsCommand::Export { workshop, out: path }) => {
            let id = app.people().resolve_workshop(&WorkshopRef(workshop))?;
            let csv = app.people().export_participants_csv(id)?;
            match path {
                Some(path) => app.save_output(&path, &csv)?,
                None => {
                    out.write_all(&csv).ok();
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Prints every problem of a preview to standard error, by line and column.
fn report(preview: &ImportPreview) {
    for problem in &preview.mapping_problems {
        eprintln!("columns: {}", describe_mapping(problem));
    }
    for row in &preview.rows {
        for problem in &row.problems {
            eprintln!("line {}: {}", row.line, describe_row(problem));
        }
        for warning in &row.warnings {
            eprintln!("line {}: warning: {}", row.line, describe_row(warning));
        }
        if let Some(duplicate) = &row.duplicate_of {
            let (of, by) = match duplicate {
                DuplicateOf::Existing { name, by } => (format!("{name}, already on the list"), by),
                DuplicateOf::EarlierRow { line, by } => (format!("line {line}"), by),
            };
            let by = match by {
                DuplicateBy::Name => "same name",
                DuplicateBy::Email => "same e-mail address",
            };
            eprintln!("line {}: possible duplicate of {of} ({by})", row.line);
        }
    }
    eprintln!(
        "{} rows: {} ready, {} rejected, {} possible duplicates",
        preview.rows.len(),
        preview.rows.len() - preview.invalid_count(),
        preview.invalid_count(),
        preview.duplicate_count()
    );
}

fn describe_mapping(problem: &MappingProblem) -> String {
    match problem {
        MappingProblem::NoNameColumn => "no column gives a name (expected e.g. Vorname/Nachname or Name)".to_owned(),
        MappingProblem::WrongColumnCount { expected, found } => format!("{found} roles for {expected} columns"),
        MappingProblem::RoleTwice { role } => format!("{role:?} is given to two columns"),
        MappingProblem::SameHeader { header, columns } => format!(
            "the columns {} are all called \"{header}\" and only one would be kept; map all but one to Ignore",
            columns.iter().map(u32::to_string).collect::<Vec<_>>().join(", ")
        ),
    }
}

fn describe_row(problem: &RowProblem) -> String {
    let place = match (&problem.column, &problem.column_name) {
        (Some(c), Some(name)) => format!("column {c} ({name}): "),
        (Some(c), None) => format!("column {c}: "),
        _ => String::new(),
    };
    let what = match &problem.kind {
        RowProblemKind::CellCount { expected, found } => format!("{found} cells, but the header has {expected}"),
        RowProblemKind::Unreadable => {
            "unreadable characters (bytes that are not UTF-8, shown as \u{fffd}); save the file as CSV UTF-8".to_owned()
        }
        RowProblemKind::QuoteSpansLines { opened, closed } => format!(
            "a quote opened in line {opened} closes only in line {closed}, so those lines became one cell; check the quotes"
        ),
        RowProblemKind::LostLetters { field } => {
            format!("{field} contains \"?\": letters were probably lost before the file was saved")
        }
        RowProblemKind::Field { field, problem } => match problem {
            FieldProblem::Required => format!("{field} is missing"),
            FieldProblem::TooLong { max } => format!("{field} is longer than {max} characters"),
            FieldProblem::OutOfRange { min, max } => format!("{field} must be between {min} and {max}"),
            FieldProblem::Malformed => format!("{field} is not valid"),
            FieldProblem::Taken => format!("{field} is already used"),
            FieldProblem::BeforeStart => format!("{field} is before the start"),
        },
    };
    format!("{place}{what}")
}
