#!/usr/bin/env node
// `npm test`: the type check and the tests at once (tsc uses one core, mocha mostly the other), failing if either fails.
const { spawn } = require("child_process");
const path = require("path");

const bin = (name) => path.join(__dirname, "..", "node_modules", ".bin", name);
const run = (command, args) =>
  new Promise((resolve) => spawn(command, args, { stdio: "inherit" }).once("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0))));

Promise.all([run(bin("tsc"), ["--noEmit", "-p", "."]), run(bin("mocha"), process.argv.slice(2))]).then(([tsc, mocha]) => {
  if (tsc !== 0) console.error(`tsc --noEmit failed (exit ${tsc})`);
  process.exit(tsc || mocha);
});
