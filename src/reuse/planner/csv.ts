/**
 * The planner's input tables: a one-pass curve `tokens,loss` and optional multi-epoch runs
 * `unique_tokens,epochs,loss`. Plain CSV: a header line naming the columns (any order, extra columns
 * ignored, names case-insensitive), one row per line, `#` starts a comment, blank lines are skipped.
 * A cell that is not a number is named by its line and column. Tokens may be in any unit (tokens,
 * millions of tokens, …) as long as N is given in the same unit. Pure functions of the text.
 */
import { ParameterError } from "../../core/validate";

/** A one-pass curve: validation loss after `tokens` fresh tokens. */
export interface OnePassCurve {
  tokens: number[];
  loss: number[];
}

/** Multi-epoch runs: the loss after `epochs` passes over `uniqueTokens` unique tokens (one row per measurement). */
export interface MultiEpochRuns {
  uniqueTokens: number[];
  epochs: number[];
  loss: number[];
}

/** A CSV cell or header that cannot be read: names the source, line and column. */
export class CsvError extends ParameterError {}

/** Rows of the named columns as numbers (each with its 1-based line number in the text). */
export function readCsvColumns(text: string, columns: readonly string[], source = "csv"): { lines: number[]; values: number[][] } {
  if (typeof text !== "string") throw new CsvError(source, typeof text, "the text of a CSV file");
  const rawLines = text.replace(/^\uFEFF/, "").split(/\r?\n/); // a byte-order mark (spreadsheet exports) is not part of the header
  let header: string[] | undefined;
  let headerLine = 0;
  const idx: number[] = [];
  const lines: number[] = [];
  const values: number[][] = columns.map(() => []);
  rawLines.forEach((raw, i) => {
    const line = raw.replace(/#.*$/, "").trim();
    if (line === "") return;
    const cells = line.split(",").map((c) => c.trim().replace(/^"(.*)"$/, "$1"));
    if (!header) {
      header = cells.map((c) => c.toLowerCase());
      headerLine = i + 1;
      for (const col of columns) {
        const k = header.indexOf(col);
        if (k < 0) {
          const numeric = cells.every((c) => c !== "" && Number.isFinite(Number(c)));
          throw new CsvError(
            `${source} header (line ${i + 1})`,
            line,
            numeric ? `a header line naming the columns ${columns.join(",")} (the first line holds numbers: add the header)` : `a header line with a column "${col}" (columns needed: ${columns.join(",")})`,
          );
        }
        idx.push(k);
      }
      return;
    }
    columns.forEach((col, c) => {
      const cell = cells[idx[c]];
      const v = cell === undefined || cell === "" ? NaN : Number(cell);
      if (!Number.isFinite(v)) {
        throw new CsvError(`${source} line ${i + 1}, column "${col}"`, cell ?? "(missing)", "a finite number");
      }
      values[c].push(v);
    });
    lines.push(i + 1);
  });
  if (!header) throw new CsvError(source, "(empty)", `a header line ${columns.join(",")} and rows of numbers`);
  if (lines.length === 0) throw new CsvError(source, `only a header (line ${headerLine})`, "at least one row of numbers below the header");
  return { lines, values };
}

/** A one-pass curve from CSV text with columns `tokens,loss`. Shape checks are `requireOnePassCurve`'s. */
export function parseOnePassCsv(text: string, source = "one-pass curve"): OnePassCurve {
  const { values } = readCsvColumns(text, ["tokens", "loss"], source);
  return { tokens: values[0], loss: values[1] };
}

/** Multi-epoch runs from CSV text with columns `unique_tokens,epochs,loss`. */
export function parseRunsCsv(text: string, source = "multi-epoch runs"): MultiEpochRuns {
  const { lines, values } = readCsvColumns(text, ["unique_tokens", "epochs", "loss"], source);
  values[0].forEach((n, i) => {
    if (!(n > 0)) throw new CsvError(`${source} line ${lines[i]}, column "unique_tokens"`, n, "> 0");
  });
  values[1].forEach((k, i) => {
    if (!(k >= 1 && Number.isInteger(k))) throw new CsvError(`${source} line ${lines[i]}, column "epochs"`, k, "an integer ≥ 1");
  });
  values[2].forEach((l, i) => {
    if (!(l > 0)) throw new CsvError(`${source} line ${lines[i]}, column "loss"`, l, "> 0 (a loss; the planner fits its logarithm)");
  });
  return { uniqueTokens: values[0], epochs: values[1], loss: values[2] };
}
