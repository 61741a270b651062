// What every screen shares: the save indicator, the error banner and the confirmation dialog.
import { Autosaver, type SaveState } from "./autosave";
import { asIpcError, type IpcError } from "./ipc";

let saveState = $state<SaveState>("idle");
let banner = $state<IpcError | null>(null);
let fatal = $state(false);
let question = $state<{ message: string; confirmLabel: string | null; answer: (ok: boolean) => void } | null>(null);
let actionsRunning = 0;

export const status = {
  get save(): SaveState {
    return saveState;
  },
  get banner(): IpcError | null {
    return banner;
  },
  /** True when the database could not be opened: nothing else can work. */
  get fatal(): boolean {
    return fatal;
  },
  get question() {
    return question;
  },
};

export function showError(thrown: unknown, isFatal = false): IpcError {
  const error = asIpcError(thrown);
  banner = error;
  fatal = fatal || isFatal;
  return error;
}

export function dismissError(): void {
  if (!fatal) banner = null;
}

export const autosaver = new Autosaver((state, error) => {
  saveState = state;
  // Field problems are shown next to their fields, not in the banner.
  if (error && asIpcError(error).fields.length === 0) showError(error);
});

/**
 * Whether an error means that something may not have been saved. A refusal (a rule said no, as
 * the planner does for an impossible setup) changed nothing, so everything is still saved.
 */
export function isSaveFailure(error: IpcError): boolean {
  return (
    ["store.failed", "ipc.unreachable", "app.closed", "app.busy"].includes(error.code) || error.code.startsWith("open.")
  );
}

/**
 * Runs an immediate edit (add, delete, import …): the indicator shows it, a failure goes to the
 * banner and yields `undefined`. "Not saved" is shown only when saving failed, not when a rule
 * refused the edit.
 */
export async function act<T>(edit: () => Promise<T>): Promise<T | undefined> {
  actionsRunning += 1;
  saveState = "saving";
  let unsaved = false;
  try {
    const result = await edit();
    return result;
  } catch (e) {
    unsaved = isSaveFailure(showError(e));
    return undefined;
  } finally {
    actionsRunning -= 1;
    if (actionsRunning === 0 && !autosaver.busy) saveState = unsaved ? "error" : "saved";
  }
}

/**
 * Asks the user to confirm something that cannot be undone. The confirm button says what will
 * happen (`confirmLabel`, e.g. "Zusammenführen"); without it, "Löschen".
 */
export function confirmAction(message: string, confirmLabel?: string): Promise<boolean> {
  return new Promise((resolve) => {
    question = {
      message,
      confirmLabel: confirmLabel ?? null,
      answer: (ok) => {
        question = null;
        resolve(ok);
      },
    };
  });
}
