// Turns the back end's codes into sentences in the current language.
import type { FieldError, FieldProblem, IpcError, MappingProblem, RowProblem } from "./ipc/bindings";
import { t } from "./i18n/index.svelte";

/** The sentence for a failed command. */
export function errorMessage(error: IpcError): string {
  const key = `errors.${error.code}`;
  // A tab as separator is named, not shown as blank space.
  const params = error.params.delimiter === "\t" ? { ...error.params, delimiter: t("import.tab") } : error.params;
  const text = t(key, params);
  return text === key ? t("errors.unknown", { code: error.code }) : text;
}

/** The sentence for one field's problem, e.g. "At most 200 characters". */
export function fieldMessage(problem: FieldProblem): string {
  return t(`validation.${problem.code}`, problem);
}

/** Field name → message, for showing each next to its input. */
export function fieldMessages(fields: FieldError[]): Record<string, string> {
  return Object.fromEntries(fields.map((f) => [f.field, fieldMessage(f.problem)]));
}

/** What one problem (or warning) of an import row says, without its place. */
function rowProblemText(kind: RowProblem["kind"]): string {
  switch (kind.code) {
    case "cell_count":
      return t("import.problem.cell_count", { expected: kind.expected, found: kind.found });
    case "field":
      return `${t(`participant.${kind.field}`)}: ${fieldMessage(kind.problem)}`;
    case "unreadable":
      return t("import.problem.unreadable");
    case "quote_spans_lines":
      return t("import.problem.quote_spans_lines", { opened: kind.opened, closed: kind.closed });
    case "lost_letters":
      return t("import.problem.lost_letters", { field: t(`participant.${kind.field}`) });
  }
}

/** One problem (or warning) of an import row, naming its line and, where it has one, its column. */
export function rowProblemMessage(line: number, problem: RowProblem): string {
  const what = rowProblemText(problem.kind);
  if (problem.column === null) return t("import.at_line", { line, what });
  return t("import.at_cell", { line, column: problem.column, name: problem.column_name ?? "", what });
}

/** A problem with the column mapping as a whole. */
export function mappingProblemMessage(problem: MappingProblem): string {
  switch (problem.code) {
    case "role_twice":
      return t("import.mapping_problem.role_twice", { role: t(`import.role.${problem.role}`) });
    case "wrong_column_count":
      return t("import.mapping_problem.wrong_column_count", problem);
    case "same_header":
      return t("import.mapping_problem.same_header", { header: problem.header, columns: problem.columns.join(", ") });
    default:
      return t(`import.mapping_problem.${problem.code}`);
  }
}
