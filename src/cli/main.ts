#!/usr/bin/env node
/**
 * `datalaws <group> <command> [--flag value …] [--json]` — the toolkit's command line.
 * With --json, stdout holds one JSON object per line and nothing else (progress goes to stderr).
 * Errors exit with status 2 and one line on stderr.
 */
import { Args } from "./args";

interface Command {
  usage: string;
  run(args: Args): Promise<void>;
}

const commands: Record<string, () => Command> = {
  "reuse rate": () => require("./reuseRate"),
  "reuse onepass": () => require("./reuseOnepass"),
  "reuse figures": () => {
    const f = require("./figures");
    return { usage: "reuse figures [--scale ci|small|paper] [--out DIR]", run: (a: Args) => f.run(a, "reuse") };
  },
  "skills sgd": () => require("./skillsSgd"),
  "skills ode": () => require("./skillsOde"),
  "skills landscape": () => require("./skillsLandscape"),
  "skills figures": () => ({ usage: "skills figures [--scale ci|small|paper] [--out DIR]", run: (a: Args) => require("./figures").run(a, "skills") }),
  "nn bench": () => require("./nnBench"),
  "proxy sweep": () => require("./proxySweep"),
  "proxy flip": () => require("./proxyFlip"),
  "proxy figures": () => {
    const f = require("./figures");
    return { usage: "proxy figures [--scale ci|small|paper] [--out DIR]", run: (a: Args) => f.run(a, "proxy") };
  },
  study: () => require("./study"),
  check: () => require("./check"),
  figures: () => require("./figures"),
  all: () => require("./all"),
};

function help(): string {
  const lines = Object.keys(commands).map((k) => `  datalaws ${commands[k]().usage}`);
  return ["usage: npm run -s datalaws -- <command> [flags]", "", ...lines, ""].join("\n");
}

export async function main(argv: string[]): Promise<number> {
  const args = new Args(argv);
  const pos = args.positional;
  if (pos.length === 0 || pos[0] === "help" || args.bool("help")) {
    process.stdout.write(help());
    return 0;
  }
  const key = commands[`${pos[0]} ${pos[1]}`] ? `${pos[0]} ${pos[1]}` : pos[0];
  const factory = commands[key];
  if (!factory) {
    process.stderr.write(`datalaws: unknown command "${pos.join(" ")}"; run "npm run -s datalaws -- help" for the list\n`);
    return 2;
  }
  const cmd = factory();
  await cmd.run(args);
  const unknown = args.unknownFlags();
  if (unknown.length > 0) process.stderr.write(`datalaws: warning: ignored unknown flag(s) ${unknown.map((f) => "--" + f).join(", ")}\n`);
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      const msg = err instanceof Error ? err.message : String(err);
      process.stderr.write(`datalaws: ${msg.split("\n")[0]}\n`);
      if (process.env.DATALAWS_DEBUG && err instanceof Error) process.stderr.write(String(err.stack) + "\n");
      process.exit(2);
    },
  );
}
