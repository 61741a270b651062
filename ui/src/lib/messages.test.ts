import { describe, expect, it } from "vitest";
import { locale } from "./i18n/index.svelte";
import { errorMessage, fieldMessages, mappingProblemMessage, rowProblemMessage } from "./messages";

describe("messages", () => {
  it("name the line and the column of an import problem", () => {
    locale.set("de");
    const text = rowProblemMessage(3, {
      column: 4,
      column_name: "E-Mail",
      kind: { code: "field", field: "email", problem: { code: "malformed" } },
    });
    expect(text).toBe("Zeile 3, Spalte 4 (E-Mail): E-Mail: Das Format stimmt nicht.");
    locale.set("en");
    expect(
      rowProblemMessage(7, { column: null, column_name: null, kind: { code: "cell_count", expected: 4, found: 2 } }),
    ).toBe("Line 7: 2 cells instead of 4");
  });

  it("explain broken files with what to do", () => {
    locale.set("en");
    expect(
      rowProblemMessage(5, {
        column: 2,
        column_name: "Nachname",
        kind: { code: "quote_spans_lines", opened: 5, closed: 9 },
      }),
    ).toBe(
      "Line 5, column 2 (Nachname): a quotation mark in line 5 is only closed in line 9, so these lines became one cell. Remove the stray quotation mark in line 5 and choose the file again.",
    );
    locale.set("de");
    expect(
      rowProblemMessage(4, { column: 1, column_name: "Vorname", kind: { code: "lost_letters", field: "first_name" } }),
    ).toContain("Zeile 4, Spalte 1 (Vorname): Vorname enthält „?“");
    expect(
      errorMessage({
        code: "csv.too_many_columns",
        params: { columns: "40", max: "36", delimiter: "\t" },
        fields: [],
        detail: "",
      }),
    ).toContain("Getrennt bei „Tabulator“ hat die Datei 40 Spalten");
    expect(mappingProblemMessage({ code: "same_header", header: "Raum", columns: [2, 4] })).toContain(
      "Die Spalten 2, 4 heißen alle „Raum“",
    );
  });

  it("translate errors with their parameters and fall back for unknown codes", () => {
    locale.set("en");
    expect(errorMessage({ code: "csv.malformed", params: { line: "12" }, fields: [], detail: "" })).toBe(
      "The file is not valid CSV from line 12 on.",
    );
    expect(errorMessage({ code: "something.new", params: {}, fields: [], detail: "" })).toBe(
      "Unexpected error (something.new).",
    );
  });

  it("put field problems by field", () => {
    locale.set("en");
    expect(
      fieldMessages([
        { field: "title", problem: { code: "required" } },
        { field: "capacity", problem: { code: "out_of_range", min: 1, max: 50 } },
      ]),
    ).toEqual({ title: "Please fill in.", capacity: "Allowed: 1 to 50." });
  });

  it("explain mapping problems", () => {
    locale.set("de");
    expect(mappingProblemMessage({ code: "role_twice", role: "email" })).toBe(
      "„E-Mail“ ist mehr als einer Spalte zugeordnet.",
    );
    expect(mappingProblemMessage({ code: "no_name_column" })).toBe("Keine Spalte ist als Name zugeordnet.");
  });
});
