// Where the moderator is in the window (the workshop's tab, whether the projector is shown),
// remembered by the back end after every change, so that a restart in the middle of a café (a
// crash, a flat battery) goes straight back there. Whether to go back is the back end's rule.
import { commands, type WorkshopId } from "./ipc";

export const projector = $state({ shown: false });

/** Tells the back end where the window is now; `null` for the list of workshops. */
export function rememberPlace(workshop: WorkshopId | null, tab: string): void {
  const place = workshop === null ? null : { workshop, tab, projector: projector.shown };
  // Only a convenience for a restart: a failure here must not disturb the moderator.
  commands.settings.rememberPlace(place).catch(() => undefined);
}
