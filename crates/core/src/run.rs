//! The café on the day: its agenda (welcome, rounds with their breaks, harvest) and the run
//! clock. The clock is a few numbers that are stored after every action, so the time left can be
//! recomputed from them and "now" after a restart or a crash: nothing ticks in memory. After a
//! re-plan, [`route_cards_to_reprint`] says whose route cards to print again.

use chrono::{DateTime, Duration, NaiveTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{Attendance, Participant, ParticipantId, Round, Seat};

/// What happens in one step of the agenda.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum StepKind {
    /// Arrival, welcome, explaining the café.
    Welcome,
    /// A conversation round.
    Round,
    /// A break after a round (people find their next table).
    Break,
    /// The closing harvest in plenary.
    Harvest,
}

/// One step of the agenda.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AgendaStep {
    /// What it is.
    pub kind: StepKind,
    /// For a round, its 0-based index; for a break, the round it follows.
    pub round: Option<u32>,
    /// Planned length.
    pub minutes: u32,
}

/// Minutes of the welcome and of the harvest, which the rounds do not say.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RunFrame {
    /// Welcome before the first round.
    pub welcome_minutes: u32,
    /// Harvest after the last round.
    pub harvest_minutes: u32,
}

impl Default for RunFrame {
    fn default() -> Self {
        Self { welcome_minutes: 10, harvest_minutes: 20 }
    }
}

/// The agenda of a workshop: welcome, each round followed by its break (when it has one; none
/// after the last round), harvest.
pub fn agenda(rounds: &[Round], frame: RunFrame) -> Vec<AgendaStep> {
    let mut steps = vec![AgendaStep { kind: StepKind::Welcome, round: None, minutes: frame.welcome_minutes }];
    for (i, round) in rounds.iter().enumerate() {
        let index = u32::try_from(i).unwrap_or(u32::MAX);
        steps.push(AgendaStep { kind: StepKind::Round, round: Some(index), minutes: round.input.duration_minutes });
        if round.input.break_after_minutes > 0 && i + 1 < rounds.len() {
            steps.push(AgendaStep {
                kind: StepKind::Break,
                round: Some(index),
                minutes: round.input.break_after_minutes,
            });
        }
    }
    steps.push(AgendaStep { kind: StepKind::Harvest, round: None, minutes: frame.harvest_minutes });
    steps
}

/// One step of the agenda with its clock times, when the workshop has a start time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ScheduledStep {
    /// The step.
    pub step: AgendaStep,
    /// When it starts by the plan.
    pub starts: Option<NaiveTime>,
    /// When it ends by the plan.
    pub ends: Option<NaiveTime>,
}

/// The timetable of a workshop: every step of the agenda with planned clock times counted from
/// `start`. This is the one timetable that the run screen, the projector, the printouts and the
/// minutes show, so round 1 starts after the welcome everywhere.
pub fn schedule(agenda: &[AgendaStep], start: Option<NaiveTime>) -> Vec<ScheduledStep> {
    let mut clock = start;
    agenda
        .iter()
        .map(|step| {
            let starts = clock;
            let ends = starts.map(|t| t + Duration::minutes(i64::from(step.minutes)));
            clock = ends;
            ScheduledStep { step: *step, starts, ends }
        })
        .collect()
}

/// Start and end of each conversation round by the schedule, indexed by round (0-based).
pub fn round_times(schedule: &[ScheduledStep]) -> Vec<Option<(NaiveTime, NaiveTime)>> {
    schedule.iter().filter(|s| s.step.kind == StepKind::Round).map(|s| s.starts.zip(s.ends)).collect()
}

/// When the workshop ends by the schedule (the end of its last step).
pub fn planned_end(schedule: &[ScheduledStep]) -> Option<NaiveTime> {
    schedule.last().and_then(|s| s.ends)
}

/// A re-plan was asked for rounds that are held or under way.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("rounds before {} are held or under way", .first_open.map_or_else(|| "the end".to_owned(), |r| (r + 1).to_string()))]
pub struct RoundsLocked {
    /// The first round that may still be planned (0-based); `None` when every round has begun.
    pub first_open: Option<u32>,
}

/// What the moderator does with the clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum RunAction {
    /// Starts or resumes the current step's countdown.
    Start,
    /// Stops the countdown; the time left is kept.
    Pause,
    /// Gives the current step more time.
    Extend {
        /// Minutes to add.
        minutes: u32,
    },
    /// Takes time from the current step (a mistaken "+5", a round that ends early): the time
    /// left drops by these minutes, but never below zero, and a step already over time keeps
    /// its overtime as it is (see [`RunState::shortened`]).
    Shorten {
        /// Minutes to take away.
        minutes: u32,
    },
    /// Goes to the next step; the clock keeps running if it ran.
    Next,
    /// Jumps to the next conversation round, skipping a break or the welcome.
    NextRound,
    /// Goes back one step, with its clock reset and stopped.
    Back,
    /// Back to the start of the agenda, clock stopped.
    Reset,
}

/// The stored state of the run clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
pub struct RunState {
    /// Index of the current step in the agenda.
    pub step: u32,
    /// When the countdown was last started; `None` while it stands.
    pub running_since: Option<DateTime<Utc>>,
    /// Milliseconds counted in this step before `running_since`.
    pub elapsed_ms: i64,
    /// Seconds added to this step by extensions.
    pub extra_seconds: i64,
}

/// How long after the app was last used a run under way is resumed at the next start: the day
/// of the event, not a week later.
pub const RESUME_WITHIN_HOURS: i64 = 12;

impl RunState {
    /// Whether the run has begun: the clock runs, has counted, or has moved past the welcome.
    pub fn begun(&self) -> bool {
        self.running() || self.elapsed_ms > 0 || self.step > 0
    }

    /// Whether a start of the app at `now` should go straight back into this run, left at
    /// `left_at`: it has begun and the app was in use on the day of the event.
    pub fn resume_at_start(&self, left_at: DateTime<Utc>, now: DateTime<Utc>) -> bool {
        self.begun() && now - left_at < chrono::Duration::hours(RESUME_WITHIN_HOURS)
    }

    /// Whether the countdown is running.
    pub fn running(&self) -> bool {
        self.running_since.is_some()
    }

    /// Milliseconds spent in the current step at `now`.
    pub fn elapsed_at(&self, now: DateTime<Utc>) -> i64 {
        let running = self.running_since.map_or(0, |since| (now - since).num_milliseconds().max(0));
        self.elapsed_ms.saturating_add(running)
    }

    /// The current step (clamped to the agenda).
    pub fn current(&self, agenda: &[AgendaStep]) -> Option<AgendaStep> {
        let last = agenda.len().checked_sub(1)?;
        agenda.get((self.step as usize).min(last)).copied()
    }

    /// Seconds left in the current step at `now`; negative when it runs over.
    pub fn remaining_seconds(&self, agenda: &[AgendaStep], now: DateTime<Utc>) -> i64 {
        let planned = self.current(agenda).map_or(0, |s| i64::from(s.minutes) * 60);
        let left_ms = (planned + self.extra_seconds) * 1000 - self.elapsed_at(now);
        // Rounded up, so "0:01" shows until the last second has passed.
        left_ms.div_euclid(1000) + i64::from(left_ms.rem_euclid(1000) != 0)
    }

    /// The state after `action` at `now`.
    #[must_use]
    pub fn apply(self, action: RunAction, agenda: &[AgendaStep], now: DateTime<Utc>) -> Self {
        let last = u32::try_from(agenda.len().saturating_sub(1)).unwrap_or(u32::MAX);
        let fresh = |step: u32, running: bool| RunState {
            step: step.min(last),
            running_since: running.then_some(now),
            elapsed_ms: 0,
            extra_seconds: 0,
        };
        match action {
            RunAction::Start if !self.running() => Self { running_since: Some(now), ..self },
            RunAction::Start => self,
            RunAction::Pause => Self { running_since: None, elapsed_ms: self.elapsed_at(now), ..self },
            RunAction::Extend { minutes } => {
                Self { extra_seconds: self.extra_seconds.saturating_add(i64::from(minutes) * 60), ..self }
            }
            RunAction::Shorten { minutes } => self.shortened(minutes, agenda, now),
            RunAction::Next => fresh(self.step.saturating_add(1), self.running()),
            RunAction::NextRound => {
                let next = agenda
                    .iter()
                    .enumerate()
                    .skip(self.step as usize + 1)
                    .find(|(_, s)| s.kind == StepKind::Round)
                    .map_or(last, |(i, _)| u32::try_from(i).unwrap_or(last));
                fresh(next, self.running())
            }
            RunAction::Back => fresh(self.step.saturating_sub(1), false),
            RunAction::Reset => fresh(0, false),
        }
    }

    /// The state after taking `minutes` from the current step at `now`. The rule:
    ///
    /// - the time left drops by exactly `minutes` while that leaves some time;
    /// - otherwise it drops to zero (the step is over now, as if its time had just run out),
    ///   never below: shortening does not invent overtime;
    /// - a step already at zero or over time is left as it is, so the overtime shown does not jump.
    ///
    /// The extensions (`extra_seconds`) may go negative for this, down to the planned length
    /// minus what has elapsed; the elapsed time itself is never touched.
    #[must_use]
    pub fn shortened(self, minutes: u32, agenda: &[AgendaStep], now: DateTime<Utc>) -> Self {
        let planned = self.current(agenda).map_or(0, |s| i64::from(s.minutes) * 60);
        let elapsed = self.elapsed_at(now);
        let left_ms = (planned + self.extra_seconds) * 1000 - elapsed;
        if left_ms <= 0 {
            return self;
        }
        // The least extra time that leaves nothing: whole seconds elapsed, so the time left shows 0.
        let floor = elapsed.div_euclid(1000) - planned;
        let wanted = self.extra_seconds.saturating_sub(i64::from(minutes) * 60);
        Self { extra_seconds: wanted.max(floor).min(self.extra_seconds), ..self }
    }

    /// The round whose seating people should sit in next, from the moderator's point of view:
    /// before round 1 that is round 1; during round k (or the break after it) round k + 1.
    pub fn next_round(&self, agenda: &[AgendaStep]) -> Option<u32> {
        let step = self.current(agenda)?;
        let rounds = agenda.iter().filter(|s| s.kind == StepKind::Round).count();
        let next = match step.kind {
            StepKind::Welcome => 0,
            StepKind::Round | StepKind::Break => step.round? + 1,
            StepKind::Harvest => return None,
        };
        ((next as usize) < rounds).then_some(next)
    }

    /// The first round a re-plan may change: rounds that are held or under way stay as they are.
    pub fn first_open_round(&self, agenda: &[AgendaStep]) -> Option<u32> {
        let step = self.current(agenda)?;
        if step.kind == StepKind::Welcome && self.elapsed_ms == 0 && !self.running() && self.step == 0 {
            return Some(0);
        }
        self.next_round(agenda)
    }

    /// The rule every re-plan obeys, whichever screen asks: a plan may start at `from_round` only
    /// when no round from there on has begun. Held rounds and the round under way never change.
    pub fn check_replan(&self, agenda: &[AgendaStep], from_round: u32) -> Result<(), RoundsLocked> {
        let rounds = u32::try_from(agenda.iter().filter(|s| s.kind == StepKind::Round).count()).unwrap_or(u32::MAX);
        let first_open = self.first_open_round(agenda);
        match first_open {
            Some(open) if from_round >= open => Ok(()),
            // Nothing is left to plan when every round has begun: only an empty re-plan is fine.
            None if from_round >= rounds => Ok(()),
            _ => Err(RoundsLocked { first_open }),
        }
    }
}

/// Whose route cards ("Laufzettel") a re-plan made wrong, so that only theirs are printed
/// again: everyone the re-plan gave another table in some round (`moved`: the people in its
/// moves, including who came late and got a seat), and every walk-in who had no seat at all in
/// the plan `before` it (they came since the last plan and have no card yet, even where the new
/// plan found no seat for them). People marked absent or gone get no card, even when they lost
/// their seats. Without a plan before (`before` empty) nobody: the first plan's cards are all
/// printed anyway. In the order of `participants`, each once.
pub fn route_cards_to_reprint(
    participants: &[Participant],
    moved: impl IntoIterator<Item = ParticipantId>,
    before: &[Seat],
) -> Vec<ParticipantId> {
    if before.is_empty() {
        return Vec::new();
    }
    let moved: std::collections::HashSet<ParticipantId> = moved.into_iter().collect();
    let had_seat = |id: ParticipantId| before.iter().any(|s| s.participant_id == id);
    participants
        .iter()
        .filter(|p| !matches!(p.attendance, Attendance::Absent | Attendance::Left))
        .filter(|p| moved.contains(&p.id) || (p.walk_in && !had_seat(p.id)))
        .map(|p| p.id)
        .collect()
}

#[cfg(test)]
mod resume_tests {
    use super::*;

    #[test]
    fn a_run_is_resumed_on_the_day_it_began_only() {
        let left = DateTime::parse_from_rfc3339("2026-04-09T10:00:00Z").map(|t| t.with_timezone(&Utc));
        let Ok(left) = left else { panic!("a time") };
        let fresh = RunState::default();
        assert!(!fresh.resume_at_start(left, left), "a run that never began is not resumed");
        let started = RunState { step: 1, ..RunState::default() };
        assert!(started.resume_at_start(left, left + chrono::Duration::minutes(3)));
        assert!(RunState { elapsed_ms: 5, ..RunState::default() }.resume_at_start(left, left));
        assert!(!started.resume_at_start(left, left + chrono::Duration::hours(RESUME_WITHIN_HOURS)), "not days later");
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use crate::{RoundId, RoundInput, WorkshopId};
    use chrono::TimeZone;

    fn rounds(spec: &[(u32, u32)]) -> Vec<Round> {
        let workshop = WorkshopId::new();
        spec.iter()
            .enumerate()
            .map(|(i, (duration, pause))| Round {
                id: RoundId::new(),
                workshop_id: workshop,
                position: u32::try_from(i).unwrap(),
                input: RoundInput { duration_minutes: *duration, break_after_minutes: *pause, question: String::new() },
            })
            .collect()
    }

    fn at(seconds: i64) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2014, 4, 9, 14, 0, 0).unwrap() + chrono::Duration::seconds(seconds)
    }

    #[test]
    fn the_agenda_has_breaks_only_between_rounds() {
        let steps = agenda(&rounds(&[(20, 5), (20, 0), (20, 10)]), RunFrame::default());
        let kinds: Vec<_> = steps.iter().map(|s| (s.kind, s.round, s.minutes)).collect();
        assert_eq!(
            kinds,
            vec![
                (StepKind::Welcome, None, 10),
                (StepKind::Round, Some(0), 20),
                (StepKind::Break, Some(0), 5),
                (StepKind::Round, Some(1), 20),
                (StepKind::Round, Some(2), 20),
                (StepKind::Harvest, None, 20),
            ]
        );
    }

    #[test]
    fn the_clock_counts_down_pauses_extends_and_survives_being_stored() {
        let steps = agenda(&rounds(&[(20, 5), (20, 0)]), RunFrame::default());
        let state = RunState::default().apply(RunAction::NextRound, &steps, at(0));
        assert_eq!((state.step, state.running()), (1, false));
        let state = state.apply(RunAction::Start, &steps, at(0));
        assert_eq!(state.remaining_seconds(&steps, at(60)), 19 * 60);
        let state = state.apply(RunAction::Pause, &steps, at(90));
        assert_eq!(state.remaining_seconds(&steps, at(5_000)), 20 * 60 - 90, "a pause stops the clock");
        // What is stored is all there is: a copy through JSON computes the same time left.
        let stored: RunState = serde_json::from_str(&serde_json::to_string(&state).unwrap()).unwrap();
        let state = stored.apply(RunAction::Start, &steps, at(6_000)).apply(
            RunAction::Extend { minutes: 5 },
            &steps,
            at(6_000),
        );
        assert_eq!(state.remaining_seconds(&steps, at(6_010)), 25 * 60 - 100);
        assert_eq!(state.remaining_seconds(&steps, at(6_000 + 25 * 60)), -90, "overtime is negative");
        assert_eq!(state.remaining_seconds(&steps, at(6_000)), 25 * 60 - 90);
    }

    #[test]
    fn shortening_takes_minutes_off_the_time_left_but_never_below_zero() {
        let steps = agenda(&rounds(&[(20, 5), (20, 0)]), RunFrame::default());
        let round =
            RunState::default().apply(RunAction::NextRound, &steps, at(0)).apply(RunAction::Start, &steps, at(0));
        // A mistaken "+5" and its undoing give the same clock back.
        let extended = round.apply(RunAction::Extend { minutes: 5 }, &steps, at(30));
        let undone = extended.apply(RunAction::Shorten { minutes: 5 }, &steps, at(31));
        assert_eq!(undone, round);
        // Below the plan: the extra time goes negative, the time left drops by exactly a minute.
        let shorter = round.apply(RunAction::Shorten { minutes: 1 }, &steps, at(90));
        assert_eq!(shorter.extra_seconds, -60);
        assert_eq!(shorter.remaining_seconds(&steps, at(90)), 20 * 60 - 90 - 60);
        assert!(shorter.running(), "shortening leaves the clock running");
        // With less than the minutes left, the step ends now: zero left, not overtime.
        let near_end = at(20 * 60 - 30);
        let ended = round.apply(RunAction::Shorten { minutes: 1 }, &steps, near_end);
        assert_eq!(ended.remaining_seconds(&steps, near_end), 0);
        assert_eq!(ended.remaining_seconds(&steps, near_end + chrono::Duration::seconds(5)), -5);
        // Over time (or at zero) nothing changes, so the overtime shown does not jump.
        let over = at(20 * 60 + 40);
        assert_eq!(round.apply(RunAction::Shorten { minutes: 5 }, &steps, over), round);
        assert_eq!(ended.apply(RunAction::Shorten { minutes: 1 }, &steps, near_end), ended);
        // A stopped clock: the welcome not begun can be shortened to nothing, no further.
        let welcome = RunState::default().apply(RunAction::Shorten { minutes: 60 }, &steps, at(0));
        assert_eq!((welcome.extra_seconds, welcome.remaining_seconds(&steps, at(999))), (-600, 0));
        // Part seconds elapsed: zero is shown, and the clock still goes over once it runs.
        let paused = round.apply(RunAction::Pause, &steps, at(20 * 60 - 59) + chrono::Duration::milliseconds(300));
        assert_eq!(paused.remaining_seconds(&steps, at(3000)), 59, "58.7 s left show as 0:59");
        let cut = paused.apply(RunAction::Shorten { minutes: 1 }, &steps, at(3000));
        assert_eq!(cut.remaining_seconds(&steps, at(3000)), 0);
        assert_eq!(cut.elapsed_ms, paused.elapsed_ms, "the elapsed time is never touched");
    }

    #[test]
    fn the_schedule_starts_round_one_after_the_welcome_and_counts_breaks() {
        let steps = agenda(&rounds(&[(20, 5), (25, 0)]), RunFrame { welcome_minutes: 10, harvest_minutes: 30 });
        let nine = NaiveTime::from_hms_opt(9, 0, 0).unwrap();
        let plan = schedule(&steps, Some(nine));
        let hm = |h, m| NaiveTime::from_hms_opt(h, m, 0).unwrap();
        assert_eq!(round_times(&plan), vec![Some((hm(9, 10), hm(9, 30))), Some((hm(9, 35), hm(10, 0)))]);
        assert_eq!(planned_end(&plan), Some(hm(10, 30)));
        assert_eq!(plan.iter().map(|s| s.step).collect::<Vec<_>>(), steps);
        assert!(schedule(&steps, None).iter().all(|s| s.starts.is_none() && s.ends.is_none()));
        assert_eq!(round_times(&schedule(&steps, None)), vec![None, None]);
    }

    #[test]
    fn held_rounds_and_the_round_under_way_are_never_replanned() {
        let steps = agenda(&rounds(&[(20, 5), (20, 0), (20, 0)]), RunFrame::default());
        let fresh = RunState::default();
        assert_eq!(fresh.check_replan(&steps, 0), Ok(()), "before the café every round is open");
        let in_round_one = fresh.apply(RunAction::NextRound, &steps, at(0));
        assert_eq!(in_round_one.check_replan(&steps, 0), Err(RoundsLocked { first_open: Some(1) }));
        assert_eq!(in_round_one.check_replan(&steps, 1), Ok(()));
        assert_eq!(in_round_one.check_replan(&steps, 2), Ok(()));
        let in_break = in_round_one.apply(RunAction::Next, &steps, at(1200));
        assert_eq!(steps[in_break.step as usize].kind, StepKind::Break);
        assert_eq!(in_break.check_replan(&steps, 0), Err(RoundsLocked { first_open: Some(1) }));
        let harvest = in_break.apply(RunAction::Next, &steps, at(1500)).apply(RunAction::Next, &steps, at(2700));
        let harvest = harvest.apply(RunAction::Next, &steps, at(3900));
        assert_eq!(steps[harvest.step as usize].kind, StepKind::Harvest);
        assert_eq!(harvest.check_replan(&steps, 2), Err(RoundsLocked { first_open: None }));
        assert_eq!(harvest.check_replan(&steps, 3), Ok(()), "an empty re-plan after the last round changes nothing");
    }

    #[test]
    fn steps_move_on_and_tell_which_round_is_next() {
        let steps = agenda(&rounds(&[(20, 5), (20, 0)]), RunFrame::default());
        let mut state = RunState::default();
        assert_eq!((state.next_round(&steps), state.first_open_round(&steps)), (Some(0), Some(0)));
        state = state.apply(RunAction::Start, &steps, at(0));
        assert_eq!(state.first_open_round(&steps), Some(0), "during the welcome round 1 is still open");
        state = state.apply(RunAction::Next, &steps, at(600));
        assert!(state.running(), "the clock keeps running into the next step");
        assert_eq!((state.step, state.next_round(&steps), state.first_open_round(&steps)), (1, Some(1), Some(1)));
        state = state.apply(RunAction::Next, &steps, at(1800));
        assert_eq!(steps[state.step as usize].kind, StepKind::Break);
        assert_eq!(state.next_round(&steps), Some(1));
        state = state.apply(RunAction::NextRound, &steps, at(1900));
        assert_eq!((state.step, state.next_round(&steps)), (3, None));
        state = state.apply(RunAction::Next, &steps, at(3100)).apply(RunAction::Next, &steps, at(3200));
        assert_eq!(steps[state.step as usize].kind, StepKind::Harvest, "next stops at the last step");
        state = state.apply(RunAction::Back, &steps, at(3300));
        assert_eq!((state.step, state.running()), (3, false));
        assert_eq!(state.apply(RunAction::Reset, &steps, at(0)), RunState::default());
    }

    #[test]
    fn route_cards_are_printed_again_for_who_moved_and_for_walk_ins_only() {
        use crate::{ParticipantInput, TableId};
        let workshop = WorkshopId::new();
        let person = |attendance, walk_in| Participant {
            id: ParticipantId::new(),
            workshop_id: workshop,
            input: ParticipantInput { first_name: "A".into(), ..ParticipantInput::default() },
            attendance,
            walk_in,
            created_at: at(0),
            updated_at: at(0),
        };
        let stays = person(Attendance::Present, false);
        let moves = person(Attendance::Expected, false);
        let left = person(Attendance::Left, false);
        let no_show = person(Attendance::Absent, false);
        let walk_in = person(Attendance::Present, true);
        let walk_in_without_seat = person(Attendance::Present, true);
        let earlier_walk_in = person(Attendance::Present, true);
        let gone_walk_in = person(Attendance::Left, true);
        let people =
            [&stays, &moves, &left, &no_show, &walk_in, &walk_in_without_seat, &earlier_walk_in, &gone_walk_in]
                .map(Clone::clone);
        let (round, table) = (RoundId::new(), TableId::new());
        let seat = |p: &Participant| Seat { round_id: round, participant_id: p.id, table_id: table, pinned: false };
        let before = [seat(&stays), seat(&moves), seat(&left), seat(&no_show), seat(&earlier_walk_in)];
        // The re-plan's moves: one moved, who left and the no-show lost their seats, a walk-in got one.
        let replan_moves = [moves.id, left.id, no_show.id, walk_in.id];

        let reprint = route_cards_to_reprint(&people, replan_moves, &before);
        assert_eq!(reprint, vec![moves.id, walk_in.id, walk_in_without_seat.id]);
        assert!(route_cards_to_reprint(&people, replan_moves, &[]).is_empty(), "the first plan: every card is new");
        assert!(route_cards_to_reprint(&people, [], &before).contains(&walk_in.id), "a walk-in without a move");
    }
}
