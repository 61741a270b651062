import { describe, expect, it } from "vitest";
import { formatClock, secondsLeft, signalBetween } from "./clock";

describe("run clock", () => {
  it("formats minutes and seconds, and over time with a minus", () => {
    expect(formatClock(20 * 60)).toBe("20:00");
    expect(formatClock(61)).toBe("1:01");
    expect(formatClock(0)).toBe("0:00");
    expect(formatClock(-75)).toBe("−1:15");
  });

  it("counts down only while running", () => {
    expect(secondsLeft(600, true, 1_000, 11_500)).toBe(590);
    expect(secondsLeft(600, false, 1_000, 11_500)).toBe(600);
  });

  it("rings at the end and warns a minute before, once each", () => {
    expect(signalBetween(61, 60, 1200)).toBe("warning");
    expect(signalBetween(60, 59, 1200)).toBeNull();
    expect(signalBetween(1, 0, 1200)).toBe("end");
    expect(signalBetween(0, -1, 1200)).toBeNull();
    expect(signalBetween(61, 60, 90)).toBeNull();
  });
});
