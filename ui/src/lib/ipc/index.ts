// The one door to the back end. Everything else imports `commands` from here, never
// `@tauri-apps/*`, so every call is typed by the generated bindings.
import { convertFileSrc, invoke } from "@tauri-apps/api/core";
import { listen } from "@tauri-apps/api/event";
import { WebviewWindow } from "@tauri-apps/api/webviewWindow";
import { availableMonitors, getCurrentWindow, primaryMonitor } from "@tauri-apps/api/window";
import { open as chooseToOpen, save as chooseToSave } from "@tauri-apps/plugin-dialog";
import { openPath, revealItemInDir } from "@tauri-apps/plugin-opener";
import { makeCommands, type IpcError } from "./bindings";

export * from "./bindings";

export const commands = makeCommands(<T>(command: string, args: Record<string, unknown>) => invoke<T>(command, args));

/** Turns whatever a failed command threw into the error shape the back end sends. */
export function asIpcError(thrown: unknown): IpcError {
  if (isIpcError(thrown)) return thrown;
  const detail = thrown instanceof Error ? thrown.message : String(thrown);
  return { code: "ipc.unreachable", params: {}, fields: [], detail };
}

function isIpcError(value: unknown): value is IpcError {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as IpcError).code === "string" &&
    Array.isArray((value as IpcError).fields)
  );
}

/** A display the projector window can go full screen on. */
export interface Display {
  index: number;
  name: string;
  width: number;
  height: number;
  primary: boolean;
}

const PROJECTOR = "projector";

/** The displays connected now. */
export async function displays(): Promise<Display[]> {
  const [all, primary] = await Promise.all([availableMonitors(), primaryMonitor()]);
  return all.map((m, index) => ({
    index,
    name: m.name ?? `#${index + 1}`,
    width: m.size.width,
    height: m.size.height,
    primary: primary !== null && m.name === primary.name && m.position.x === primary.position.x,
  }));
}

/**
 * Opens (or brings forward) the projector window for a workshop; with `display`, full screen
 * on that display. The window loads the same UI, which shows the projector view for the hash.
 * `onClosed` is called when a window opened here is closed.
 */
export async function openProjector(workshop: string, display: number | null, onClosed?: () => void): Promise<void> {
  let window: WebviewWindow | null = await WebviewWindow.getByLabel(PROJECTOR);
  if (!window) {
    window = new WebviewWindow(PROJECTOR, {
      url: `index.html#projector=${workshop}`,
      title: "Cafehost",
      width: 1280,
      height: 720,
    });
    await new Promise<void>((resolve, reject) => {
      void window?.once("tauri://created", () => resolve());
      void window?.once("tauri://error", (e) => reject(new Error(String(e.payload))));
    });
    if (onClosed) void window.once("tauri://destroyed", () => onClosed());
  }
  if (display !== null) {
    const monitor = (await availableMonitors())[display];
    if (monitor) await window.setFullscreenOnMonitor(monitor.position);
  }
  await window.setFocus();
}

/** Full screen on or off for the window this code runs in (the projector toggles itself). */
export async function toggleOwnFullscreen(): Promise<void> {
  const own = getCurrentWindow();
  await own.setFullscreen(!(await own.isFullscreen()));
}

/** Leaves full screen in the window this code runs in. */
export async function leaveOwnFullscreen(): Promise<void> {
  await getCurrentWindow().setFullscreen(false);
}

/** The URL a stored photo is shown from (served by the shell's `photo:` scheme). */
export function photoUrl(attachment: string): string {
  return convertFileSrc(attachment, "photo");
}

/** A file's bytes as base64, for sending a file (photo, bundle, CSV list) to the back end. */
export async function fileAsBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = "";
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary);
}

/** Files of one kind, for the system's file chooser: a label and extensions without dot. */
export interface FileKind {
  name: string;
  extensions: string[];
}

/** Asks where to save a file (the system's chooser); `null` when the user cancels. */
export async function chooseSaveTarget(suggestedName: string, kind: FileKind): Promise<string | null> {
  return chooseToSave({ defaultPath: suggestedName, filters: [kind] });
}

/** Asks for one existing file (the system's chooser); `null` when the user cancels. */
export async function chooseFile(kind: FileKind): Promise<string | null> {
  const chosen = await chooseToOpen({ multiple: false, directory: false, filters: [kind] });
  return typeof chosen === "string" ? chosen : null;
}

/** Opens a saved file in the program the system uses for it (a PDF viewer, a word processor). */
export async function openInDefaultProgram(path: string): Promise<void> {
  await openPath(path);
}

/** Shows a saved file in the system's file manager. */
export async function showInFolder(path: string): Promise<void> {
  await revealItemInDir(path);
}

/** Calls `handler` whenever a bundle is handed to the running app (double-clicked while it runs);
 * returns the function that stops listening. */
export async function onOpenedBundle(handler: () => void): Promise<() => void> {
  return listen("opened-bundle", () => handler());
}
