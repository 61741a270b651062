//! Capture by phone: the use cases behind the page a table host opens by scanning the table's
//! QR code, and behind the dot vote in the plenary. Each request names a table by its access
//! code; the code opens that table of the workshop being served and nothing else. Writes go
//! through the same paths as the window's (`Notes`), marked as coming from a phone; the rules of
//! what a phone may do are the core's (`cafehost_core::phone`). The HTTP server that calls these
//! lives in `cafehost-phones`.

use std::collections::BTreeMap;

use base64::Engine as _;
use cafehost_core::consolidation::{LabelTexts, StatementLabels};
use cafehost_core::phone::{self, ACCESS_CODE_BYTES, Ballot, DotVote, PhoneRefusal};
use cafehost_core::run::agenda;
use cafehost_core::{
    Attachment, AttachmentId, Note, NoteId, NoteInput, NoteKind, RoundId, Source, Statement, StatementId,
    StatementLevel, TableId, WorkshopId,
};
use cafehost_store::{Scope, Store};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::notes::{NotePlace, check_place, new_note};
use crate::{AppError, Cafehost, Result};

/// What a table's access code opens: one table of one workshop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TablePass {
    /// The workshop.
    pub workshop: WorkshopId,
    /// The table.
    pub table: TableId,
}

/// A table with its access code, for the QR codes in the app and on the cards.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TableAccess {
    /// The table.
    pub table_id: TableId,
    /// Its number.
    pub number: u32,
    /// Its topic.
    pub topic: String,
    /// The code (base64url, 24 characters).
    pub code: String,
}

/// The round a phone writes into.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct HostRound {
    /// The round.
    pub id: RoundId,
    /// Counted from 1.
    pub number: u32,
    /// The table's question for it, else the round's.
    pub question: String,
}

/// A note as the host's phone shows it: no author, no other table's words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct HostNote {
    /// The note (the id the phone chose, for its own notes).
    pub id: NoteId,
    /// Its round, counted from 1 (`None`: no round).
    pub round: Option<u32>,
    /// The text.
    pub text: String,
    /// Whether this phone may still edit or delete it.
    pub editable: bool,
}

/// Everything the host's page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct HostView {
    /// The workshop's title.
    pub workshop: String,
    /// The table's number.
    pub table_number: u32,
    /// The table's topic.
    pub topic: String,
    /// The round being written, if the workshop has rounds.
    pub round: Option<HostRound>,
    /// The table's notes so far, oldest first (so the host can brief newcomers).
    pub notes: Vec<HostNote>,
    /// The table's summary.
    pub summary: String,
    /// How many photos this table has.
    pub photos: u32,
}

/// A statement as the ballot shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BallotItem {
    /// The statement.
    pub id: StatementId,
    /// Its level.
    pub level: StatementLevel,
    /// Its label ("Z 2.1"; "G 2.1" in English): each page shows the one of its language.
    pub label: LabelTexts,
    /// Its text.
    pub text: String,
    /// Its votes now.
    pub votes: u32,
}

/// Capture by phone: access codes, the host's page, dot votes.
pub struct Phones<'a>(pub(crate) &'a Cafehost);

fn new_code() -> Result<String> {
    let mut bytes = [0u8; ACCESS_CODE_BYTES];
    getrandom::fill(&mut bytes).map_err(|e| AppError::Export(format!("no random numbers: {e}")))?;
    Ok(base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes))
}

fn refused(refusal: PhoneRefusal) -> AppError {
    AppError::PhoneRefused { code: refusal.code() }
}

/// The round being written now in `workshop` (`None` without rounds).
fn writing_round(s: &Store, workshop: WorkshopId) -> Result<Option<(u32, RoundId)>> {
    let rounds = s.rounds(workshop)?;
    let (state, frame) = s.run_state(workshop)?;
    Ok(phone::writing_round(&state, &agenda(&rounds, frame))
        .and_then(|index| rounds.get(index as usize).map(|r| (index, r.id))))
}

impl Phones<'_> {
    /// The access codes of a workshop's tables, by number; tables without one get one now.
    pub fn access_codes(&self, workshop: WorkshopId) -> Result<Vec<TableAccess>> {
        let now = self.0.now();
        let (tables, codes) = self.0.read(|s| Ok((s.tables(workshop)?, s.access_codes(workshop)?)))?;
        if tables.iter().any(|t| !codes.iter().any(|(id, _)| *id == t.id)) {
            self.0.write(|s| {
                let have = s.access_codes(workshop)?;
                for table in s.tables(workshop)? {
                    if !have.iter().any(|(id, _)| *id == table.id) {
                        s.set_access_code(table.id, &new_code()?, now)?;
                    }
                }
                Ok(())
            })?;
        }
        self.0.read(|s| {
            let codes = s.access_codes(workshop)?;
            Ok(s.tables(workshop)?
                .into_iter()
                .filter_map(|t| {
                    let code = codes.iter().find(|(id, _)| *id == t.id)?.1.clone();
                    Some(TableAccess { table_id: t.id, number: t.input.number, topic: t.input.topic, code })
                })
                .collect())
        })
    }

    /// Gives a table a new code; the old one stops working at once.
    pub fn renew_access_code(&self, table: TableId) -> Result<TableAccess> {
        let now = self.0.now();
        let code = new_code()?;
        self.0.write(|s| {
            let t = s.table(table)?;
            s.set_access_code(table, &code, now)?;
            Ok(TableAccess { table_id: t.id, number: t.input.number, topic: t.input.topic, code })
        })
    }

    /// Gives every table of a workshop a new code (at the end of a café, or when a card went
    /// astray); every old code stops working at once.
    pub fn renew_all_access_codes(&self, workshop: WorkshopId) -> Result<Vec<TableAccess>> {
        let now = self.0.now();
        self.0.write(|s| {
            for table in s.tables(workshop)? {
                s.set_access_code(table.id, &new_code()?, now)?;
            }
            Ok(())
        })?;
        self.access_codes(workshop)
    }

    /// The table `code` opens, if it is a current code of a table of `serving` (the workshop
    /// whose capture is switched on).
    pub fn pass(&self, serving: WorkshopId, code: &str) -> Result<TablePass> {
        if !phone::is_access_code(code) {
            return Err(refused(PhoneRefusal::UnknownCode));
        }
        match self.0.read(|s| Ok(s.table_with_access_code(code)?))? {
            Some((workshop, table)) if workshop == serving => Ok(TablePass { workshop, table }),
            Some(_) => Err(refused(PhoneRefusal::NotOpen)),
            None => Err(refused(PhoneRefusal::UnknownCode)),
        }
    }

    /// What the host's page shows for the table.
    pub fn host_view(&self, pass: TablePass) -> Result<HostView> {
        self.0.read(|s| {
            let workshop = s.workshop(pass.workshop)?;
            let table = s.table(pass.table)?;
            let rounds = s.rounds(pass.workshop)?;
            let writing = writing_round(s, pass.workshop)?;
            let round = writing.and_then(|(index, id)| {
                let round = rounds.iter().find(|r| r.id == id)?;
                let question = table
                    .input
                    .questions
                    .iter()
                    .find(|q| q.round_id == id && !q.text.trim().is_empty())
                    .map_or_else(|| round.input.question.clone(), |q| q.text.clone());
                Some(HostRound { id, number: index + 1, question })
            });
            let number_of = |r: Option<RoundId>| {
                r.and_then(|r| rounds.iter().position(|x| x.id == r)).and_then(|i| u32::try_from(i + 1).ok())
            };
            let notes = s.notes(Scope::Workshop(pass.workshop))?;
            let summary = cafehost_core::capture::find_summary(&notes, NoteKind::TableSummary, Some(pass.table))
                .map(|n| n.text.clone())
                .unwrap_or_default();
            let notes = notes
                .iter()
                .filter(|n| n.table_id == Some(pass.table) && n.kind == NoteKind::Note)
                .map(|n| HostNote {
                    id: n.id,
                    round: number_of(n.round_id),
                    text: n.text.clone(),
                    editable: phone::check_phone_change(n, pass.table, writing.map(|(_, id)| id)).is_ok(),
                })
                .collect();
            let photos = s.attachments(pass.workshop)?.iter().filter(|a| a.table_id == Some(pass.table)).count();
            Ok(HostView {
                workshop: workshop.details.title,
                table_number: table.input.number,
                topic: table.input.topic,
                round,
                notes,
                summary,
                photos: u32::try_from(photos).unwrap_or(u32::MAX),
            })
        })
    }

    /// Writes a note from the table's phone under the id the phone chose: the first time it is
    /// created (in `round`, or the round being written), a retry of the same id answers what is
    /// stored, a changed text edits it while its round is being written. So a page that sends
    /// again after a dropped connection never makes a note twice.
    pub fn put_note(&self, pass: TablePass, id: NoteId, round: Option<RoundId>, text: &str) -> Result<Note> {
        let input = NoteInput { text: text.to_owned(), ..NoteInput::default() }.validated()?;
        let now = self.0.now();
        self.0.write(|s| {
            if let Some(stored) = s.find_note(id)? {
                if !phone::is_retry_of(&stored, pass.table) {
                    return Err(refused(PhoneRefusal::IdTaken));
                }
                if stored.text == input.text {
                    return Ok(stored);
                }
                let writing = writing_round(s, pass.workshop)?.map(|(_, id)| id);
                phone::check_phone_change(&stored, pass.table, writing).map_err(refused)?;
                let input = NoteInput { tags: stored.tags.clone(), author: stored.author.clone(), ..input };
                return Ok(s.update_note(id, &input, now)?);
            }
            let round = match round {
                Some(r) => Some(r),
                None => writing_round(s, pass.workshop)?.map(|(_, id)| id),
            };
            check_place(s, pass.workshop, Some(pass.table), round)?;
            let place = NotePlace { workshop: pass.workshop, table: Some(pass.table), round, source: Source::Phone };
            let note = new_note(id, &place, NoteKind::Note, input, now);
            s.insert_note(&note)?;
            Ok(note)
        })
    }

    /// Deletes a note the table's phone wrote in the round being written. Deleting what is
    /// already gone succeeds (a retry).
    pub fn delete_note(&self, pass: TablePass, id: NoteId) -> Result<()> {
        self.0.write(|s| {
            let Some(stored) = s.find_note(id)? else { return Ok(()) };
            let writing = writing_round(s, pass.workshop)?.map(|(_, id)| id);
            phone::check_phone_change(&stored, pass.table, writing).map_err(refused)?;
            Ok(s.delete_note(id)?)
        })
    }

    /// Sets the table's summary from its phone (the same rule as in the window).
    pub fn set_summary(&self, pass: TablePass, text: &str) -> Result<Option<Note>> {
        let input = NoteInput { text: text.to_owned(), ..NoteInput::default() };
        self.0.notes().set_summary_from(Source::Phone, pass.workshop, Some(pass.table), NoteKind::TableSummary, &input)
    }

    /// Stores a photo of the tablecloth under the id the phone chose, in the round being
    /// written; a retry of the same id answers what is stored.
    pub fn add_photo(&self, pass: TablePass, id: AttachmentId, file_name: &str, bytes: &[u8]) -> Result<Attachment> {
        let round = self.0.read(|s| writing_round(s, pass.workshop))?.map(|(_, id)| id);
        let place = NotePlace { workshop: pass.workshop, table: Some(pass.table), round, source: Source::Phone };
        let attachment = self.0.notes().new_photo(id, &place, file_name, bytes)?;
        // Its document copy is made now, unlocked (a phone sends a photo made small already).
        let copy = crate::minutes::kept_copy(&attachment, bytes.to_vec());
        self.0.write(|s| {
            if let Some(stored) = s.find_attachment(id)? {
                return if stored.table_id == Some(pass.table) && stored.source == Source::Phone {
                    Ok(stored)
                } else {
                    Err(refused(PhoneRefusal::IdTaken))
                };
            }
            check_place(s, pass.workshop, Some(pass.table), round)?;
            s.insert_attachment(&attachment, bytes)?;
            s.save_attachment_copies(std::slice::from_ref(&copy))?;
            Ok(attachment)
        })
    }

    /// The statements of a workshop's process (or the workshop) that a dot vote can be held on,
    /// with their number and votes.
    pub fn ballot_items(&self, workshop: WorkshopId) -> Result<Vec<BallotItem>> {
        self.0.read(|s| {
            let scope = crate::harvest::scope_of(s, workshop)?;
            let statements = s.statements(scope)?;
            let labels = StatementLabels::new(&statements, &s.fields_of_action(scope)?);
            Ok(statements.iter().map(|st| ballot_item(st, &labels)).collect())
        })
    }

    /// Checks a vote before it opens: valid, and every statement of the workshop's scope.
    /// Answers the checked vote and the votes the statements have now (the tally adds to them).
    pub fn open_vote(&self, workshop: WorkshopId, vote: DotVote) -> Result<(DotVote, BTreeMap<StatementId, u32>)> {
        let vote = vote.validated()?;
        self.0.read(|s| {
            let scope = crate::harvest::scope_of(s, workshop)?;
            let statements = s.statements(scope)?;
            let mut before = BTreeMap::new();
            for id in &vote.statements {
                let statement =
                    statements.iter().find(|st| st.id == *id).ok_or(AppError::NotFound { entity: "statement" })?;
                before.insert(*id, statement.votes);
            }
            Ok((vote.clone(), before))
        })
    }

    /// Stores the tally of a vote: the statements' votes as counted from `before` and the
    /// ballots (one per browser). Called after every ballot, so the counts on disk are always
    /// the counts shown.
    pub fn store_tally<'b>(
        &self,
        vote: &DotVote,
        before: &BTreeMap<StatementId, u32>,
        ballots: impl IntoIterator<Item = &'b Ballot>,
    ) -> Result<BTreeMap<StatementId, u32>> {
        let counted = phone::tally(vote, before, ballots);
        let now = self.0.now();
        let pairs: Vec<(StatementId, u32)> = counted.iter().map(|(s, v)| (*s, *v)).collect();
        self.0.write(|s| Ok(s.set_statement_votes(&pairs, now)?))?;
        Ok(counted)
    }

    /// The statements of a vote as the ballot shows them, in the vote's order.
    pub fn ballot(&self, workshop: WorkshopId, vote: &DotVote) -> Result<Vec<BallotItem>> {
        let items = self.ballot_items(workshop)?;
        Ok(vote.statements.iter().filter_map(|id| items.iter().find(|i| i.id == *id).cloned()).collect())
    }
}

fn ballot_item(statement: &Statement, labels: &StatementLabels) -> BallotItem {
    let label = labels.get(statement.id).map(LabelTexts::of).unwrap_or_default();
    BallotItem { id: statement.id, level: statement.level, label, text: statement.text.clone(), votes: statement.votes }
}
