#!/usr/bin/env node
// `npm run notebook [-- extra jupyter args]`: register the tslab kernel locally (project-local
// JUPYTER_PATH, never globally), then start Debian's Jupyter Notebook or JupyterLab in notebooks/.
"use strict";
const fs = require("fs");
const path = require("path");
const { spawn } = require("child_process");
const kernel = require("./kernel");

function main() {
  // `jupyter notebook` (Notebook 6/7, Debian `jupyter-notebook`) first; else JupyterLab (`jupyter lab`).
  const server = ["notebook", "lab"].find((sub) => kernel.hasJupyterCommand(sub));
  if (!server) {
    console.error(
      "npm run notebook: no Jupyter server found in /usr/bin/jupyter: apt-get install -y jupyter-notebook",
    );
    process.exit(2);
  }
  let env;
  try {
    env = kernel.setupKernel();
  } catch (e) {
    console.error(`npm run notebook: ${e.message}`);
    process.exit(2);
  }
  if (!fs.existsSync(path.join(kernel.ROOT, "dist", "src", "index.js"))) {
    console.error("npm run notebook: warning: dist/src/index.js missing, run `npm run build` so `datalaws` imports work");
  }
  const nbDir = path.join(kernel.ROOT, "notebooks");
  fs.mkdirSync(nbDir, { recursive: true });
  const args = [server, `--notebook-dir=${nbDir}`, ...process.argv.slice(2)];
  console.log(`kernel ${kernel.KERNEL_NAME} registered in ${kernel.JUPYTER_DATA}`);
  console.log(`running: JUPYTER_PATH=${env.JUPYTER_PATH} ${kernel.JUPYTER_BIN} ${args.join(" ")}`);
  const child = spawn(kernel.JUPYTER_BIN, args, { cwd: nbDir, env, stdio: "inherit" });
  for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

main();
