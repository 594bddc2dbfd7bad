// Project-local Jupyter kernelspec for tslab, never registered globally.
// Writes <project>/.jupyter/share/jupyter/kernels/datalaws-tslab/kernel.json and returns the
// environment (JUPYTER_PATH etc.) under which /usr/bin/jupyter finds it.
"use strict";
const fs = require("fs");
const path = require("path");

const ROOT = path.resolve(__dirname, "..");
const KERNEL_NAME = "datalaws-tslab";
const JUPYTER_DATA = path.join(ROOT, ".jupyter", "share", "jupyter");
/** Debian's Jupyter lives in the system python, not in any pyenv/venv python on PATH. */
const JUPYTER_BIN = "/usr/bin/jupyter";
/** The apt packages that provide notebook execution. */
const APT_PACKAGES =
  "jupyter-core jupyter-client jupyter-nbconvert python3-nbclient python3-nbformat";

/** Absolute path of the tslab launcher installed by npm. */
function tslabBin() {
  return path.join(ROOT, "node_modules", ".bin", "tslab");
}

/** Write (or refresh) the kernelspec; returns its directory. Throws if tslab is not installed. */
function writeKernelSpec() {
  const bin = tslabBin();
  if (!fs.existsSync(bin)) {
    throw new Error(`tslab is not installed (${bin} missing): run \`npm ci\` first`);
  }
  const dir = path.join(JUPYTER_DATA, "kernels", KERNEL_NAME);
  fs.mkdirSync(dir, { recursive: true });
  // Same argv as tslab's own python/install.py ("--config-path" and "{connection_file}" split, tslab#36).
  const spec = {
    argv: [bin, "kernel", "--config-path", "{connection_file}"],
    display_name: "TypeScript (datalaws)",
    language: "typescript",
  };
  const file = path.join(dir, "kernel.json");
  const text = JSON.stringify(spec, null, 2) + "\n";
  if (!fs.existsSync(file) || fs.readFileSync(file, "utf8") !== text) fs.writeFileSync(file, text);
  return dir;
}

/** Environment for running jupyter with the project-local kernelspec (searched first). */
function jupyterEnv(base = process.env) {
  const env = { ...base };
  env.JUPYTER_PATH = base.JUPYTER_PATH ? `${JUPYTER_DATA}${path.delimiter}${base.JUPYTER_PATH}` : JUPYTER_DATA;
  // The kernel inherits this: same young-generation size as `npm start` / the CLI.
  const semi = "--max-semi-space-size=64";
  if (!(base.NODE_OPTIONS || "").includes("--max-semi-space-size")) {
    env.NODE_OPTIONS = base.NODE_OPTIONS ? `${base.NODE_OPTIONS} ${semi}` : semi;
  }
  // Avoid the pyenv/venv python shadowing Debian's modules.
  delete env.PYTHONHOME;
  delete env.PYTHONPATH;
  return env;
}

/** Write the kernelspec and return the env to pass to jupyter. */
function setupKernel() {
  writeKernelSpec();
  return jupyterEnv();
}

/** True if Debian's `jupyter <sub>` is available (e.g. "nbconvert", "notebook", "lab"). */
function hasJupyterCommand(sub) {
  if (!fs.existsSync(JUPYTER_BIN)) return false;
  const { spawnSync } = require("child_process");
  const r = spawnSync(JUPYTER_BIN, [sub, "--version"], { env: jupyterEnv(), stdio: "ignore" });
  return r.status === 0;
}

module.exports = {
  ROOT,
  KERNEL_NAME,
  JUPYTER_DATA,
  JUPYTER_BIN,
  APT_PACKAGES,
  tslabBin,
  writeKernelSpec,
  jupyterEnv,
  setupKernel,
  hasJupyterCommand,
};

if (require.main === module) {
  const dir = writeKernelSpec();
  console.log(`kernelspec ${KERNEL_NAME} written to ${dir}`);
  console.log(`use: JUPYTER_PATH=${JUPYTER_DATA} ${JUPYTER_BIN} ...`);
}
