import { LocalEnvironment } from "../local/environment";
import { inventoryDifferences } from "../local/inventoryCheck";
import { RestoreReading } from "../local/keyvault";
import { LIMITS } from "../workflows/limits";
import { BoundModel, RunMeasure, defaultConcurrency, lowerBoundMs, measureRun } from "./measure";
import { runCostUsd } from "./prices";
import { RunRecord } from "../local/engine/runRecord";
import { Progress } from "../local/progress";
import { MIXES, countsOf } from "./limits";
import { objectCallActions } from "../workflows/objectCalls";

/** The mix: 60% secrets, 30% keys, 10% certificates, at Azure's real backup sizes. */
export function mixOf(objects: number): { secrets: number; keys: number; certificates: number } {
  return countsOf(MIXES[0], objects);
}

/** How a size is run: every Key Vault request takes `latencyMs`; limits and waits run on `timeScale`. */
export interface ScaleSetting {
  objects: number;
  latencyMs: number;
  timeScale: number;
  /** The restore under Key Vault's CREATE reading runs on its own (smaller) time scale: its limits are 13 to 200 times lower. */
  createTimeScale: number;
}

export interface ScaleRow {
  objects: number;
  workflow: "backup" | "restore";
  /** For a restore: which reading of Key Vault's limits the target vault enforced. */
  reading: RestoreReading | "";
  latencyMs: number;
  timeScale: number;
  status: string;
  wallS: number;
  lowerBoundS: number;
  ratio: number;
  actionsPerObject: number;
  kvRequestsPerObject: number;
  /** Key Vault's 429s per object: what the concurrency costs in refused requests. */
  throttledPerObject: number;
  usdPer1000Objects: number;
  /** The biggest single action input or output of the run, and its share of Azure's 104,857,600-byte limit. */
  largestContentMb: number;
  largestShareOfLimit: number;
  largestAction: string;
  /** Bytes of inputs and outputs of all action executions, per object. */
  contentKbPerObject: number;
  /** Names or versions that differ between source and target after the restore. */
  differences?: number;
}

function row(setting: ScaleSetting, model: BoundModel, m: RunMeasure & { run: RunRecord }, throttled: number): ScaleRow {
  const bound = lowerBoundMs(m, model);
  const objects = setting.objects;
  const largest = m.run.counters.largestContent;
  return {
    objects,
    workflow: model.which,
    reading: model.which === "restore" ? (model.restoreCounts ?? "") : "",
    latencyMs: model.latencyMs,
    timeScale: model.timeScale,
    status: m.status,
    wallS: m.wallMs / 1000,
    lowerBoundS: bound / 1000,
    ratio: m.wallMs / bound,
    actionsPerObject: m.actionExecutions / objects,
    kvRequestsPerObject: m.kvRequests / objects,
    throttledPerObject: throttled / objects,
    usdPer1000Objects: (runCostUsd(m.actionExecutions, m.connectorCalls) / objects) * 1000,
    largestContentMb: largest.bytes / 1_048_576,
    largestShareOfLimit: largest.bytes / LIMITS.actionContentBytes,
    largestAction: `${largest.action} ${largest.side}`,
    contentKbPerObject: m.run.counters.contentBytes / 1024 / objects,
  };
}

/**
 * Backup of a 60/30/10 vault at real sizes, then restore into an empty vault under each reading of Key
 * Vault's limits (all restores as transactions, or as CREATEs), every vault enforcing those limits and each
 * run the workflow's action-execution rate, all on the setting's time scale.
 */
export async function scaleCase(env: LocalEnvironment, setting: ScaleSetting, progress?: Progress): Promise<ScaleRow[]> {
  const counts = mixOf(setting.objects);
  const label = `m${setting.objects}`;
  const concurrency = defaultConcurrency();
  const source = await env.addVault({ name: `${label}-src`, ...counts });
  source.faults = { latencyMs: setting.latencyMs };
  source.serviceLimits = { timeScale: setting.timeScale, restoreCounts: "transactions" };
  const rows: ScaleRow[] = [];
  const throttledOf = (m: { run: RunRecord }): number => m.run.counters.httpByStatus["429"] ?? 0;
  try {
    const onAction = progress?.watch(`backup ${label}`, setting.objects, objectCallActions("backup"));
    const backup = await measureRun(env, "backup", source, setting.timeScale, {}, onAction);
    progress?.done();
    rows.push(row(setting, { which: "backup", latencyMs: setting.latencyMs, timeScale: setting.timeScale, concurrency, restoreCounts: "transactions" }, backup, throttledOf(backup)));
    for (const reading of ["transactions", "create"] as RestoreReading[]) {
      const timeScale = reading === "create" ? setting.createTimeScale : setting.timeScale;
      const target = await env.addVault({ name: `${label}-${reading}`, secrets: 0, keys: 0, certificates: 0 });
      target.faults = { latencyMs: setting.latencyMs };
      target.serviceLimits = { timeScale, restoreCounts: reading };
      try {
        const restoreProgress = progress?.watch(`restore ${label} (${reading})`, setting.objects, objectCallActions("restore"));
        const restore = await measureRun(env, "restore", target, timeScale, {}, restoreProgress);
        progress?.done();
        const differences = inventoryDifferences(source.inventory(), target.inventory()).length;
        rows.push({ ...row(setting, { which: "restore", latencyMs: setting.latencyMs, timeScale, concurrency, restoreCounts: reading }, restore, throttledOf(restore)), differences });
      } finally {
        await env.removeVault(target.name);
      }
    }
  } finally {
    await env.clearBlobs();
    await env.removeVault(source.name);
  }
  return rows;
}

/** The engine's own cost per action execution: a backup with no emulated latency, divided by its executions. */
export async function engineOverhead(env: LocalEnvironment, secrets: number): Promise<{ objects: number; actionExecutions: number; wallS: number; msPerAction: number }> {
  const source = await env.addVault({ name: "overhead-src", secrets, keys: 0, certificates: 0 });
  const m = await measureRun(env, "backup", source, 1);
  await env.clearBlobs();
  await env.removeVault(source.name);
  return { objects: secrets, actionExecutions: m.actionExecutions, wallS: m.wallMs / 1000, msPerAction: m.wallMs / m.actionExecutions };
}
