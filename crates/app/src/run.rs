//! The café on the day: the agenda and its clock, check-in, and re-planning the rounds still to
//! come. The clock is stored after every action; the time left is computed from it and the
//! current time, so a restart (or a crash) resumes with the right time left.

use cafehost_core::run::{AgendaStep, RunAction, RunFrame, RunState, ScheduledStep, agenda, schedule};
use cafehost_core::{Attendance, Participant, ParticipantId, ParticipantInput, WorkshopId};
use chrono::{DateTime, NaiveTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{Cafehost, PlanOptions, Result, RotationPlan};

/// Everything the run screen and the projector show about the clock.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RunView {
    /// Welcome, rounds, breaks, harvest.
    pub agenda: Vec<AgendaStep>,
    /// The agenda with clock times (when the workshop has a start time): the one timetable.
    pub schedule: Vec<ScheduledStep>,
    /// Minutes of the welcome and the harvest.
    pub frame: RunFrame,
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

/// The day of the café: the agenda and its clock, check-in, walk-ins, re-planning.
pub struct Run<'a>(pub(crate) &'a Cafehost);

impl Run<'_> {
    /// The run clock of a workshop as of now.
    pub fn run_view(&self, workshop: WorkshopId) -> Result<RunView> {
        let now = self.0.now();
        self.0.read(|s| {
            let details = s.workshop(workshop)?.details;
            let rounds = s.rounds(workshop)?;
            let (state, frame) = s.run_state(workshop)?;
            Ok(view(&agenda(&rounds, frame), details.start_time, state, frame, now))
        })
    }

    /// Starts, pauses, extends, shortens or moves the run on, and stores the result at once.
    pub fn run_action(&self, workshop: WorkshopId, action: RunAction) -> Result<RunView> {
        let now = self.0.now();
        self.0.write(|s| {
            let details = s.workshop(workshop)?.details;
            let rounds = s.rounds(workshop)?;
            let (state, frame) = s.run_state(workshop)?;
            let steps = agenda(&rounds, frame);
            let next = state.apply(action, &steps, now);
            s.set_run_state(workshop, &next, &frame)?;
            Ok(view(&steps, details.start_time, next, frame, now))
        })
    }

    /// Changes the minutes of the welcome and the harvest.
    pub fn set_run_frame(&self, workshop: WorkshopId, frame: RunFrame) -> Result<RunView> {
        let frame = frame.validated()?;
        self.0.write(|s| {
            let (state, _) = s.run_state(workshop)?;
            Ok(s.set_run_state(workshop, &state, &frame)?)
        })?;
        self.run_view(workshop)
    }

    /// Records check-in, no-show or departure.
    pub fn set_attendance(&self, participant: ParticipantId, attendance: Attendance) -> Result<Participant> {
        let now = self.0.now();
        self.0.write(|s| {
            s.set_attendance(participant, attendance, now)?;
            Ok(s.participant(participant)?)
        })
    }

    /// Adds someone who came without registration, checked in as present (one transaction).
    pub fn add_walk_in(&self, workshop: WorkshopId, input: &ParticipantInput) -> Result<Participant> {
        let input = input.validated()?;
        let person = Participant {
            attendance: Attendance::Present,
            walk_in: true,
            ..crate::participants::new_participant(workshop, input, self.0.now())
        };
        self.0.write(|s| {
            s.workshop(workshop)?;
            s.insert_participants(std::slice::from_ref(&person))?;
            Ok(s.participant(person.id)?)
        })
    }

    /// Re-plans the rounds that have not started (held rounds and the round under way stay),
    /// after check-in changes.
    pub fn replan_open_rounds(&self, workshop: WorkshopId, seed: u32) -> Result<RotationPlan> {
        let seating = self.0.seating();
        let Some(from_round) = self.run_view(workshop)?.first_open_round else {
            return seating.rotation_plan(workshop);
        };
        seating.plan_rotation(workshop, PlanOptions { from_round, seed })
    }
}

fn view(
    steps: &[AgendaStep],
    start: Option<NaiveTime>,
    state: RunState,
    frame: RunFrame,
    now: DateTime<Utc>,
) -> RunView {
    RunView {
        agenda: steps.to_vec(),
        schedule: schedule(steps, start),
        frame,
        current: state.current(steps),
        remaining_seconds: state.remaining_seconds(steps, now),
        running: state.running(),
        next_round: state.next_round(steps),
        first_open_round: state.first_open_round(steps),
        now,
        state,
    }
}
