#!/usr/bin/env -S node --max-semi-space-size=64
/**
 * `datalaws <command> [flags]` and `datalaws <group> <command> [flags]` — the toolkit's command line
 * (`npx datalaws …` in the project, `npm run -s datalaws -- …`).
 * Flags are parsed strictly before any work; `--help` works on every command. With --json, stdout
 * holds one JSON object per line and nothing else (progress goes to stderr). Bad arguments exit with
 * status 2 and one line on stderr.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { ParameterError } from "../core/validate";
import { packageRoot } from "../run/store";
import { closest, commandHelp, parseCommandArgs, UsageError, wantsHelp, type Command } from "./command";
import { command as all } from "./all";
import { command as check } from "./check";
import { command as figures, folderFigures } from "./figures";
import { command as list } from "./list";
import { command as nnBench } from "./nnBench";
import { command as proxyFlip } from "./proxyFlip";
import { command as proxySweep } from "./proxySweep";
import { command as reuseOnepass } from "./reuseOnepass";
import { command as reusePlan } from "./reusePlan";
import { command as reuseRate } from "./reuseRate";
import { command as skillsLandscape } from "./skillsLandscape";
import { command as skillsOde } from "./skillsOde";
import { command as skillsSgd } from "./skillsSgd";
import { command as study } from "./study";
import { command as exportTable } from "./export";

/** Every command, in help order. */
export const COMMANDS: readonly Command[] = [
  reuseRate,
  reuseOnepass,
  reusePlan,
  folderFigures("reuse"),
  skillsSgd,
  skillsOde,
  skillsLandscape,
  folderFigures("skills"),
  proxySweep,
  proxyFlip,
  folderFigures("proxy"),
  nnBench,
  study,
  check,
  figures,
  exportTable,
  all,
  list,
] as unknown as Command[];

/** Commands by their full name ("reuse rate", "check"): a Map, so no inherited property is ever a command. */
export const commandTable: ReadonlyMap<string, Command> = new Map(COMMANDS.map((c) => [c.name, c]));

/** Groups ("reuse", "skills", …) and their commands. */
const groups = new Map<string, Command[]>();
for (const c of COMMANDS) {
  const words = c.name.split(" ");
  if (words.length === 2) groups.set(words[0], [...(groups.get(words[0]) ?? []), c]);
}

const GROUP_TITLES = new Map([
  ["reuse", "data reuse: effective reuse rate of multi-epoch SGD"],
  ["skills", "skill composition: SGD, ODE and loss landscape of the k-fold composition toy"],
  ["proxy", "proxy-model ordering of data recipes"],
  ["nn", "the transformer engine"],
]);

function rows(cmds: readonly Command[]): string[] {
  const w = Math.max(...cmds.map((c) => c.name.length));
  return cmds.map((c) => `  ${c.name.padEnd(w)}  ${c.summary}`);
}

/** `datalaws --help`. */
export function topHelp(): string {
  return [
    "datalaws — how training data shapes learning: theory, numerical checks and figures",
    "",
    "usage: datalaws <command> [flags]          (in the project: npx datalaws …, or npm run -s datalaws -- …)",
    "       datalaws <command> --help           the command's flags, defaults and allowed values",
    "",
    "commands:",
    ...rows(COMMANDS),
    "",
    "Ids are <folder>.<slug> (e.g. reuse.e-vs-k-zipf): the code of a result, claim or figure is in src/<folder>/ (datalaws list).",
    "With --json, stdout holds one JSON object per line. Bad arguments exit 2 with one line on stderr.",
    "",
  ].join("\n");
}

function groupHelp(name: string, cmds: readonly Command[]): string {
  return [`datalaws ${name} — ${GROUP_TITLES.get(name) ?? ""}`, "", `usage: datalaws ${name} <command> [flags]   (datalaws ${name} <command> --help for its flags)`, "", "commands:", ...rows(cmds), ""].join("\n");
}

function unknown(words: string): UsageError {
  const names = [...commandTable.keys(), ...groups.keys()];
  const guess = closest(words, names);
  return new UsageError(`datalaws: unknown command "${words}"${guess ? ` (did you mean "${guess}"?)` : ""}; commands: ${[...commandTable.keys()].join(", ")} (datalaws --help)`);
}

/** Resolve the command words of argv: the command and the rest of the arguments, or a help text to print. */
export function resolve(argv: readonly string[]): { cmd: Command; rest: string[] } | { help: string } {
  const [first, second] = argv;
  if (first === undefined || first === "--help" || first === "-h") return { help: topHelp() };
  if (first === "help") {
    if (second === undefined) return { help: topHelp() };
    const target = resolve([...argv.slice(1), "--help"]);
    return target;
  }
  if (first.startsWith("-")) throw new UsageError(`datalaws: ${first} before a command; flags follow the command (datalaws --help)`);
  const group = groups.get(first);
  if (group) {
    if (second === undefined || second.startsWith("-")) {
      if (wantsHelp(argv.slice(1))) return { help: groupHelp(first, group) };
      throw new UsageError(`datalaws ${first}: missing command; one of ${group.map((c) => c.name.split(" ")[1]).join(", ")} (datalaws ${first} --help)`);
    }
    const cmd = commandTable.get(`${first} ${second}`);
    if (!cmd) throw unknown(`${first} ${second}`);
    return { cmd, rest: argv.slice(2) };
  }
  const cmd = commandTable.get(first);
  if (!cmd || cmd.name.includes(" ")) throw unknown(first);
  return { cmd, rest: argv.slice(1) };
}

/** Commands that never write under the data folder (every other one may store results or checkpoints). */
const READ_ONLY = new Set(["list", "nn bench", "reuse onepass", "skills ode", "skills landscape", "proxy flip"]);

/**
 * The data folder must be a folder that exists or can be created, and be writable — checked before any
 * work, so that a bad DATALAWS_DATA is named as such (not as ENOTDIR deep inside the store).
 */
export function checkDataFolder(env: NodeJS.ProcessEnv = process.env, defaultFolder = path.join(packageRoot(), "data")): void {
  const given = env.DATALAWS_DATA ?? defaultFolder;
  // unset: the project's own data/ folder, named as such (the fix is to set DATALAWS_DATA)
  const name = env.DATALAWS_DATA === undefined ? "the default data folder (set DATALAWS_DATA to use another)" : "DATALAWS_DATA";
  const fail = (why: string): never => {
    throw new ParameterError(name, given, `a folder that exists or can be created, and that this user can write (${why})`);
  };
  if (given.trim() === "") fail("it is empty");
  let p = path.resolve(given);
  for (;;) {
    let st: fs.Stats | undefined;
    try {
      st = fs.statSync(p);
    } catch {
      st = undefined;
    }
    if (st) {
      if (!st.isDirectory()) fail(`${p} is not a folder`);
      try {
        fs.accessSync(p, fs.constants.W_OK | fs.constants.X_OK);
      } catch {
        fail(`${p} is not writable`);
      }
      return;
    }
    const up = path.dirname(p);
    if (up === p) return;
    p = up;
  }
}

/** Run the command line; returns the exit status (errors are thrown: see `exitOnError`). */
export async function main(argv: readonly string[]): Promise<number> {
  const r = resolve(argv);
  if ("help" in r) {
    process.stdout.write(r.help);
    return 0;
  }
  if (wantsHelp(r.rest)) {
    process.stdout.write(commandHelp(r.cmd));
    return 0;
  }
  const { values, positionals } = parseCommandArgs(r.cmd, r.rest);
  if (!READ_ONLY.has(r.cmd.name)) checkDataFolder();
  return (await r.cmd.run(values, positionals)) ?? 0;
}

/**
 * Exit once everything written to stdout and stderr has reached them: writes to a pipe are asynchronous
 * in Node, and `process.exit` right after a large output would cut it short (a consumer reading
 * `--json` lines through a pipe would get a truncated last line). Worker threads or timers left behind
 * must not keep the process alive, hence the explicit exit after the flush.
 */
function exitAfterFlush(code: number): void {
  process.exitCode = code;
  process.stdout.write("", () => process.stderr.write("", () => process.exit(code)));
}

/** One line on stderr for an error; status 2 for bad arguments and failed commands. */
export function errorLine(err: unknown): string {
  const msg = (err instanceof Error ? err.message : String(err)).split("\n")[0];
  return err instanceof UsageError ? msg : `datalaws: ${msg}`;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => exitAfterFlush(code),
    (err: unknown) => {
      process.stderr.write(errorLine(err) + "\n");
      if (process.env.DATALAWS_DEBUG && err instanceof Error && !(err instanceof ParameterError) && !(err instanceof UsageError)) process.stderr.write(String(err.stack) + "\n");
      exitAfterFlush(2);
    },
  );
}
