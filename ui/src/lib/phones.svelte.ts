// Capture by phone as the window sees it: the server's status (on/off, address, which tables
// are connected, a revision that grows with every write from a phone), asked for every second
// while a screen that shows it is open. Screens watch `revision` to reload what phones wrote.
import { commands, type CaptureStatus } from "./ipc";

const OFF: CaptureStatus = { workshop: null, address: null, tables: [], revision: 0, vote: null };

class PhoneCaptureState {
  status = $state<CaptureStatus>(OFF);
  private watchers = 0;
  private timer: ReturnType<typeof setInterval> | null = null;

  /** Starts asking while the returned function has not been called (one per screen). */
  watch(): () => void {
    this.watchers += 1;
    if (this.timer === null) {
      void this.refresh();
      this.timer = setInterval(() => void this.refresh(), 1000);
    }
    return () => {
      this.watchers -= 1;
      if (this.watchers === 0 && this.timer !== null) {
        clearInterval(this.timer);
        this.timer = null;
      }
    };
  }

  async refresh(): Promise<void> {
    try {
      this.status = await commands.phones.phoneCaptureStatus();
    } catch {
      // The status is informative; a failed poll keeps the last one.
    }
  }

  /** Whether capture serves this workshop. */
  serves(workshop: string): boolean {
    return this.status.workshop === workshop;
  }
}

export const phoneCapture = new PhoneCaptureState();
