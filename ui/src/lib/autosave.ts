// Saves edits as they are made. Each edited thing (a key such as `table:<id>`) gets its own
// debounce timer and its own queue, so two quick edits of one table never race each other and
// the last one typed is the one stored. The overall state drives the header's indicator: it
// turns to "saving" the moment something is typed, and to "saved" only when every queued save
// has come back from the back end, i.e. is on disk.

export type SaveState = "idle" | "saving" | "saved" | "error";

export interface Timers {
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: Timers = {
  setTimeout: (run, ms) => globalThis.setTimeout(run, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

interface Slot {
  timer: unknown;
  next: (() => Promise<unknown>) | null;
  running: Promise<void> | null;
  failed: boolean;
}

export class Autosaver {
  private slots = new Map<string, Slot>();
  private state: SaveState = "idle";

  constructor(
    private readonly onState: (state: SaveState, error: unknown) => void,
    private readonly delayMs = 400,
    private readonly timers: Timers = realTimers,
  ) {}

  /** Queues `save` for `key`, replacing a save of the same key that has not started yet. */
  schedule(key: string, save: () => Promise<unknown>): void {
    const slot = this.slot(key);
    slot.next = save;
    if (slot.timer !== null) this.timers.clearTimeout(slot.timer);
    slot.timer = this.timers.setTimeout(() => {
      slot.timer = null;
      void this.drain(key);
    }, this.delayMs);
    this.update(null);
  }

  /** Starts the pending save of `key` (or of every key) now and waits until all are done. */
  async flush(key?: string): Promise<void> {
    const keys = key === undefined ? [...this.slots.keys()] : [key];
    await Promise.all(
      keys.map((k) => {
        const slot = this.slots.get(k);
        if (!slot) return Promise.resolve();
        if (slot.timer !== null) {
          this.timers.clearTimeout(slot.timer);
          slot.timer = null;
        }
        return this.drain(k);
      }),
    );
  }

  /** Drops a key whose thing no longer exists (deleted), with its pending save and failure. */
  forget(key: string): void {
    const slot = this.slots.get(key);
    if (slot?.timer !== null && slot?.timer !== undefined) this.timers.clearTimeout(slot.timer);
    this.slots.delete(key);
    this.update(null);
  }

  /** True while what was typed for `key` is not yet on disk. */
  pending(key: string): boolean {
    const slot = this.slots.get(key);
    return slot !== undefined && (slot.timer !== null || slot.next !== null || slot.running !== null);
  }

  /** True while anything is typed but not yet on disk. */
  get busy(): boolean {
    for (const slot of this.slots.values()) {
      if (slot.timer !== null || slot.next !== null || slot.running !== null) return true;
    }
    return false;
  }

  private slot(key: string): Slot {
    let slot = this.slots.get(key);
    if (!slot) {
      slot = { timer: null, next: null, running: null, failed: false };
      this.slots.set(key, slot);
    }
    return slot;
  }

  private drain(key: string): Promise<void> {
    const slot = this.slot(key);
    if (slot.running) {
      // The save in flight will pick up `next` when it ends.
      return slot.running.then(() => (slot.next ? this.drain(key) : undefined));
    }
    const save = slot.next;
    if (!save) return Promise.resolve();
    slot.next = null;
    slot.running = (async () => {
      let error: unknown = null;
      try {
        await save();
        slot.failed = false;
      } catch (e) {
        slot.failed = true;
        error = e;
      }
      slot.running = null;
      if (slot.next && slot.timer === null) await this.drain(key);
      else this.update(error);
    })();
    return slot.running;
  }

  private update(error: unknown): void {
    let next: SaveState;
    if (this.busy) next = "saving";
    else if ([...this.slots.values()].some((s) => s.failed)) next = "error";
    else next = "saved";
    if (next !== this.state || error !== null) {
      this.state = next;
      this.onState(next, error);
    }
  }
}
