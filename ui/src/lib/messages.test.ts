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
