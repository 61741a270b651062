// The one door to the back end. Everything else imports `commands` from here, never
// `@tauri-apps/*`, so every call is typed by the generated bindings.
import { invoke } from "@tauri-apps/api/core";
import { makeCommands, type IpcError } from "./bindings";

export * from "./bindings";

export const commands = makeCommands(<T>(command: string, args: Record<string, unknown>) =>
  invoke<T>(command, args),
);

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
