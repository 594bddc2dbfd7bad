#!/usr/bin/env node
// Execute notebooks/*.ipynb with the project-local tslab kernel, stopping a notebook at its first
// failing cell (never allow-errors), then verify no cell output is an error.
//
//   npm run notebooks:check [-- PATTERN]   executes a COPY (.jupyter/executed/<name>) at DATALAWS_SCALE
//                                         (as set; CI uses `ci`) and compares it with the committed
//                                         notebook: every code cell must show the same kinds of rich
//                                         output (figure, table, markdown) as the committed one. The
//                                         committed notebooks are never modified.
//   npm run notebooks:update [-- PATTERN]  executes in place at DATALAWS_SCALE (default `small`, the
//                                         scale the committed outputs are at): the outputs to commit.
//
// PATTERN is a substring or a regular expression matched against the file name; all if absent.
// Kernels run in notebooks/ whichever file they execute (so `datalaws` and relative paths resolve).
// Exit codes: 0 all passed, 1 a notebook failed or differs, 2 Jupyter/tslab missing or bad usage.
"use strict";
const fs = require("fs");
const path = require("path");
const { spawnSync } = require("child_process");
const kernel = require("./kernel");

const NB_DIR = path.join(kernel.ROOT, "notebooks");
const FAILED_DIR = path.join(kernel.ROOT, ".jupyter", "failed");
const EXECUTED_DIR = path.join(kernel.ROOT, ".jupyter", "executed");
const PYTHON = "/usr/bin/python3"; // Debian's python, which has nbclient (not the pyenv one on PATH)
const TIMEOUT_S = Number(process.env.DATALAWS_NB_TIMEOUT || 1800); // per cell, seconds

function usage() {
  console.log("usage: npm run notebooks:check [-- PATTERN]    execute copies and compare with the committed notebooks");
  console.log("       npm run notebooks:update [-- PATTERN]   execute in place (DATALAWS_SCALE default small)");
  console.log("PATTERN: substring or regex of notebooks/*.ipynb");
}

function matcher(pattern) {
  if (!pattern) return () => true;
  let re = null;
  try {
    re = new RegExp(pattern);
  } catch {
    /* not a regex: substring only */
  }
  return (name) => name.includes(pattern) || (re !== null && re.test(name));
}

/** Strip ANSI colour codes from tracebacks. */
function plain(s) {
  return String(s).replace(/\u001b\[[0-9;]*[A-Za-z]/g, "");
}

// Runs one notebook with nbclient (the engine of `jupyter nbconvert --execute`) in Debian's python.
// Unlike nbconvert it reports the failing cell's own outputs: tslab sends no `error` message, only
// stderr text and an execute_reply with status "error", which nbconvert prints as a bare "<Error>:".
// On success the executed notebook is written back in place (execution counts 1..n, no timing
// metadata, so that re-running does not churn the committed file); on failure the partly executed
// copy goes to .jupyter/failed/ and the original is left untouched.
const RUNNER = String.raw`
import os, sys, nbformat
from nbclient import NotebookClient
path, kernel_name, timeout, failed_copy, out_path, ts_version = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5], sys.argv[6]
nb = nbformat.read(path, as_version=4)
state = {"index": None}
def on_start(cell, cell_index):
    state["index"] = cell_index
client = NotebookClient(nb, kernel_name=kernel_name, timeout=timeout, startup_timeout=120,
                        allow_errors=False, record_timing=False, on_cell_start=on_start,
                        resources={"metadata": {"path": os.path.dirname(os.path.abspath(path))}})
try:
    client.execute()
except BaseException as exc:
    i = state["index"]
    os.makedirs(os.path.dirname(failed_copy), exist_ok=True)
    nbformat.write(nb, failed_copy)
    out = sys.stderr
    if i is None:
        print("  kernel did not start: %s: %s" % (type(exc).__name__, str(exc).strip()[-2000:]), file=out)
    else:
        cell = nb.cells[i]
        code_no = sum(1 for c in nb.cells[:i + 1] if c.cell_type == "code")
        print("  cell %d (code cell %d) failed: %s" % (i, code_no, type(exc).__name__), file=out)
        lines = cell.source.splitlines()
        for line in lines[:15]:
            print("    | " + line, file=out)
        if len(lines) > 15:
            print("    | ... (%d more lines)" % (len(lines) - 15), file=out)
        shown = False
        for o in cell.get("outputs", []):
            if o.output_type == "stream" and o.name == "stderr":
                text = o.text.rstrip()
                if text:
                    print("  stderr:", file=out)
                    print("\n".join("    " + l for l in text.splitlines()[-40:]), file=out)
                    shown = True
            elif o.output_type == "error":
                print("  %s: %s" % (o.ename, o.evalue), file=out)
                print("\n".join("    " + l for t in o.traceback for l in t.splitlines()[-40:]), file=out)
                shown = True
        if not shown:
            print("  " + str(exc).strip().splitlines()[-1][:2000], file=out)
    print("  partly executed copy: " + failed_copy, file=out)
    sys.exit(1)
n = 0
for cell in nb.cells:
    if cell.cell_type == "code":
        n += 1
        cell.execution_count = n
        cell.metadata.pop("execution", None)
        merged = []  # coalesce consecutive stream chunks, as the front ends show them
        for o in cell.get("outputs", []):
            if merged and o.output_type == "stream" and merged[-1].output_type == "stream" and merged[-1].name == o.name:
                merged[-1].text += o.text
            else:
                merged.append(o)
        cell.outputs = merged
        for o in cell.get("outputs", []):
            if "execution_count" in o:
                o.execution_count = n
# tslab reports TypeScript "3.7.2" whatever it compiles with: record the compiler it really uses
nb.metadata.setdefault("language_info", {})["version"] = ts_version
nbformat.write(nb, out_path)
`;

/** Error outputs stored in an executed notebook: [{ cell, ename, evalue, traceback }]. */
function errorOutputs(file) {
  const nb = JSON.parse(fs.readFileSync(file, "utf8"));
  const errors = [];
  (nb.cells || []).forEach((cell, i) => {
    for (const out of cell.outputs || []) {
      if (out.output_type === "error") errors.push({ cell: i, ...out });
    }
  });
  return errors;
}

/**
 * The kinds of rich output of each code cell (figure, table/html, markdown, image), by cell id or
 * position: what a reader sees besides text, which must not change between scales.
 */
function outputKinds(file) {
  const nb = JSON.parse(fs.readFileSync(file, "utf8"));
  const kinds = [];
  (nb.cells || []).forEach((cell, i) => {
    if (cell.cell_type !== "code") return;
    const k = [];
    for (const out of cell.outputs || []) {
      if (out.output_type !== "display_data" && out.output_type !== "execute_result") continue;
      const d = out.data || {};
      k.push(d["application/vnd.plotly.v1+json"] ? "figure" : d["text/markdown"] ? "markdown" : d["text/html"] ? "html" : d["image/png"] ? "image" : "text");
    }
    kinds.push({ cell: i, id: cell.id, kinds: k.join(",") });
  });
  return kinds;
}

/** Differences in rich output between the committed notebook and its executed copy. */
function compareKinds(committed, executed) {
  const a = outputKinds(committed);
  const b = outputKinds(executed);
  if (a.length !== b.length) return [`${a.length} code cells committed, ${b.length} executed`];
  const diffs = [];
  a.forEach((x, j) => {
    if (x.kinds !== b[j].kinds) diffs.push(`cell ${x.cell}: committed shows [${x.kinds}], executed shows [${b[j].kinds}]`);
  });
  return diffs;
}

/** The TypeScript version tslab compiles cells with. */
function tslabTypeScriptVersion() {
  try {
    return require(require.resolve("@tslab/typescript-for-tslab/package.json", { paths: [path.dirname(require.resolve("tslab/package.json"))] })).version;
  } catch {
    return "";
  }
}

function main() {
  const args = process.argv.slice(2);
  if (args.includes("-h") || args.includes("--help")) return usage(), 0;
  const update = args[0] === "--update";
  if (update) args.shift();
  if (args.length > 1) return usage(), 2;
  const pattern = args[0];
  if (update && !process.env.DATALAWS_SCALE) process.env.DATALAWS_SCALE = "small";
  const tool = update ? "notebooks:update" : "notebooks:check";

  const probe = spawnSync(PYTHON, ["-c", "import nbclient, nbformat, jupyter_client"], { stdio: "ignore" });
  if (probe.status !== 0) {
    console.error(
      `${tool}: Jupyter (nbclient) not found for ${PYTHON}: ` +
        `apt-get install -y --no-install-recommends ${kernel.APT_PACKAGES}`,
    );
    return 2;
  }
  let env;
  try {
    env = kernel.setupKernel();
  } catch (e) {
    console.error(`${tool}: ${e.message}`);
    return 2;
  }
  if (!fs.existsSync(path.join(kernel.ROOT, "dist", "src", "index.js"))) {
    console.error(`${tool}: dist/src/index.js missing: run \`npm run build\` first`);
    return 2;
  }

  const match = matcher(pattern);
  const names = fs.existsSync(NB_DIR)
    ? fs.readdirSync(NB_DIR).filter((n) => n.endsWith(".ipynb") && match(n)).sort()
    : [];
  if (names.length === 0) {
    console.error(`${tool}: no notebooks/*.ipynb${pattern ? ` matching ${JSON.stringify(pattern)}` : ""}`);
    return pattern ? 2 : 0;
  }
  console.log(
    `${tool}: ${names.length} notebook(s), kernel ${kernel.KERNEL_NAME}, ` +
      `DATALAWS_SCALE=${env.DATALAWS_SCALE || "(unset)"}`,
  );

  const failed = [];
  const t0 = Date.now();
  for (const name of names) {
    const file = path.join(NB_DIR, name);
    const start = Date.now();
    process.stdout.write(`  ${name} … `);
    fs.rmSync(path.join(FAILED_DIR, name), { force: true });
    const out = update ? file : path.join(EXECUTED_DIR, name);
    if (!update) fs.mkdirSync(EXECUTED_DIR, { recursive: true });
    const r = spawnSync(
      PYTHON,
      ["-c", RUNNER, file, kernel.KERNEL_NAME, String(TIMEOUT_S), path.join(FAILED_DIR, name), out, tslabTypeScriptVersion()],
      { cwd: NB_DIR, env, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 },
    );
    const secs = ((Date.now() - start) / 1000).toFixed(1);
    let stored = [];
    if (r.status === 0) {
      try {
        stored = errorOutputs(out);
        if (!update) for (const d of compareKinds(file, out)) stored.push({ cell: -1, ename: "DiffersFromCommitted", evalue: d, traceback: [] });
      } catch (e) {
        stored = [{ cell: -1, ename: "InvalidNotebook", evalue: e.message, traceback: [] }];
      }
    }
    if (r.status === 0 && stored.length === 0) {
      console.log(`ok (${secs} s)`);
      continue;
    }
    console.log(`FAILED (${secs} s)`);
    failed.push(name);
    if (r.error) console.error(`  could not run ${PYTHON}: ${r.error.message}`);
    const report = plain(r.stderr || "").replace(/^\s*\n/, "").trimEnd();
    if (report) console.error(report.split("\n").slice(-120).join("\n"));
    for (const e of stored) {
      console.error(e.ename === "DiffersFromCommitted" ? `  differs from the committed notebook: ${e.evalue}` : `  cell ${e.cell} has an error output: ${e.ename}: ${plain(e.evalue)}`);
      const tb = [].concat(e.traceback || []).map(plain).join("\n").trim();
      if (tb) console.error(tb.replace(/^/gm, "    "));
    }
  }
  const total = ((Date.now() - t0) / 1000).toFixed(1);
  if (failed.length > 0) {
    console.error(`${tool}: ${failed.length}/${names.length} failed (${total} s): ${failed.join(", ")}`);
    return 1;
  }
  console.log(`${tool}: all ${names.length} passed (${total} s)`);
  return 0;
}

process.exitCode = main();
