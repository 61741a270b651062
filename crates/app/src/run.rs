//! The café on the day: the agenda and its clock, check-in, and re-planning the rounds still to
//! come. The clock is stored after every action; the time left is computed from it and the
//! current time, so a restart (or a crash) resumes with the right time left.

use cafehost_core::run::{AgendaStep, RunAction, RunFrame, RunState, agenda};
use cafehost_core::{Attendance, Participant, ParticipantInput, WorkshopId};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{Cafehost, PlanOptions, Result, RotationPlan};

/// Everything the run screen and the projector show about the clock.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RunView {
    /// Welcome, rounds, breaks, harvest.
    pub agenda: Vec<AgendaStep>,
    /// The stored clock.
    pub state: RunState,
    /// The current step.
    pub current: Option<AgendaStep>,
    /// Seconds left in the current step when this view was made; negative when over time.
    pub remaining_seconds: i64,
    /// Whether the countdown runs.
    pub running: bool,
    /// The round people go to next (0-based), if any.
    pub next_round: Option<u32>,
    /// The first round a re-plan may change (0-based); earlier rounds are held or under way.
    pub first_open_round: Option<u32>,
    /// When this view was made, so a front end can count down from it.
    pub now: DateTime<Utc>,
}

impl Cafehost {
    /// The run clock of a workshop as of now.
    pub fn run_view(&self, workshop: WorkshopId) -> Result<RunView> {
        let rounds = self.store.rounds(workshop)?;
        let (state, frame) = self.store.run_state(workshop)?;
        Ok(view(&agenda(&rounds, frame), state, self.now()))
    }

    /// Starts, pauses, extends or moves the run on, and stores the result at once.
    pub fn run_action(&mut self, workshop: WorkshopId, action: RunAction) -> Result<RunView> {
        let rounds = self.store.rounds(workshop)?;
        let (state, frame) = self.store.run_state(workshop)?;
        let steps = agenda(&rounds, frame);
        let now = self.now();
        let next = state.apply(action, &steps, now);
        self.store.set_run_state(workshop, &next, &frame)?;
        Ok(view(&steps, next, now))
    }

    /// Changes the minutes of the welcome and the harvest.
    pub fn set_run_frame(&mut self, workshop: WorkshopId, frame: RunFrame) -> Result<RunView> {
        let (state, _) = self.store.run_state(workshop)?;
        let frame = RunFrame {
            welcome_minutes: frame.welcome_minutes.min(600),
            harvest_minutes: frame.harvest_minutes.min(600),
        };
        self.store.set_run_state(workshop, &state, &frame)?;
        self.run_view(workshop)
    }

    /// Adds someone who came without registration, checked in as present.
    pub fn add_walk_in(&mut self, workshop: WorkshopId, input: &ParticipantInput) -> Result<Participant> {
        let person = self.add_participant(workshop, input)?;
        self.set_attendance(person.id, Attendance::Present)
    }

    /// Re-plans the rounds that have not started (held rounds and the round under way stay),
    /// after check-in changes.
    pub fn replan_open_rounds(&mut self, workshop: WorkshopId, seed: u32) -> Result<RotationPlan> {
        let view = self.run_view(workshop)?;
        let Some(from_round) = view.first_open_round else {
            return self.rotation_plan(workshop);
        };
        self.plan_rotation(workshop, PlanOptions { from_round, seed })
    }
}

fn view(steps: &[AgendaStep], state: RunState, now: DateTime<Utc>) -> RunView {
    RunView {
        agenda: steps.to_vec(),
        current: state.current(steps),
        remaining_seconds: state.remaining_seconds(steps, now),
        running: state.running(),
        next_round: state.next_round(steps),
        first_open_round: state.first_open_round(steps),
        now,
        state,
    }
}
