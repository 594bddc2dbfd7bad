/**
 * The `datalaws` command machinery: each command declares its name, a one-line summary, its
 * positional arguments and its flags (kind, default, description, allowed values). Arguments are
 * parsed with `util.parseArgs` in strict mode and typed from the declaration, so an unknown flag, a
 * stray argument, a missing value or a malformed number is rejected — with one line naming the flag
 * and what it accepts — before the command does any work. `--help` prints the same declaration.
 */
import { parseArgs } from "node:util";
import { ParameterError, requireInteger, requireNumber, type Bounds } from "../core/validate";

/** How a flag's text is read. */
export type FlagKind = "boolean" | "string" | "choice" | "number" | "integer" | "numbers" | "integers";

/** One flag of a command. */
export interface FlagSpec {
  kind: FlagKind;
  /** what it sets, in a few words */
  description: string;
  /** value when absent (printed by --help); booleans default to false */
  default?: boolean | string | number | readonly number[];
  /** --help text of a default that depends on other flags, e.g. "min(2, CPUs)" */
  defaultText?: string;
  /** allowed values of a `choice` flag */
  choices?: readonly string[];
  /** range of a number, integer or each list item; `allowInfinity` accepts `inf` */
  bounds?: Bounds;
  /** must be given (the command cannot guess it) */
  required?: boolean;
  /** placeholder of the value in usage lines, e.g. SPEC or LIST (default from the kind) */
  metavar?: string;
}

/** A positional argument. */
export interface PositionalSpec {
  name: string;
  description: string;
}

export type FlagSpecs = Readonly<Record<string, FlagSpec>>;

type KindValue<K extends FlagKind> = K extends "boolean" ? boolean : K extends "number" | "integer" ? number : K extends "numbers" | "integers" ? number[] : string;
type Known<F extends FlagSpec> = F["kind"] extends "boolean" ? true : F extends { required: true } ? true : F extends { default: boolean | string | number | readonly number[] } ? true : false;

/** The typed values of a command's flags: absent optional flags without default are undefined. */
export type FlagValues<F extends FlagSpecs> = { -readonly [K in keyof F]: Known<F[K]> extends true ? KindValue<F[K]["kind"]> : KindValue<F[K]["kind"]> | undefined };

/** A `datalaws` command. */
export interface Command<F extends FlagSpecs = FlagSpecs> {
  /** the words that call it, e.g. "reuse rate" */
  name: string;
  /** one line: what it does */
  summary: string;
  positionals?: readonly PositionalSpec[];
  flags: F;
  /** more --help text (syntax of structured values such as SPEC, exit codes) */
  notes?: string;
  /** example calls (without the leading `datalaws`) */
  examples?: readonly string[];
  /** do the work; returns the exit status (default 0) */
  run(values: FlagValues<F>, positionals: string[]): Promise<number | void>;
}

/** Declare a command (the identity, for type inference of its flag values). */
export function defineCommand<const F extends FlagSpecs>(c: Command<F>): Command<F> {
  return c;
}

/** A command-line usage error (unknown flag, stray argument, missing value); exit status 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/**
 * A flag value that is rejected, shown as the user wrote it: `--K = 1e400`, `--seed = 9007199254740993`
 * (the parsed double would print Infinity or the neighbouring integer), `--N = "abc"`.
 */
export class FlagValueError extends ParameterError {
  constructor(flag: string, text: string, allowed: string) {
    super(flag, text, allowed);
    const shown = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(text.trim()) ? text.trim() : JSON.stringify(text.length > 60 ? text.slice(0, 57) + "…" : text);
    this.message = `${flag} = ${shown}: must be ${allowed}`;
  }
}

/** The smallest and largest magnitudes a flag's number may have (beyond them doubles lose it: 1e400 → ∞, 1e-400 → 0). */
const TINY = 1e-300;
const HUGE = 1e300;

/**
 * Parse a number: decimal, exponent notation (1e6), or inf/infinity. A literal that double precision
 * cannot hold (1e400 would become ∞, 1e-400 would become 0) is an error naming the flag, not a silent
 * ∞ or 0.
 */
export function parseNumber(name: string, s: string, expected = "a number (e.g. 1000, 1e3, 0.5, inf)"): number {
  const t = s.trim().toLowerCase();
  if (t === "inf" || t === "infinity" || t === "∞" || t === "+inf" || t === "+infinity") return Infinity;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/.test(t)) throw new FlagValueError(name, s, expected);
  const x = Number(t);
  const a = Math.abs(x);
  if (a > HUGE || (x === 0 && /[1-9]/.test(t.replace(/e.*$/, ""))) || (a > 0 && a < TINY)) {
    throw new FlagValueError(name, s, `${expected}, with magnitude between ${TINY} and ${HUGE} (or 0)`);
  }
  return x;
}

function boundsText(b: Bounds = {}): string {
  const lo = b.gt !== undefined ? `> ${b.gt}` : b.min !== undefined ? `≥ ${b.min}` : "";
  const hi = b.lt !== undefined ? `< ${b.lt}` : b.max !== undefined ? `≤ ${b.max}` : "";
  return [lo, hi].filter(Boolean).join(" and ");
}

/** An example list of numbers that lies inside the bounds (the example must itself be accepted). */
function numbersExample(b: Bounds = {}): string {
  const ok = (x: number) =>
    (b.gt === undefined || x > b.gt) && (b.min === undefined || x >= b.min) && (b.lt === undefined || x < b.lt) && (b.max === undefined || x <= b.max);
  for (const ex of [[0.1, 1, 10], [1, 2, 4], [0.1, 0.2, 0.5]]) if (ex.every(ok)) return ex.map((x) => (x === 10 ? "1e1" : String(x))).join(",");
  const lo = b.gt ?? b.min ?? 0;
  return String(b.gt !== undefined ? lo + 1 : lo);
}

/** What a flag accepts, in words (used by --help and by error messages). */
export function accepted(f: FlagSpec): string {
  const range = boundsText(f.bounds);
  const inf = f.bounds?.allowInfinity ? " or inf" : "";
  switch (f.kind) {
    case "boolean":
      return "no value";
    case "string":
      return f.metavar ? `${f.metavar}: ${f.description}` : f.description;
    case "choice":
      return `one of ${(f.choices ?? []).join(", ")}`;
    case "number":
      return `a number${range ? " " + range : ""}${inf}`;
    case "integer":
      return `an integer${range ? " " + range : ""}${f.bounds?.max === undefined ? " up to 2^53 − 1" : ""}${inf}`;
    case "numbers":
      return `a comma-separated list of numbers${range ? " " + range : ""}${inf}, e.g. ${numbersExample(f.bounds)}`;
    case "integers":
      return `a comma-separated list of integers${range ? " " + range : ""}${inf}, e.g. ${inf ? "1,4,inf" : "1e3,1e4"}`;
  }
}

function metavar(name: string, f: FlagSpec): string {
  if (f.metavar) return f.metavar;
  if (f.kind === "choice") return (f.choices ?? []).join("|");
  if (f.kind === "numbers" || f.kind === "integers") return "LIST";
  if (f.kind === "integer") return "N";
  if (f.kind === "number") return "X";
  return name.toUpperCase();
}

function defaultText(f: FlagSpec): string | undefined {
  if (f.defaultText !== undefined) return f.defaultText;
  if (f.default === undefined || f.kind === "boolean") return undefined;
  const show = (x: number) => (x === Infinity ? "inf" : String(x));
  if (Array.isArray(f.default)) return (f.default as number[]).map(show).join(",");
  return typeof f.default === "number" ? show(f.default) : String(f.default);
}

/**
 * Convert one flag's text to its typed value (throws a ParameterError naming the flag and the value
 * as the user wrote it). Integers must be exact in double precision (≤ 2^53 − 1): above it, a seed
 * or a size silently equals its neighbour.
 */
function convertFlag(name: string, f: FlagSpec, raw: string): string | number | number[] {
  const flag = `--${name}`;
  const b = f.bounds ?? {};
  const check = (v: number, text: string, where = flag): number => {
    try {
      if (f.kind === "integer" || f.kind === "integers") {
        requireInteger(where, v, { ...b, allowInfinity: b.allowInfinity ?? false });
        if (Number.isFinite(v) && !Number.isSafeInteger(v)) throw new RangeError("not exact");
        return v;
      }
      return requireNumber(where, v, b);
    } catch {
      throw new FlagValueError(where, text, accepted(f));
    }
  };
  switch (f.kind) {
    case "string":
      return raw;
    case "choice":
      if (!(f.choices ?? []).includes(raw)) throw new FlagValueError(flag, raw, accepted(f));
      return raw;
    case "number":
    case "integer":
      return check(parseNumber(flag, raw, accepted(f)), raw);
    case "numbers":
    case "integers": {
      const parts = raw.split(",").map((s) => s.trim());
      if (parts.some((s) => s === "")) throw new FlagValueError(flag, raw, accepted(f));
      return parts.map((s, i) => {
        const where = parts.length > 1 ? `${flag}[${i}]` : flag;
        return check(parseNumber(where, s, accepted(f)), s, where);
      });
    }
    case "boolean":
      throw new UsageError(`${flag} takes no value`);
  }
}

/** Edit distance (for "did you mean"). */
function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
  }
  return d[a.length][b.length];
}

/** The closest name within edit distance 2, if any. */
export function closest(word: string, names: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = 3;
  for (const n of names) {
    const dd = distance(word.toLowerCase(), n.toLowerCase());
    if (dd < bestD) {
      best = n;
      bestD = dd;
    }
  }
  return best;
}

const NEGATIVE = /^-(\d|\.\d|inf)/i;

/**
 * Parse a command's arguments strictly: every flag declared, each given once, values well-formed,
 * at most the declared positionals. Returns typed values with defaults applied. `--help` is handled
 * by the dispatcher before this is called.
 */
export function parseCommandArgs<F extends FlagSpecs>(cmd: Command<F>, argv: readonly string[]): { values: FlagValues<F>; positionals: string[] } {
  const flags = cmd.flags as FlagSpecs;
  const names = Object.keys(flags);
  const here = `datalaws ${cmd.name}`;
  const hint = `see ${here} --help`;
  // `--x -5`: parseArgs would take -5 for an option; a negative number is a value of a value flag
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const name = a.startsWith("--") && !a.includes("=") ? a.slice(2) : undefined;
    if (name !== undefined && Object.hasOwn(flags, name) && flags[name].kind !== "boolean" && i + 1 < argv.length && NEGATIVE.test(argv[i + 1])) {
      args.push(`${a}=${argv[i + 1]}`);
      i++;
    } else args.push(a);
  }
  const options: Record<string, { type: "string" | "boolean"; short?: string }> = {};
  for (const n of names) options[n] = { type: flags[n].kind === "boolean" ? "boolean" : "string" };
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args, options, strict: true, allowPositionals: (cmd.positionals?.length ?? 0) > 0, tokens: true });
  } catch (e) {
    const err = e as Error & { code?: string };
    const quoted = /'(-{1,2}[^' ]+)/.exec(err.message)?.[1] ?? /'([^']*)'/.exec(err.message)?.[1] ?? "";
    const flagName = quoted.replace(/^-+/, "");
    if (err.code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
      const guess = closest(flagName, names);
      const list = names.length ? names.map((n) => "--" + n).join(", ") : "none";
      throw new UsageError(`${here}: unknown flag ${quoted}${guess ? ` (did you mean --${guess}?)` : ""}; accepted: ${list} (${hint})`);
    }
    if (err.code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL") {
      const pos = cmd.positionals ?? [];
      throw new UsageError(`${here}: unexpected argument "${quoted}"; ${pos.length ? `it takes ${pos.map((p) => p.name.toUpperCase()).join(" ")} and flags` : "it takes flags only"} (${hint})`);
    }
    if (err.code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE" && Object.hasOwn(flags, flagName)) {
      const f = flags[flagName];
      if (f.kind === "boolean") throw new UsageError(`${here}: --${flagName} takes no value (${hint})`);
      throw new UsageError(`${here}: --${flagName} needs a value: ${accepted(f)} (${hint})`);
    }
    throw new UsageError(`${here}: ${err.message.split("\n")[0]} (${hint})`);
  }
  const pos = cmd.positionals ?? [];
  if (parsed.positionals.length > pos.length) {
    const extra = parsed.positionals[pos.length];
    throw new UsageError(`${here}: unexpected argument "${extra}"; it takes ${pos.length ? pos.map((p) => p.name.toUpperCase()).join(" ") + " and " : ""}flags only (${hint})`);
  }
  const seen = new Set<string>();
  for (const t of parsed.tokens ?? []) {
    if (t.kind !== "option") continue;
    if (seen.has(t.name)) throw new UsageError(`${here}: --${t.name} is given twice (${hint})`);
    seen.add(t.name);
  }
  const values: Record<string, unknown> = {};
  const given = parsed.values as Record<string, string | boolean | undefined>;
  for (const n of names) {
    const f = flags[n];
    const raw = given[n];
    if (f.kind === "boolean") values[n] = raw === true;
    else if (typeof raw === "string") values[n] = convertFlag(n, f, raw);
    else if (f.required) throw new UsageError(`${here}: --${n} is required: ${accepted(f)} (${hint})`);
    else values[n] = Array.isArray(f.default) ? [...f.default] : f.default;
  }
  return { values: values as FlagValues<F>, positionals: parsed.positionals };
}

/** Whether the arguments ask for help (`--help` or `-h` before a `--`). */
export function wantsHelp(argv: readonly string[]): boolean {
  for (const a of argv) {
    if (a === "--") return false;
    if (a === "--help" || a === "-h") return true;
  }
  return false;
}

/** Words of `text` in lines of at most `width` characters. */
function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line && line.length + 1 + word.length > width) {
      out.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  return [...out, line];
}

/** Two columns: names on the left, descriptions wrapped to 100 characters on the right. */
function wrapRows(rows: Array<[string, string]>, indent = 2): string[] {
  const w = Math.min(26, Math.max(...rows.map(([l]) => l.length)));
  const pad = " ".repeat(indent + w + 2);
  return rows.map(([l, r]) => {
    const lines = wrap(r, Math.max(40, 100 - pad.length));
    const head = l.length > w ? `${" ".repeat(indent)}${l}\n${pad}${lines[0]}` : `${" ".repeat(indent)}${l.padEnd(w)}  ${lines[0]}`;
    return [head, ...lines.slice(1).map((x) => pad + x)].join("\n");
  });
}

/** The usage line of a command: required flags spelled out, the others as [flags]. */
function usageLine(cmd: Command): string {
  const pos = (cmd.positionals ?? []).map((p) => p.name.toUpperCase());
  const req = Object.entries(cmd.flags)
    .filter(([, f]) => f.required)
    .map(([n, f]) => `--${n} ${metavar(n, f)}`);
  const optional = Object.values(cmd.flags).some((f) => !f.required);
  return ["datalaws", cmd.name, ...pos, ...req, ...(optional ? ["[flags]"] : [])].join(" ");
}

/** The --help text of a command: summary, usage, positionals, every flag with default and allowed values, notes, examples. */
export function commandHelp(cmd: Command): string {
  const out = [`datalaws ${cmd.name} — ${cmd.summary}`, "", `usage: ${usageLine(cmd)}`];
  if (cmd.positionals?.length) {
    out.push("", "arguments:", ...wrapRows(cmd.positionals.map((p) => [p.name.toUpperCase(), p.description])));
  }
  const rows: Array<[string, string]> = Object.entries(cmd.flags).map(([n, f]) => {
    const left = f.kind === "boolean" ? `--${n}` : `--${n} ${metavar(n, f)}`;
    const def = defaultText(f);
    const facts = [f.required ? "required" : undefined, f.kind === "boolean" || f.kind === "string" ? undefined : accepted(f), def !== undefined ? `default ${def}` : undefined].filter(Boolean);
    return [left, `${f.description}${facts.length ? ` (${facts.join("; ")})` : ""}`];
  });
  rows.push(["-h, --help", "print this help"]);
  out.push("", "flags:", ...wrapRows(rows));
  if (cmd.notes) out.push("", cmd.notes.trimEnd());
  if (cmd.examples?.length) out.push("", "examples:", ...cmd.examples.map((e) => `  datalaws ${e}`));
  return out.join("\n") + "\n";
}
