// Formatting and counting down the run clock between two answers from the back end.

/** "mm:ss", with a leading minus when over time. */
export function formatClock(seconds: number): string {
  const sign = seconds < 0 ? "−" : "";
  const s = Math.abs(Math.trunc(seconds));
  const minutes = Math.floor(s / 60);
  return `${sign}${minutes}:${String(s % 60).padStart(2, "0")}`;
}

/** Seconds left now, from the back end's answer and when it arrived (ms, same clock as `nowMs`). */
export function secondsLeft(remaining: number, running: boolean, receivedAtMs: number, nowMs: number): number {
  if (!running) return remaining;
  return remaining - Math.floor((nowMs - receivedAtMs) / 1000);
}

/** Which signal, if any, is due when the clock goes from `before` to `after` seconds left. */
export function signalBetween(before: number, after: number, stepSeconds: number): "end" | "warning" | null {
  if (before > 0 && after <= 0) return "end";
  if (stepSeconds > 120 && before > 60 && after <= 60) return "warning";
  return null;
}
