import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const ROOT = path.join(__dirname, "..");
const REPORT = path.join(__dirname, "reportUsage.js");

export interface ProcessCost {
  wallS: number;
  peakRssMb: number;
}

/** Run node with a preload that records the process's peak RSS at exit; wall time is measured around it. */
function measureNode(args: string[]): ProcessCost {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kvbr-bench-"));
  try {
    const out = path.join(dir, "usage.json");
    const started = process.hrtime.bigint();
    const r = spawnSync(process.execPath, ["-r", REPORT, ...args], { cwd: ROOT, env: { ...process.env, KVBR_USAGE_FILE: out }, encoding: "utf8" });
    const wallS = Number(process.hrtime.bigint() - started) / 1e9;
    if (r.status !== 0) throw new Error(`node ${args.join(" ")} failed: ${r.stderr}`);
    const { maxRssKb } = JSON.parse(fs.readFileSync(out, "utf8")) as { maxRssKb: number };
    return { wallS, peakRssMb: maxRssKb / 1024 };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The floor: a process that only loads what the program imports (@pulumi/pulumi, random, the azure-native modules). */
const FLOOR_MODULES = ["@pulumi/pulumi", "@pulumi/random", ...["authorization", "keyvault", "logic", "resources", "storage", "web"].map((m) => `@pulumi/azure-native/${m}`)];

export function synthCost(runs = 3): { synth: ProcessCost; floor: ProcessCost; wallRatio: number; memoryRatio: number } {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), "kvbr-bench-synth-"));
  const median = (xs: ProcessCost[]): ProcessCost => {
    const sorted = [...xs].sort((a, b) => a.wallS - b.wallS);
    return sorted[Math.floor(sorted.length / 2)];
  };
  let synth: ProcessCost;
  try {
    synth = median(Array.from({ length: runs }, () => measureNode([path.join(ROOT, "bin", "kvbr"), "synth", "--stack", "dev", "--out", outDir])));
  } finally {
    fs.rmSync(outDir, { recursive: true, force: true });
  }
  const floor = median(Array.from({ length: runs }, () => measureNode(["-e", FLOOR_MODULES.map((m) => `require(${JSON.stringify(m)});`).join("")])));
  return { synth, floor, wallRatio: synth.wallS / floor.wallS, memoryRatio: synth.peakRssMb / floor.peakRssMb };
}
