import { describe, expect, it } from "vitest";
import { Autosaver, type SaveState, type Timers } from "./autosave";

/** Timers the test advances by hand. */
function manualTimers() {
  let pending: { run: () => void; id: number }[] = [];
  let next = 0;
  const timers: Timers = {
    setTimeout(run) {
      next += 1;
      pending.push({ run, id: next });
      return next;
    },
    clearTimeout(handle) {
      pending = pending.filter((p) => p.id !== handle);
    },
  };
  return {
    timers,
    fire() {
      const due = pending;
      pending = [];
      due.forEach((p) => p.run());
    },
    get count() {
      return pending.length;
    },
  };
}

function deferred() {
  let resolve!: () => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe("Autosaver", () => {
  it("shows saving at once and saved only after the back end answered", async () => {
    const clock = manualTimers();
    const states: SaveState[] = [];
    const saver = new Autosaver((s) => states.push(s), 400, clock.timers);
    const answer = deferred();
    saver.schedule("table:1", () => answer.promise);
    expect(states).toEqual(["saving"]);
    clock.fire();
    await settle();
    expect(states.at(-1)).toBe("saving");
    answer.resolve();
    await settle();
    expect(states.at(-1)).toBe("saved");
    expect(saver.busy).toBe(false);
  });

  it("says which key still waits for the disk, until its save answered", async () => {
    const clock = manualTimers();
    const saver = new Autosaver(() => {}, 400, clock.timers);
    const answer = deferred();
    expect(saver.pending("note:1")).toBe(false);
    saver.schedule("note:1", () => answer.promise);
    expect(saver.pending("note:1")).toBe(true);
    expect(saver.pending("note:2")).toBe(false);
    clock.fire();
    await settle();
    expect(saver.pending("note:1")).toBe(true);
    answer.resolve();
    await settle();
    expect(saver.pending("note:1")).toBe(false);
  });

  it("debounces: only the last edit of a key is sent", async () => {
    const clock = manualTimers();
    const sent: string[] = [];
    const saver = new Autosaver(() => {}, 400, clock.timers);
    for (const value of ["V", "Ve", "Ver"]) saver.schedule("k", async () => void sent.push(value));
    expect(clock.count).toBe(1);
    clock.fire();
    await settle();
    expect(sent).toEqual(["Ver"]);
  });

  it("never runs two saves of one key at once, and sends the newest after the running one", async () => {
    const clock = manualTimers();
    const sent: string[] = [];
    let running = 0;
    let maxRunning = 0;
    const first = deferred();
    const saver = new Autosaver(() => {}, 400, clock.timers);
    saver.schedule("k", async () => {
      running += 1;
      maxRunning = Math.max(maxRunning, running);
      await first.promise;
      sent.push("a");
      running -= 1;
    });
    clock.fire();
    saver.schedule("k", async () => {
      running += 1;
      maxRunning = Math.max(maxRunning, running);
      sent.push("b");
      running -= 1;
    });
    clock.fire();
    await settle();
    expect(sent).toEqual([]);
    first.resolve();
    await saver.flush();
    expect(sent).toEqual(["a", "b"]);
    expect(maxRunning).toBe(1);
  });

  it("saves different keys independently", async () => {
    const clock = manualTimers();
    const sent: string[] = [];
    const saver = new Autosaver(() => {}, 400, clock.timers);
    saver.schedule("a", async () => void sent.push("a"));
    saver.schedule("b", async () => void sent.push("b"));
    clock.fire();
    await settle();
    expect(sent.sort()).toEqual(["a", "b"]);
  });

  it("flush sends a pending edit without waiting for the timer", async () => {
    const clock = manualTimers();
    const sent: string[] = [];
    const saver = new Autosaver(() => {}, 400, clock.timers);
    saver.schedule("k", async () => void sent.push("now"));
    await saver.flush("k");
    expect(sent).toEqual(["now"]);
    expect(clock.count).toBe(0);
  });

  it("reports a failure, keeps the error state until that key saves again", async () => {
    const clock = manualTimers();
    const seen: [SaveState, unknown][] = [];
    const saver = new Autosaver((s, e) => seen.push([s, e]), 400, clock.timers);
    saver.schedule("k", async () => {
      throw { code: "store.failed" };
    });
    await saver.flush();
    expect(seen.at(-1)).toEqual(["error", { code: "store.failed" }]);
    saver.schedule("other", async () => {});
    await saver.flush();
    expect(seen.at(-1)?.[0]).toBe("error");
    saver.schedule("k", async () => {});
    await saver.flush();
    expect(seen.at(-1)?.[0]).toBe("saved");
  });

  it("forgets a deleted thing's pending save and failure", async () => {
    const clock = manualTimers();
    const states: SaveState[] = [];
    const sent: string[] = [];
    const saver = new Autosaver((s) => states.push(s), 400, clock.timers);
    saver.schedule("gone", async () => void sent.push("gone"));
    saver.forget("gone");
    clock.fire();
    await settle();
    expect(sent).toEqual([]);
    expect(states.at(-1)).toBe("saved");
  });
});
