import { LocalEnvironment } from "../local/environment";
import { inventoryDifferences } from "../local/inventoryCheck";
import { RunMeasure, lowerBoundMs, measureRun } from "./measure";
import { runCostUsd } from "./prices";
import { RunRecord } from "../local/engine/runRecord";

export const LATENCY_MS = 20;

export interface ScaleRow {
  vault: string;
  objects: number;
  workflow: "backup" | "restore";
  status: string;
  wallS: number;
  lowerBoundS: number;
  ratio: number;
  actionsPerObject: number;
  kvRequestsPerObject: number;
  usdPer1000Objects: number;
  /** The biggest single action input or output of the run (Azure's limit: 100 MiB). */
  largestContentMb: number;
  /** Bytes of inputs and outputs of all action executions, per object. */
  contentKbPerObject: number;
  /** Names or versions that differ between source and target after the restore. */
  differences?: number;
}

function row(vault: string, objects: number, workflow: "backup" | "restore", m: RunMeasure & { run: RunRecord }): ScaleRow {
  const bound = lowerBoundMs(m, LATENCY_MS);
  return {
    vault,
    objects,
    workflow,
    status: m.status,
    wallS: m.wallMs / 1000,
    lowerBoundS: bound / 1000,
    ratio: m.wallMs / bound,
    actionsPerObject: m.actionExecutions / objects,
    kvRequestsPerObject: m.kvRequests / objects,
    usdPer1000Objects: (runCostUsd(m.actionExecutions, m.connectorCalls) / objects) * 1000,
    largestContentMb: m.run.counters.largestContent.bytes / 1_048_576,
    contentKbPerObject: m.run.counters.contentBytes / 1024 / objects,
  };
}

/** Backup then restore into an empty vault, with every Key Vault request taking LATENCY_MS. */
export async function scaleCase(env: LocalEnvironment, label: string, counts: { secrets: number; keys: number; certificates: number }): Promise<ScaleRow[]> {
  const source = await env.addVault({ name: `${label}-src`, ...counts });
  const target = await env.addVault({ name: `${label}-dst`, secrets: 0, keys: 0, certificates: 0 });
  source.faults = { latencyMs: LATENCY_MS };
  target.faults = { latencyMs: LATENCY_MS };
  // Objects the workflows call on: certificate-backed keys and secrets travel inside their certificate.
  const objects = counts.secrets + counts.keys + counts.certificates;
  const backup = await measureRun(env, "backup", source, 1);
  const restore = await measureRun(env, "restore", target, 1);
  const differences = inventoryDifferences(source.inventory(), target.inventory()).length;
  await env.clearBlobs();
  await env.removeVault(source.name);
  await env.removeVault(target.name);
  return [row(label, objects, "backup", backup), { ...row(label, objects, "restore", restore), differences }];
}

/** The engine's own cost per action execution: a backup with no emulated latency, divided by its executions. */
export async function engineOverhead(env: LocalEnvironment, secrets: number): Promise<{ objects: number; actionExecutions: number; wallS: number; msPerAction: number }> {
  const source = await env.addVault({ name: "overhead-src", secrets, keys: 0, certificates: 0 });
  const m = await measureRun(env, "backup", source, 1);
  await env.clearBlobs();
  await env.removeVault(source.name);
  return { objects: secrets, actionExecutions: m.actionExecutions, wallS: m.wallMs / 1000, msPerAction: m.wallMs / m.actionExecutions };
}
