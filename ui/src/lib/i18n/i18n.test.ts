import { describe, expect, it } from "vitest";
import de from "./de.json";
import en from "./en.json";
import {
  ERROR_CODES,
  type ColumnRole,
  type FieldProblem,
  type MappingProblem,
  type RowProblem,
  type SourceEncoding,
} from "../ipc/bindings";
import { languageFromLocale, locale, t } from "./index.svelte";

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === "string") out.set(prefix + key, value);
    else for (const [k, v] of leaves(value, `${prefix}${key}.`)) out.set(k, v);
  }
  return out;
}

function lookup(tree: Tree, dotted: string): string | undefined {
  let node: string | Tree | undefined = tree;
  for (const part of dotted.split(".")) node = typeof node === "object" ? node[part] : undefined;
  return typeof node === "string" ? node : undefined;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe("translations", () => {
  const dict = { de: de as Tree, en: en as Tree };

  it("have the same keys in German and English", () => {
    expect([...leaves(dict.de).keys()].sort()).toEqual([...leaves(dict.en).keys()].sort());
  });

  it("use the same placeholders in both languages", () => {
    const english = leaves(dict.en);
    for (const [key, text] of leaves(dict.de)) {
      expect(placeholders(text), key).toEqual(placeholders(english.get(key) ?? ""));
    }
  });

  it("cover every error code the back end can send, and the UI's own", () => {
    for (const code of [...ERROR_CODES, "ipc.unreachable", "unknown"]) {
      for (const lang of ["de", "en"] as const) {
        expect(lookup(dict[lang], `errors.${code}`), `${lang}: errors.${code}`).toBeTruthy();
      }
    }
  });

  it("cover every field problem, column role and encoding", () => {
    const problems: FieldProblem["code"][] = ["required", "too_long", "out_of_range", "malformed", "taken"];
    const roles: ColumnRole[] = [
      "ignore",
      "first_name",
      "last_name",
      "full_name",
      "organisation",
      "group",
      "role",
      "email",
      "attribute",
    ];
    const encodings: SourceEncoding[] = ["utf8", "utf8_bom", "utf16", "windows1252"];
    // Every import problem but `field`, which is told by the field problem.
    const rowProblems: Exclude<RowProblem["kind"]["code"], "field">[] = [
      "cell_count",
      "unreadable",
      "quote_spans_lines",
      "lost_letters",
    ];
    const mappingProblems: MappingProblem["code"][] = [
      "no_name_column",
      "wrong_column_count",
      "role_twice",
      "same_header",
    ];
    for (const lang of ["de", "en"] as const) {
      for (const p of rowProblems) expect(lookup(dict[lang], `import.problem.${p}`), p).toBeTruthy();
      for (const p of mappingProblems) expect(lookup(dict[lang], `import.mapping_problem.${p}`), p).toBeTruthy();
      for (const p of problems) expect(lookup(dict[lang], `validation.${p}`), p).toBeTruthy();
      for (const r of roles) expect(lookup(dict[lang], `import.role.${r}`), r).toBeTruthy();
      for (const e of encodings) expect(lookup(dict[lang], `import.encoding.${e}`), e).toBeTruthy();
    }
  });

  it("switch with the language and fill placeholders", () => {
    locale.set("de");
    expect(t("tables.table", { number: 3 })).toBe("Tisch 3");
    expect(t("errors.open.newer")).toContain("neueren");
    locale.set("en");
    expect(t("tables.table", { number: 3 })).toBe("Table 3");
    expect(t("participants.count", { count: 1 })).toBe("1 person");
    expect(t("participants.count", { count: 30 })).toBe("30 people");
  });

  it("count in the right plural, also in the back end's messages (whose numbers come as text)", () => {
    locale.set("de");
    expect(t("errors.planner.capacity_too_small", { round: "2", people: "7", seats: "1", missing: "6" })).toBe(
      "Runde 2: 7 Personen, aber nur 1 Platz. Bitte 6 Plätze hinzufügen oder Abwesende markieren.",
    );
    expect(t("errors.planner.capacity_too_small", { round: "2", people: "2", seats: "1", missing: "1" })).toContain(
      "Bitte 1 Platz hinzufügen",
    );
    expect(t("errors.import.refused", { count: "1" })).toBe("Nichts importiert: 1 Zeile mit Problemen.");
    expect(t("rounds.total", { minutes: 1 })).toBe("Gesprächszeit insgesamt: 1 Minute");
    expect(t("rounds.total", { minutes: 60 })).toBe("Gesprächszeit insgesamt: 60 Minuten");
    expect(t("import.result", { imported: 1, invalid: 0, duplicates: 2 })).toBe(
      "1 Person importiert. Ausgelassen: 0 mit Problemen, 2 doppelt.",
    );
    expect(t("list.bundle_skipped", { count: 1 })).toMatch(/^Ein Eintrag ausgelassen: seine Kennung/);
    expect(t("list.bundle_skipped", { count: 3 })).toMatch(/^3 Einträge ausgelassen/);
    expect(t("tables.seats_missing", { count: 1 })).toBe("Es fehlt ein Platz.");
    locale.set("en");
    expect(t("errors.import.refused", { count: "4" })).toBe("Nothing imported: 4 rows with problems.");
    expect(t("errors.planner.too_many_rounds_for_tour", { rounds: "3", tables: "2", topics: "1" })).toBe(
      "3 rounds but only 1 topic: travellers would have to return to a topic. Choose “Any” for moving between tables, or at most 1 round.",
    );
    expect(t("import.problem.cell_count", { found: 1, expected: 4 })).toBe("1 cell instead of 4");
    expect(t("import.mapping_problem.wrong_column_count", { expected: 1, found: 3 })).toBe(
      "The file has 1 column, the matching 3 columns.",
    );
    expect(t("list.bundle_matched", { count: 1 })).toMatch(/^One table or round/);
  });

  it("never put a number before a noun without its plural forms", () => {
    // "{{count}} Zeilen", "{{people}} people": a count of 1 would read "1 Zeilen". Counted words go
    // through `counts.*` (with `_one`/`_other`) or a key of their own with both forms.
    const nouns =
      /\{\{\w+\}\} (Zeilen|Spalten|Zellen|Personen|Plätze|Tische|Tischen|Runden|Minuten|Einträge|rows|columns|cells|people|seats|tables|rounds|minutes|entries)\b/;
    for (const lang of ["de", "en"] as const) {
      for (const [key, text] of leaves(dict[lang])) {
        if (/_(one|other)$/.test(key)) continue;
        expect(nouns.test(text), `${lang}: ${key}: ${text}`).toBe(false);
      }
    }
  });

  it("take German from a German OS locale and English otherwise", () => {
    expect(languageFromLocale("de-AT")).toBe("de");
    expect(languageFromLocale("DE")).toBe("de");
    expect(languageFromLocale("en-US")).toBe("en");
    expect(languageFromLocale("tr-TR")).toBe("en");
    expect(languageFromLocale(undefined)).toBe("en");
  });
});
