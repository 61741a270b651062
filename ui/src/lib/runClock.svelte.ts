// The run clock of the open workshop, shared by every tab: it counts down between two answers
// from the back end, rings the bell when a step ends and gives the one-minute warning in a
// round, wherever the moderator is (on the notes tab as much as on the run tab). The clock
// itself lives in the back end, which stores it; this only counts between two answers.
import { commands, type AgendaStep, type RunView, type WorkshopId } from "./ipc";
import { t } from "./i18n/index.svelte";
import { secondsLeft, signalBetween } from "./clock";
import { ring } from "./sound";

/** A signal the clock gave: the end of a step or the warning a minute before. */
export interface Signal {
  kind: "end" | "warning";
  at: string;
}

let workshop = $state<WorkshopId | null>(null);
let view = $state<RunView | null>(null);
let receivedAt = $state(0);
let now = $state(Date.now());
let muted = $state(false);
let lastSignal = $state<Signal | null>(null);
let previousLeft: number | null = null;
let ticker: ReturnType<typeof setInterval> | undefined;

function left(): number {
  return view ? secondsLeft(view.remaining_seconds, view.running, receivedAt, now) : 0;
}

function stepSeconds(): number {
  const step = view?.current;
  return step ? step.minutes * 60 + Number(view?.state.extra_seconds ?? 0) : 0;
}

function tick() {
  now = Date.now();
  const step = view?.current;
  if (!view?.running || !step) return;
  const current = left();
  if (previousLeft !== null) {
    const signal = signalBetween(previousLeft, current, stepSeconds());
    if (signal && (step.kind === "round" || signal === "end")) void signalNow(signal);
  }
  previousLeft = current;
}

async function signalNow(kind: Signal["kind"]) {
  lastSignal = { kind, at: new Date().toISOString() };
  if (!muted) await ring(kind === "end");
}

export const runClock = {
  /** The back end's last answer. */
  get view(): RunView | null {
    return view;
  },
  /** Seconds left in the current step now (negative when over time). */
  get left(): number {
    return left();
  },
  /** The planned length of the current step with its extensions, in seconds. */
  get stepSeconds(): number {
    return stepSeconds();
  },
  get muted(): boolean {
    return muted;
  },
  set muted(value: boolean) {
    muted = value;
  },
  /** The last signal given, for the screen (and for tests: the `bell-status` mark). */
  get lastSignal(): Signal | null {
    return lastSignal;
  },

  /** Starts counting for a workshop (when it is opened) and loads its clock. */
  async start(id: WorkshopId): Promise<void> {
    if (workshop !== id) {
      workshop = id;
      view = null;
      lastSignal = null;
    }
    clearInterval(ticker);
    ticker = setInterval(tick, 250);
    this.accept(await commands.run.runView(id));
  },

  /** Stops counting (the workshop was closed). */
  stop(): void {
    clearInterval(ticker);
    ticker = undefined;
    workshop = null;
    view = null;
  },

  /** Takes a new answer of the back end (after an action, or a reload). */
  accept(next: RunView): void {
    if (workshop === null) return;
    view = next;
    receivedAt = Date.now();
    now = receivedAt;
    previousLeft = null;
  },
};

/** What a step of the agenda is called on screen ("Runde 2 von 3", "Pause" …). */
export function stepTitle(step: AgendaStep | null | undefined, roundCount: number): string {
  if (!step) return "";
  if (step.kind === "round") return t("run.step.round", { number: (step.round ?? 0) + 1, of: roundCount });
  return t(`run.step.${step.kind}`);
}
