// Finding people as they are typed. The back end folds the letters ("ozturk" finds "Öztürk",
// "schaefer" finds "Schäfer") and answers with the ids that match; this keeps the answer for
// the words typed now, so a late answer for older words is never shown. It asks about one
// workshop's list, or (`ask`) about another set of people, such as a whole process's lists.
import { commands, type ParticipantId, type WorkshopId } from "./ipc";
import { showError } from "./state.svelte";

type Ask = (workshop: WorkshopId, query: string) => Promise<ParticipantId[]>;

export class PeopleSearch {
  /** What is typed. */
  query = $state("");
  #answer = $state<{ query: string; ids: Set<string> } | null>(null);
  #workshop: () => WorkshopId;
  #ask: Ask;

  /** Made while a component starts: from then on every change of `query` asks the back end. */
  constructor(workshop: () => WorkshopId, ask: Ask = commands.people.searchParticipants) {
    this.#workshop = workshop;
    this.#ask = ask;
    $effect(() => {
      void this.query;
      this.refresh().catch(showError);
    });
  }

  /** Asks the back end about the words typed now. */
  async refresh(): Promise<void> {
    const typed = this.query;
    if (!typed.trim()) {
      this.#answer = null;
      return;
    }
    const ids = await this.#ask(this.#workshop(), typed);
    if (this.query === typed) this.#answer = { query: typed, ids: new Set(ids) };
  }

  /** Whether a person matches what is typed (everyone, when nothing is). */
  matches(id: string): boolean {
    if (!this.query.trim()) return true;
    return this.#answer?.query === this.query && this.#answer.ids.has(id);
  }

  /** The first of `people` that matches what is typed now, after the back end has answered. */
  async first<T extends { id: string }>(people: T[]): Promise<T | undefined> {
    await this.refresh();
    return people.find((p) => this.matches(p.id));
  }
}
