#!/usr/bin/env node
// Make `import * as dl from "datalaws"` resolve inside this project (notebooks, scripts):
// creates the relative symlink node_modules/datalaws -> .. . Idempotent; run from `npm prepare`.
"use strict";
const fs = require("fs");
const path = require("path");

const root = path.resolve(__dirname, "..");
const nodeModules = path.join(root, "node_modules");
const link = path.join(nodeModules, "datalaws");
const target = ".."; // relative to node_modules/

function main() {
  fs.mkdirSync(nodeModules, { recursive: true });
  let st = null;
  try {
    st = fs.lstatSync(link);
  } catch (e) {
    if (e.code !== "ENOENT") throw e;
  }
  if (st) {
    if (st.isSymbolicLink()) {
      const current = fs.readlinkSync(link);
      if (current === target) return; // already correct
      if (path.resolve(nodeModules, current) === root) return; // correct, spelled differently
      fs.unlinkSync(link); // stale link: replace
    } else {
      console.error(`link-self: ${link} exists and is not a symlink; remove it and rerun`);
      process.exit(1);
    }
  }
  fs.symlinkSync(target, link, "dir");
  console.log(`link-self: node_modules/datalaws -> ${target}`);
}

// `npx datalaws` inside the project: the package's own bin in node_modules/.bin (npm links the bins
// of dependencies only).
function linkBin() {
  const bin = path.join(nodeModules, ".bin", "datalaws");
  const binTarget = path.join("..", "datalaws", "dist", "src", "cli", "main.js");
  fs.mkdirSync(path.dirname(bin), { recursive: true });
  try {
    if (fs.readlinkSync(bin) === binTarget) return;
    fs.unlinkSync(bin);
  } catch (e) {
    if (e.code !== "ENOENT" && e.code !== "EINVAL") throw e;
    if (e.code === "EINVAL") fs.unlinkSync(bin);
  }
  fs.symlinkSync(binTarget, bin);
}

main();
linkBin();
