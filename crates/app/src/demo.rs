//! The demo workshop a new user finds on first start, so the app shows something real at once.
//! Its content lives in `assets/demo/` as data; this module turns it into a workshop.

use cafehost_core::{
    Attendance, CafeTable, Participant, ParticipantId, ParticipantInput, Round, RoundId, RoundInput, TableId,
    TableInput, TableQuestion, Workshop, WorkshopDetails, WorkshopId, WorkshopSetup,
};
use chrono::{NaiveDate, NaiveTime};
use serde::Deserialize;

use crate::{AppError, Result, Settings};

const DEMO_JSON: &str = include_str!("../../../assets/demo/integration-durch-bildung.json");

/// Title of the demo workshop.
pub const DEMO_TITLE: &str = "Integration durch Bildung";
/// The setting that names the demo workshop (its id).
const DEMO_SETTING: &str = "demo.workshop";

#[derive(Deserialize)]
struct DemoSeed {
    process: String,
    title: String,
    date: NaiveDate,
    start_time: NaiveTime,
    place: String,
    purpose: String,
    rounds: Vec<RoundInput>,
    tables: Vec<DemoTable>,
    participants: Vec<ParticipantInput>,
}

#[derive(Deserialize)]
struct DemoTable {
    number: u32,
    topic: String,
    capacity: u32,
    host: String,
    questions: Vec<String>,
}

impl Settings<'_> {
    /// Adds the demo workshop when the database holds no workshop; returns its id if added.
    pub fn seed_demo_if_empty(&self) -> Result<Option<WorkshopId>> {
        let seed: DemoSeed = serde_json::from_str(DEMO_JSON)
            .map_err(|e| AppError::Store(cafehost_store::StoreError::BadData(format!("demo workshop: {e}"))))?;
        let now = self.0.now();
        self.0.write(|s| {
            if !s.is_empty()? {
                return Ok(None);
            }
            let process = s.find_or_create_process(&seed.process, now)?;
            let setup = demo_setup(seed, process.id, now);
            let id = setup.workshop.id;
            s.insert_setup(&setup)?;
            // Marked, so the list says it is an example and offers to remove it.
            s.set_setting(DEMO_SETTING, &id.to_string())?;
            Ok(Some(id))
        })
    }
}

/// The demo as a workshop filed under `process`.
fn demo_setup(seed: DemoSeed, process: cafehost_core::ProcessId, now: chrono::DateTime<chrono::Utc>) -> WorkshopSetup {
    let id = WorkshopId::new();
    let rounds: Vec<Round> = (0u32..)
        .zip(seed.rounds)
        .map(|(position, input)| Round { id: RoundId::new(), workshop_id: id, position, input })
        .collect();
    let participants: Vec<Participant> = seed
        .participants
        .into_iter()
        .map(|input| Participant {
            id: ParticipantId::new(),
            workshop_id: id,
            input,
            attendance: Attendance::Expected,
            walk_in: false,
            created_at: now,
            updated_at: now,
        })
        .collect();
    let tables = seed
        .tables
        .into_iter()
        .map(|t| CafeTable {
            id: TableId::new(),
            workshop_id: id,
            input: TableInput {
                number: t.number,
                topic: t.topic,
                capacity: t.capacity,
                host_id: participants.iter().find(|p| p.display_name() == t.host).map(|p| p.id),
                questions: rounds
                    .iter()
                    .zip(t.questions)
                    .map(|(r, text)| TableQuestion { round_id: r.id, text })
                    .collect(),
            },
        })
        .collect();
    let details = WorkshopDetails {
        title: seed.title,
        date: Some(seed.date),
        start_time: Some(seed.start_time),
        place: seed.place,
        purpose: seed.purpose,
        ..WorkshopDetails::titled("")
    };
    let workshop = Workshop { id, process_id: Some(process), details, created_at: now, updated_at: now };
    WorkshopSetup { workshop, process: None, tables, rounds, participants }
}
