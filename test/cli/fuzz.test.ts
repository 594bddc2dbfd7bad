/**
 * Bad input, generated: every command and every flag of `datalaws` gets malformed, out-of-range and
 * extreme values (non-numbers, NaN, ±inf where not allowed, 0 and negatives, 1e±400, values above
 * 2^53, huge lists, malformed SPECs, recipe files, prototype-named commands and sets). Each must exit
 * with status 2 and ONE line on stderr naming the flag (or file field) the user wrote and what it
 * accepts — never a stack, NaN, null or Infinity.
 *
 * Cases rejected by the argument parser run in-process (resolve + parseCommandArgs, as main does);
 * every case that gets past the parser, and a sample of the others, run as real processes,
 * concurrently in batches.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { parseCommandArgs, type Command, type FlagSpec } from "../../src/cli/command";
import { COMMANDS, errorLine, resolve } from "../../src/cli/main";

const main = path.resolve(__dirname, "../../dist/src/cli/main.js");
const data = fs.mkdtempSync(path.join(os.tmpdir(), "datalaws-fuzz-"));
const recipeDir = fs.mkdtempSync(path.join(os.tmpdir(), "datalaws-fuzz-recipes-"));

/** A bad input: the argv, and what the one stderr line must name (the flag, file field or command). */
interface Case {
  argv: string[];
  names: string | RegExp;
  env?: Record<string, string>;
}

/** A small one-pass curve for `reuse plan` (a power law over 12 points, 1e3…1e6 tokens). */
const planFile = (name: string, text: string): string => {
  const p = path.join(recipeDir, name);
  fs.writeFileSync(p, text);
  return p;
};
const planRows = Array.from({ length: 12 }, (_, i) => 1e3 * Math.pow(1e3, i / 11)).map((t) => `${t},${2 + 5 * Math.pow(t, -0.3)}`);
const planCurve = planFile("onepass.csv", "tokens,loss\n" + planRows.join("\n") + "\n");

/** A minimal valid call of each command (the fuzz changes one thing of it). */
const BASE: Record<string, string[]> = {
  "reuse plan": ["--curve", planCurve, "--N", "1e4", "--bootstrap", "0", "--json"],
  "reuse rate": ["--spectrum", "isotropic", "--d", "4", "--sigma", "0.1", "--N", "100", "--K", "1"],
  "reuse onepass": ["--spectrum", "isotropic", "--d", "4", "--sigma", "0.1", "--N", "100"],
  "skills sgd": ["--k", "2", "--d", "4", "--alpha", "0", "--eta", "0.1", "--batch", "4", "--budget", "100", "--seeds", "1"],
  "skills ode": ["--k", "2", "--d", "4"],
  "skills landscape": ["--k", "2", "--d", "4", "--alpha", "0", "--n", "2"],
  "proxy sweep": ["--recipes", "spec10", "--width", "4", "--lr", "0.1", "--seeds", "1", "--optimizer", "gd", "--pool", "20", "--target-width", "8"],
  "proxy flip": ["--recipes", "spec10", "--width", "4", "--pool", "20"],
  "nn bench": ["--steps", "1", "--warmup", "0"],
  study: ["reuse", "--scale", "ci"],
};
const base = (c: Command) => BASE[c.name] ?? [];

/** `args` with flag `--name` set to `value` (replacing it when the base call has it), then each `--flag value` pair of `extra` likewise. */
function withFlag(args: readonly string[], name: string, value: string, extra: readonly string[] = []): string[] {
  const out = [...args];
  const i = out.indexOf(`--${name}`);
  if (i >= 0) out.splice(i, 2);
  const next = [...out, `--${name}`, value];
  return extra.length ? withFlag(next, extra[0].slice(2), extra[1], extra.slice(2)) : next;
}

const HUGE = Array.from({ length: 20000 }, (_, i) => String(i + 1)).join(",");

/** Bad values of a flag, from its kind and bounds. */
function badValues(f: FlagSpec): string[] {
  const b = f.bounds ?? {};
  const num = ["abc", "nan", "NaN", "1e400", "-1e400", "1e-400", "0x10", "1e", "--", "1_000", "½", "12abc"];
  if (!b.allowInfinity) num.push("inf", "Infinity", "∞");
  num.push("-inf");
  const lo = b.gt ?? b.min;
  if (lo !== undefined) num.push(String(b.gt !== undefined ? b.gt : lo - 1), String(lo - 1e6));
  if (b.max !== undefined) num.push(String(b.max + 1));
  if (b.lt !== undefined) num.push(String(b.lt));
  switch (f.kind) {
    case "number":
      return num;
    case "integer":
      return [...num, "2.5", "9007199254740993", "1e300"];
    case "numbers":
    case "integers":
      return [...num, "1,,2", ",", "1,", ",1", "1,abc", "1,nan", `${HUGE},nan`, `${HUGE},-1`, ...(f.kind === "integers" ? ["1,2.5", "1,9007199254740993"] : [])];
    case "choice":
      return ["nosuch", "constructor", "__proto__", "toString", (f.choices?.[0] ?? "x").toUpperCase() + "!"];
    default:
      return [];
  }
}

function generate(): { parse: Case[]; semantic: Case[] } {
  const parse: Case[] = [];
  const semantic: Case[] = [];
  for (const cmd of COMMANDS) {
    const words = cmd.name.split(" ");
    const b = base(cmd);
    for (const [name, f] of Object.entries(cmd.flags)) {
      for (const v of badValues(f)) parse.push({ argv: [...words, ...withFlag(b, name, v)], names: `--${name}` });
      if (f.kind === "boolean") {
        parse.push({ argv: [...words, ...b, `--${name}=1`], names: `--${name}` });
        parse.push({ argv: [...words, ...b, `--${name}=false`], names: `--${name}` });
      } else {
        // the flag without its value, and given twice
        parse.push({ argv: [...words, ...b.filter((_, i) => b[i] !== `--${name}` && b[i - 1] !== `--${name}`), `--${name}`], names: `--${name}` });
      }
      if (f.required) {
        const i = b.indexOf(`--${name}`);
        parse.push({ argv: [...words, ...b.slice(0, i), ...b.slice(i + 2)], names: `--${name}` });
      }
    }
    parse.push({ argv: [...words, ...b, "--nosuch", "1"], names: "--nosuch" });
    parse.push({ argv: [...words, ...b, "--constructor"], names: "--constructor" });
    parse.push({ argv: [...words, ...b, "--__proto__=1"], names: "--__proto__" });
    if (!cmd.positionals?.length) parse.push({ argv: [...words, ...b, "stray"], names: "stray" });
    const first = Object.entries(cmd.flags).find(([, f]) => f.kind !== "boolean");
    if (first) parse.push({ argv: [...words, ...withFlag(b, first[0], "1"), `--${first[0]}`, "1"], names: `--${first[0]}` });
  }
  // prototype-named and unknown commands and groups
  for (const w of ["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf", "nosuch", "reuse constructor", "skills __proto__", "proxy toString", "nn valueOf", "reuse", "reuse nosuch"]) {
    parse.push({ argv: w.split(" "), names: w.includes(" ") || w === "reuse" ? /reuse|skills|proxy|nn|command/ : w });
  }
  parse.push({ argv: ["--json", "list"], names: "--json" });

  // SPECs: malformed, out of range, degenerate
  const spec = (s: string, extra: string[] = []) => ({ argv: ["reuse", "rate", ...withFlag(BASE["reuse rate"], "spectrum", s), ...extra], names: "--spectrum" });
  const zipf = (s: string, d = "10", extra: string[] = []) => ({ argv: ["reuse", "rate", "--spectrum", s, "--d", d, "--N", "100", "--K", "1,4", ...extra], names: /--spectrum|--d/ });
  for (const s of ["", ":", "nosuch", "isotropic:1", "even", "even:1", "even:1:2:3", "even:a:b", "even:2:1", "even:0:1", "even:-1:1", "even:nan:1", "even:1:inf", "even:1e-400:1", "even:1:1e400", "power", "power:", "power:0", "power:-1", "power:nan", "power:inf", "power:1:2", "zipf", "zipf:4.5", "zipf:1:1", "zipf:2:1", "zipf:4.5:-1", "zipf:inf:1", "zipf:4.5:nan", "constructor", "__proto__", "toString", "ISOTROPIC"]) {
    semantic.push(spec(s));
  }
  semantic.push(spec("even:1e-320:1"), spec("even:1e300:1e300"), spec("even:1e-300:1e300"), spec("power:1000"), spec("power:400"));
  semantic.push(zipf("zipf:4.5:1", "1"), zipf("zipf:100:1"), zipf("zipf:1e300:1"), zipf("zipf:1e6:1e6-1".replace("1e6-1", "999990")));
  semantic.push({ argv: ["reuse", "onepass", "--spectrum", "zipf:4.5:1", "--d", "1", "--N", "100"], names: /--spectrum|--d/ });

  // extreme values of the learning problem
  const rr = (flag: string, v: string, extra: string[] = []) => ({ argv: ["reuse", "rate", ...withFlag(BASE["reuse rate"], flag, v, extra)], names: `--${flag}` });
  const op = (flag: string, v: string) => ({ argv: ["reuse", "onepass", ...withFlag(BASE["reuse onepass"], flag, v)], names: `--${flag}` });
  for (const v of ["1e308", "1e200", "1e160"]) semantic.push(rr("sigma", v), op("sigma", v));
  for (const v of ["0", "-0", "1e308", "-1e308", "1e-300"]) semantic.push(rr("wstar", v), op("wstar", v));
  for (const v of ["1e200", "1e300", "1e20"]) semantic.push(rr("N", v), op("N", v), rr("N", v, ["--K", "inf"]));
  semantic.push(op("N", "0.5"), rr("K", "1e400"), rr("K", "1e300"), rr("seed", "9007199254740993", ["--method", "mc", "--K", "2"]), rr("seed", "1e20", ["--method", "mc", "--K", "2"]));
  semantic.push({ argv: ["reuse", "rate", "--spectrum", "zipf:4.5:1", "--d", "10", "--sigma", "0.1", "--N", "100", "--K", "1"], names: "--sigma" });
  semantic.push({ argv: ["reuse", "rate", "--spectrum", "zipf:4.5:1", "--d", "10", "--wstar", "2", "--N", "100", "--K", "1"], names: "--wstar" });
  semantic.push({ argv: ["reuse", "rate", "--spectrum", "zipf:4.5:1", "--d", "100", "--N", "1e200", "--K", "1,4"], names: "--N" });
  semantic.push({ argv: ["reuse", "onepass", "--spectrum", "zipf:4.5:1", "--d", "100", "--N", "1e300"], names: "--N" });
  semantic.push({ argv: ["reuse", "rate", "--spectrum", "isotropic", "--d", "4", "--N", "100", "--K", "1"], names: "--sigma" });
  semantic.push(rr("N", "5", ["--K", "inf"]), rr("method", "exact", ["--K", "4"]), rr("runs", "1", ["--method", "mc", "--K", "2"]));

  // reuse plan: bad curves and runs (each named by file, line and column, or by what is wrong)
  const pl = (flag: string, v: string, names: string | RegExp = `--${flag}`, extra: string[] = []) => ({ argv: ["reuse", "plan", ...withFlag(BASE["reuse plan"], flag, v, extra)], names });
  semantic.push(pl("curve", path.join(recipeDir, "nosuch.csv")), pl("multi", path.join(recipeDir, "nosuch.csv")));
  semantic.push(pl("curve", planFile("noheader.csv", planRows.join("\n")), /header/));
  semantic.push(pl("curve", planFile("empty.csv", ""), /empty|header/));
  semantic.push(pl("curve", planFile("cell.csv", "tokens,loss\n" + planRows.slice(0, 5).join("\n") + "\n1e5,abc\n"), /line 7, column "loss"/));
  semantic.push(pl("curve", planFile("few.csv", "tokens,loss\n" + planRows.slice(0, 5).join("\n")), /too few points/));
  semantic.push(pl("curve", planFile("zero.csv", "tokens,loss\n" + planRows.slice(0, 11).join("\n") + "\n1e7,0\n"), /loss/));
  semantic.push(pl("curve", planFile("order.csv", "tokens,loss\n" + [...planRows.slice(0, 11), planRows[3]].join("\n")), /tokens\[11\]/));
  const rising = planRows.map((r, i) => (i > 7 ? r.replace(/,.*/, `,${2 + 0.1 * i}`) : r));
  semantic.push(pl("curve", planFile("rising.csv", "tokens,loss\n" + rising.join("\n")), /non-monotone beyond noise/));
  for (const v of ["1e300", "1e9", "1"]) semantic.push(pl("N", v, /N = .*× (beyond|below) the curve/));
  semantic.push(pl("multi", planFile("runs-k1.csv", "unique_tokens,epochs,loss\n1e4,1,3\n1e4,1,3\n"), /at least 3 losses after more than one epoch/));
  semantic.push(pl("multi", planFile("runs-epochs.csv", "unique_tokens,epochs,loss\n1e4,0,3\n"), /column "epochs"/));
  semantic.push(pl("multi", planFile("runs-ok.csv", "unique_tokens,epochs,loss\n1e4,2,3\n1e4,4,2.9\n1e4,8,2.8\n"), "--beta", ["--beta", "0.5"]));

  // skills
  const sk = (cmd: string, flag: string, v: string, extra: string[] = []) => ({ argv: ["skills", cmd, ...withFlag(BASE[`skills ${cmd}`], flag, v, extra)], names: `--${flag}` });
  for (const v of ["1e-300", "1e-200", "1e300", "1e200"]) semantic.push(sk("ode", "r", v), sk("landscape", "r", v), sk("sgd", "r", v));
  for (const v of ["1e200", "1e300", "1e100"]) semantic.push(sk("landscape", "span", v));
  semantic.push(sk("landscape", "span", "1e60", ["--k", "8", "--d", "16"]));
  for (const v of ["1e300", "1e200"]) semantic.push(sk("ode", "A0", v), sk("ode", "A0", "-" + v), sk("sgd", "alpha", v), sk("landscape", "alpha", v));
  semantic.push(sk("ode", "d", "1"), sk("ode", "d", "4,1"), sk("sgd", "d", "1"), sk("landscape", "d", "1"), sk("ode", "eta", "1e6"), sk("ode", "eta", "1", ["--eta-fraction", "0.5"]));
  semantic.push(sk("sgd", "eta", "1e6"), sk("sgd", "budget", "2"), sk("sgd", "bins", "5"), sk("sgd", "seed0", "9007199254740993"), sk("sgd", "seed0", "9007199254740990", ["--seeds", "5"]));
  semantic.push(sk("landscape", "eta", "0.1"), sk("landscape", "steps", "10"), sk("landscape", "directions", "pca"), sk("landscape", "eta", "1e6", ["--directions", "pca"]));

  // proxy: recipe names, sets and files
  const px = (cmd: string, flag: string, v: string, names: string | RegExp = `--${flag}`) => ({ argv: ["proxy", cmd, ...withFlag(BASE[`proxy ${cmd}`], flag, v)], names });
  for (const v of ["", " ", ",", "nosuch", "constructor", "__proto__", "toString", "hasOwnProperty", "spec-0", "spec-0,spec-0", "spec-0,nosuch", "default,spec10"]) {
    semantic.push(px("sweep", "recipes", v, /--recipes/), px("flip", "recipes", v, /--recipes/));
  }
  const file = (name: string, text: string) => {
    const p = path.join(recipeDir, name);
    fs.writeFileSync(p, text);
    return p;
  };
  const two = (extra: Record<string, unknown>) => JSON.stringify([{ name: "a", axis: "scale", ...extra }, { name: "b", axis: "scale" }]);
  const files = [
    file("empty.json", ""),
    file("garbage.json", "{not json"),
    file("object.json", '{"name": "a"}'),
    file("one.json", '[{"name": "a", "axis": "scale"}]'),
    file("nulls.json", "[null, null]"),
    file("scale-huge.json", two({ scale: 1e300 })),
    file("scale-zero.json", two({ scale: 0 })),
    file("scale-string.json", two({ scale: "big" })),
    file("label-zero.json", two({ labelScale: 0 })),
    file("noise-neg.json", two({ noise: -1 })),
    file("mixture-bad.json", two({ mixture: [0, 0, 0] })),
    file("filter-one.json", two({ filter: 1 })),
    file("unique-zero.json", two({ unique: 0 })),
    file("proto.json", '[{"name": "__proto__", "axis": "scale"}, {"name": "b", "axis": "scale", "__proto__": {"scale": 5}}]'),
  ];
  for (const f of files) semantic.push(px("sweep", "recipes", f, /--recipes/), px("flip", "recipes", f, /--recipes/));
  semantic.push(px("flip", "pair", "spec-0"), px("flip", "pair", "spec-0,spec-0"), px("flip", "pair", "spec-0,nosuch"), px("flip", "pair", "constructor,spec-0"), px("sweep", "k", "11"));
  semantic.push(px("flip", "width", "1e300"));

  // selections and study names
  for (const w of ["nosuch", "constructor", "__proto__"]) semantic.push({ argv: ["study", w], names: /study|name/ });
  semantic.push({ argv: ["study"], names: /study|name/ });
  // shards of a study: I/N with 1 ≤ I ≤ N, not with --merge or --fresh
  for (const v of ["0/2", "3/2", "1/0", "0/0", "a/b", "1", "/", "1/2/3", "-1/2", "1.5/2", "inf/2", "nan/nan", "constructor", "1/1e400", "9007199254740993/9007199254740993"]) {
    semantic.push({ argv: ["study", ...withFlag(BASE.study, "shard", v)], names: "--shard" });
  }
  semantic.push({ argv: ["study", ...BASE.study, "--shard", "1/2", "--merge"], names: "--shard" });
  semantic.push({ argv: ["study", ...BASE.study, "--merge", "--fresh"], names: "--fresh" });
  semantic.push({ argv: ["study", ...BASE.study, "--shard", "2/2"], names: "DATALAWS_FRESH", env: { DATALAWS_FRESH: "1" } });
  for (const sel of ["nosuch", "constructor", "__proto__", "reuse.nosuch"]) {
    semantic.push({ argv: ["check", "--only", sel], names: "--only" }, { argv: ["figures", "--only", sel], names: "--only" }, { argv: ["all", "--only", sel], names: "--only" });
  }

  // an unwritable data folder
  for (const argv of [
    ["reuse", "rate", ...withFlag(BASE["reuse rate"], "method", "mc", ["--K", "2", "--runs", "4"])],
    ["check", "--only", "skills.stability-limit", "--scale", "ci"],
  ]) {
    semantic.push({ argv, names: "DATALAWS_DATA", env: { DATALAWS_DATA: "/dev/null/x" } });
  }
  return { parse, semantic };
}

const { parse, semantic } = generate();

/** What every rejection must satisfy: one line, naming what the user wrote, no stack, NaN, null or Infinity. */
function checkMessage(c: Case, stdout: string, stderr: string): string | undefined {
  const lines = stderr.trimEnd().split("\n");
  const what = `datalaws ${c.argv.join(" ").slice(0, 200)}`;
  if (lines.length !== 1 || lines[0] === "") return `${what}: expected one stderr line, got ${JSON.stringify(stderr.slice(0, 400))}`;
  const line = lines[0];
  const named = typeof c.names === "string" ? line.includes(c.names) : c.names.test(line);
  if (!named) return `${what}: the message does not name ${c.names}: ${line}`;
  if (!/must be|accepted|takes no value|needs a value|is required|given twice|unknown|unexpected|before a command|missing/.test(line)) return `${what}: the message does not say what is accepted: ${line}`;
  // the value echoed as the user wrote it (`--seed = "NaN"`, `--K = "1,nan"`) is theirs, not a computed NaN
  const echo = (t: string) => t.replace(/= ("[^"]*"|[^\s:]+):/g, (m, v: string) => (c.argv.some((a) => a.includes(v.replace(/^"|"$/g, "").replace(/…$/, ""))) ? "= …:" : m));
  // and so are the paths of its environment (DATALAWS_DATA=/dev/null/x)
  const paths = (t: string) => Object.values(c.env ?? {}).reduce((acc, v) => acc.split(v).join("…").split(path.dirname(v)).join("…"), t);
  for (const text of [paths(stdout), paths(echo(stderr))]) {
    if (/\bNaN\b|\bnull\b|\bInfinity\b/.test(text)) return `${what}: prints NaN, null or Infinity: ${text.slice(0, 300)}`;
    if (/\n\s+at .*:\d+:\d+/.test(text) || /TypeError|ReferenceError/.test(text)) return `${what}: prints a stack or an internal error: ${text.slice(0, 300)}`;
  }
  return undefined;
}

/** Run the parse step in-process, as `main` does before any work. */
function parseInProcess(c: Case): string | undefined {
  try {
    const r = resolve(c.argv);
    if ("help" in r) return `datalaws ${c.argv.join(" ")}: printed help instead of an error`;
    parseCommandArgs(r.cmd, r.rest);
  } catch (e) {
    return checkMessage(c, "", errorLine(e) + "\n");
  }
  return "passes the parser";
}

/** Run a case as a process: exit status 2 within a few seconds, then the message checks. */
function runProcess(c: Case): Promise<string | undefined> {
  return new Promise((done) => {
    const t0 = Date.now();
    const p = spawn(process.execPath, [main, ...c.argv], { env: { ...process.env, DATALAWS_DATA: data, DATALAWS_DEBUG: "", ...c.env } });
    let out = "";
    let err = "";
    p.stdout.on("data", (b) => (out += b));
    p.stderr.on("data", (b) => (err += b));
    const timer = setTimeout(() => p.kill("SIGKILL"), 8000);
    p.on("close", (code) => {
      clearTimeout(timer);
      const what = `datalaws ${c.argv.join(" ").slice(0, 200)}`;
      if (code !== 2) return done(`${what}: exit ${code} after ${Date.now() - t0} ms (want 2); stderr ${JSON.stringify(err.slice(0, 300))}; stdout ${JSON.stringify(out.slice(0, 200))}`);
      done(checkMessage(c, out, err));
    });
  });
}

async function runAll(cases: Case[], concurrency: number): Promise<string[]> {
  const failures: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < cases.length) {
      const f = await runProcess(cases[next++]);
      if (f) failures.push(f);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return failures;
}

describe("datalaws: generated bad input", () => {
  it(`covers at least 300 cases across every command (${parse.length} parser cases in-process, ${semantic.length} past the parser as processes)`, () => {
    expect(parse.length + semantic.length).toBeGreaterThanOrEqual(300);
    for (const c of COMMANDS) {
      const mine = [...parse, ...semantic].filter((x) => x.argv.join(" ").startsWith(c.name + " ") || x.argv.join(" ") === c.name);
      expect(mine.length, c.name).toBeGreaterThan(0);
      for (const [name, f] of Object.entries(c.flags)) {
        if (f.kind === "string") continue; // strings (SPEC, selections, recipes) have their own cases
        expect(mine.some((x) => x.argv.some((a) => a === `--${name}` || a.startsWith(`--${name}=`))), `${c.name} --${name}`).toBe(true);
      }
    }
  });

  it("every parser case is rejected in-process with one line naming the flag", () => {
    const failures = parse.map(parseInProcess).filter((f): f is string => f !== undefined);
    if (process.env.FUZZ_DUMP) fs.writeFileSync(process.env.FUZZ_DUMP + ".parse", failures.join("\n"));
    expect(failures, failures.slice(0, 20).join("\n")).toEqual([]);
  });

  // every case past the parser, and every 10th parser case, as a real process
  const processes = [...semantic, ...parse.filter((_, i) => i % 10 === 0)];
  it(`${processes.length} cases as processes exit 2 with one line naming the flag`, async () => {
    const failures = await runAll(processes, 4);
    if (process.env.FUZZ_DUMP) fs.writeFileSync(process.env.FUZZ_DUMP + ".proc", failures.join("\n"));
    fs.rmSync(data, { recursive: true, force: true });
    fs.rmSync(recipeDir, { recursive: true, force: true });
    expect(failures, failures.slice(0, 30).join("\n")).toEqual([]);
  }, 120_000);
});
