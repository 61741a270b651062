// Translation: i18next holds the two dictionaries; the current language is Svelte state, so
// every `t(...)` in a template re-renders when the language changes.
import i18next from "i18next";
import de from "./de.json";
import en from "./en.json";
import type { Language } from "../ipc/bindings";

export const LANGUAGES: readonly Language[] = ["de", "en"];

i18next.init({
  resources: { de: { translation: de }, en: { translation: en } },
  lng: "de",
  fallbackLng: "en",
  initAsync: false,
  interpolation: { escapeValue: false },
  returnNull: false,
  showSupportNotice: false,
});

let current = $state<Language>("de");

export const locale = {
  get language(): Language {
    return current;
  },
  set(language: Language): void {
    void i18next.changeLanguage(language);
    current = language;
    if (typeof document !== "undefined") document.documentElement.lang = language;
  },
};

/** The OS's language when it is German, else English. */
export function languageFromLocale(tag: string | undefined): Language {
  return tag?.toLowerCase().startsWith("de") ? "de" : "en";
}

/** Translates `key` in the current language, filling `{{name}}` placeholders from `params`. */
export function t(key: string, params: Record<string, unknown> = {}): string {
  return i18next.t(key, { ...params, lng: current });
}
