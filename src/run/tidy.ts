/**
 * A stored result as a tidy table: one row per measured point, one column per quantity, for pandas,
 * R or a spreadsheet. Results are nested JSON (a grid of K, then one curve per N with its E values);
 * the table is found from the shape alone:
 *
 * - scalar fields become columns of every row beneath them (`N` of a curve, `plateau`);
 * - plain objects of scalars become dotted columns (`zipf.a`, `zipf.b`);
 * - arrays of scalars of equal length are parallel columns indexed together (`K` and `muennighoff`);
 *   an array deeper down of the same length is aligned with them (each curve's `E` gets its `K`);
 * - arrays of objects give one block of rows per element;
 * - a matrix (an array of equal-length arrays of scalars, `E[n][k]`) gives one row per cell, its first
 *   index aligned with an array of its row count and its second with one of its column count (`N`,
 *   `K`); a dimension no array matches, or a square matrix (which index is which cannot be told from
 *   the shape), gets an index column instead (`E.i` for the first index, `E.j` for the second).
 *
 * When a result holds several unrelated tables (arrays of different lengths, two lists of records),
 * all their rows come out together with a `table` column naming where each row comes from. Columns
 * are named by the result's own fields, which follow each paper's notation (N, K, E, eta, alpha, …).
 * A `config` object inside the value is left out: the run's parameters are in the stored file and in
 * `datalaws list`, not measured points.
 */

/** A cell of a tidy table. */
export type Cell = number | string | boolean | null;
/** A row of a tidy table. */
export type Row = Record<string, Cell>;

const isScalar = (x: unknown): x is Cell => x === null || typeof x === "number" || typeof x === "string" || typeof x === "boolean";
const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === "object" && x !== null && !Array.isArray(x) && !ArrayBuffer.isView(x);
const asArray = (x: unknown): unknown[] | undefined => (Array.isArray(x) ? x : ArrayBuffer.isView(x) && !(x instanceof DataView) ? Array.from(x as unknown as ArrayLike<number>) : undefined);

/** A named group of parallel scalar arrays of one length, with a flag set when a deeper level aligned with it. */
interface Group {
  source: string;
  length: number;
  arrays: Array<[string, Cell[]]>;
  used: boolean;
}

/** A block of rows and where it came from. */
/** Matrices of one shape at one level (parallel, like a group). */
interface MatrixGroup {
  source: string;
  rows: number;
  cols: number;
  mats: Array<[string, Cell[][]]>;
}

interface Block {
  source: string;
  rows: Row[];
}

/** Scalars and objects of scalars of a record, as columns (objects as dotted names). */
function scalarColumns(node: Record<string, unknown>, prefix = ""): Row {
  const out: Row = {};
  for (const [k, v] of Object.entries(node)) {
    if (isScalar(v)) out[prefix + k] = v;
    else if (isRecord(v) && Object.values(v).every((x) => isScalar(x) || isRecord(x))) Object.assign(out, scalarColumns(v, `${prefix}${k}.`));
  }
  return out;
}

function expand(node: Record<string, unknown>, ctx: Row, inherited: readonly Group[], path: string): Block[] {
  const here: Row = { ...ctx, ...scalarColumns(node) };
  const groups = new Map<number, Group>();
  const children: Array<[string, unknown[]]> = [];
  const nested: Array<[string, Record<string, unknown>]> = [];
  const matrices = new Map<string, MatrixGroup>();
  for (const [k, v] of Object.entries(node)) {
    const arr = asArray(v);
    if (arr) {
      if (arr.length > 0 && arr.every(isScalar)) {
        const g = groups.get(arr.length) ?? { source: path ? `${path}.${k}` : k, length: arr.length, arrays: [], used: false };
        g.arrays.push([k, arr as Cell[]]);
        groups.set(arr.length, g);
      } else if (arr.length > 0 && arr.every(isRecord)) children.push([k, arr]);
      else if (arr.length > 0) {
        const inner = arr.map(asArray);
        const cols = inner[0]?.length ?? 0;
        if (cols > 0 && inner.every((a) => a !== undefined && a.length === cols && a.every(isScalar))) {
          const key = `${arr.length}x${cols}`;
          const m = matrices.get(key) ?? { source: path ? `${path}.${k}` : k, rows: arr.length, cols, mats: [] };
          m.mats.push([k, inner as Cell[][]]);
          matrices.set(key, m);
        }
      }
    } else if (isRecord(v) && !Object.values(v).every((x) => isScalar(x) || isRecord(x))) nested.push([k, v]);
  }
  const visible = [...inherited.filter((g) => !groups.has(g.length)), ...groups.values()];
  const blocks: Block[] = [];
  for (const [k, arr] of children) {
    const src = path ? `${path}.${k}` : k;
    for (const el of arr) blocks.push(...expand(el as Record<string, unknown>, here, visible, src));
  }
  for (const [k, v] of nested) blocks.push(...expand(v, here, visible, path ? `${path}.${k}` : k));
  // matrices: each index aligned with an array of its length here or above, else an index column
  const groupOf = (n: number): Group | undefined => groups.get(n) ?? visible.find((g) => g.length === n);
  for (const m of matrices.values()) {
    const square = m.rows === m.cols;
    const rowG = square ? undefined : groupOf(m.rows);
    const colG = square ? undefined : groupOf(m.cols);
    const name = m.mats[0][0];
    const rows: Row[] = [];
    for (let i = 0; i < m.rows; i++)
      for (let j = 0; j < m.cols; j++) {
        const row: Row = { ...here };
        if (rowG) for (const [k, a] of rowG.arrays) row[k] = a[i];
        else row[`${name}.i`] = i;
        if (colG) for (const [k, a] of colG.arrays) row[k] = a[j];
        else row[`${name}.j`] = j;
        for (const [k, a] of m.mats) row[k] = a[i][j];
        rows.push(row);
      }
    if (rowG) rowG.used = true;
    if (colG) colG.used = true;
    blocks.push({ source: m.source, rows });
  }
  // this level's own arrays: aligned with same-length arrays above (which are then used here)
  for (const g of groups.values()) {
    if (g.used) continue;
    const above = inherited.find((a) => a.length === g.length);
    if (above) above.used = true;
    const rows: Row[] = [];
    for (let i = 0; i < g.length; i++) {
      const row: Row = { ...here };
      if (above) for (const [k, a] of above.arrays) row[k] = a[i];
      for (const [k, a] of g.arrays) row[k] = a[i];
      rows.push(row);
    }
    blocks.push({ source: g.source, rows });
    g.used = true;
  }
  if (blocks.length === 0 && Object.keys(here).length > 0) blocks.push({ source: path || "value", rows: [here] });
  return blocks;
}

/**
 * The tidy rows of a result value (see the module comment). Throws when the value holds no table
 * (a bare number or an empty object).
 */
export function tidyRows(value: unknown): Row[] {
  let root = isRecord(value) ? value : asArray(value) ? { rows: value } : undefined;
  // a result that carries its own config: that is the run's parameters, not a measured table
  if (root && isRecord(root.config)) {
    const { config: _config, ...rest } = root;
    root = rest;
  }
  if (!root) throw new Error(`a result value must be an object or an array to make a table, not ${value === null ? "null" : typeof value}`);
  // the groups of the root are consumed by a deeper alignment, or come out on their own below
  const blocks = expand(root, {}, [], "");
  // a block of the root's own arrays that a deeper level already aligned with is not repeated
  const merged = blocks.filter((b) => b.rows.length > 0);
  if (merged.length === 0) throw new Error("the result holds no table (no arrays of numbers or records)");
  // several tables when rows come from different places (`runs.star` and `runs.pca` are two tables)
  const multi = new Set(merged.map((b) => b.source)).size > 1;
  return merged.flatMap((b) => (multi ? b.rows.map((r) => ({ table: b.source, ...r })) : b.rows));
}

/** Column names of rows, in first-seen order. */
export function tableColumns(rows: readonly Row[]): string[] {
  const seen = new Set<string>();
  for (const r of rows) for (const k of Object.keys(r)) seen.add(k);
  return [...seen];
}

/** One CSV cell (RFC 4180 quoting; ±inf and nan spelled as pandas and R read them; null empty). */
function csvCell(v: Cell | undefined): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "number") return Number.isNaN(v) ? "nan" : v === Infinity ? "inf" : v === -Infinity ? "-inf" : String(v);
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Rows as CSV text with a header line. */
export function toCsv(rows: readonly Row[]): string {
  const cols = tableColumns(rows);
  return [cols.map(csvCell).join(","), ...rows.map((r) => cols.map((c) => csvCell(r[c])).join(","))].join("\n") + "\n";
}
