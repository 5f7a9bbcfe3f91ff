import * as fs from "fs";
import * as path from "path";
import { WorkflowDefinition } from "../../../workflows/definition";
import { buildBackupWorkflow } from "../../../workflows/backup";
import { buildRestoreWorkflow } from "../../../workflows/restore";

/** The golden files: each is the WHOLE rendered definition for one option set, reviewed by hand. */
export const SNAPSHOT_CASES: ReadonlyArray<{ file: string; build: () => WorkflowDefinition }> = [
  { file: "backup.defaults.json", build: () => buildBackupWorkflow() },
  { file: "backup.secrets-concurrency-5.json", build: () => buildBackupWorkflow({ kinds: ["secrets"], concurrency: 5 }) },
  { file: "restore.defaults.json", build: () => buildRestoreWorkflow() },
  { file: "restore.keys-secrets-fail.json", build: () => buildRestoreWorkflow({ kinds: ["keys", "secrets"], conflictPolicy: "fail" }) },
];

export const UPDATE_COMMAND = "npx ts-node --transpile-only tests/workflows/snapshots/update.ts";

export function snapshotPath(file: string): string {
  return path.join(__dirname, file);
}

/** Read a golden file; a missing one is a failure (tests never write it). */
export function readSnapshot(file: string): unknown {
  const at = snapshotPath(file);
  if (!fs.existsSync(at)) throw new Error(`Snapshot ${file} is missing; generate it with \`${UPDATE_COMMAND}\`, review it, and commit it`);
  return JSON.parse(fs.readFileSync(at, "utf8"));
}

export function buildCase(file: string): WorkflowDefinition {
  const c = SNAPSHOT_CASES.find((s) => s.file === file);
  if (!c) throw new Error(`no snapshot case ${file}`);
  return c.build();
}
