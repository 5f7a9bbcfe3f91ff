import { LocalEnvironment } from "../local/environment";
import { projectDefinition } from "../local/projectWorkflows";
import { runWorkflow } from "../local/engine/run";
import { RunRecord } from "../local/engine/runRecord";
import { ActionThrottle, CONSUMPTION_ACTION_RATE } from "../local/engine/actionThrottle";
import { ActionEvent } from "../local/engine/runOptions";
import { KeyVaultEmulator, RestoreReading, VAULT_LIMITS } from "../local/keyvault";
import { ObjectKind, OBJECT_KINDS } from "../workflows/kinds";
import { stackConfig } from "../local/stackPlan";

export interface RunMeasure {
  status: string;
  wallMs: number;
  actionExecutions: number;
  connectorCalls: number;
  kvRequests: number;
  /** List requests (pages), calls on objects (backup or restore) per kind, and retries, from the vault's counters. */
  pages: number;
  objectCalls: Record<ObjectKind, number>;
  retries: number;
  /** Real milliseconds actions waited for the workflow's action-execution rate. */
  throttledMs: number;
}

function sumOps(vault: KeyVaultEmulator, suffix: string): number {
  return Object.entries(vault.counters.byOperation)
    .filter(([op]) => op.endsWith(suffix))
    .reduce((n, [, c]) => n + c, 0);
}

/** 200 answers to `<kind>.<operation>`: the calls that did the work, without the throttled attempts. */
function admitted(vault: KeyVaultEmulator, kind: ObjectKind, operation: string): number {
  return vault.counters.byOperationStatus[`${kind}.${operation}`]?.["200"] ?? 0;
}

/**
 * Run one of the project's workflows against a vault with the workflow's documented action-execution rate,
 * and read the engine's and the vault's counters. `onAction` sees every action as it ends (progress).
 */
export async function measureRun(
  env: LocalEnvironment,
  which: "backup" | "restore",
  vault: KeyVaultEmulator,
  timeScale: number,
  body: object = {},
  onAction?: (event: ActionEvent) => void,
): Promise<RunMeasure & { run: RunRecord }> {
  vault.resetCounters();
  const throttle = new ActionThrottle(CONSUMPTION_ACTION_RATE, timeScale);
  const started = process.hrtime.bigint();
  const run = await runWorkflow(projectDefinition(which), { ...env.projectRun(which, vault.name), trigger: { body }, timeScale, actionThrottle: throttle, onAction });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  const operation = which === "backup" ? "backup" : "restore";
  return {
    run,
    status: run.status,
    wallMs,
    actionExecutions: run.counters.actionExecutions,
    connectorCalls: run.counters.connectorCalls,
    kvRequests: vault.counters.requests,
    pages: sumOps(vault, ".list"),
    objectCalls: Object.fromEntries(OBJECT_KINDS.map((k) => [k, admitted(vault, k, operation)])) as Record<ObjectKind, number>,
    retries: run.counters.retries,
    throttledMs: throttle.waitedMs,
  };
}

export interface BoundModel {
  latencyMs: number;
  timeScale: number;
  concurrency: number;
  /** Key Vault's limits as the vault enforced them; undefined: none. */
  restoreCounts?: RestoreReading;
  which: "backup" | "restore";
}

/** Requests per millisecond Key Vault admits for a kind's object calls, on the scaled clock. */
function vaultRate(kind: ObjectKind, model: BoundModel): number {
  const creates = model.which === "restore" && model.restoreCounts === "create";
  const perWindow = !creates ? VAULT_LIMITS.transactions : kind === "keys" ? VAULT_LIMITS.createKey : VAULT_LIMITS.createSecret;
  return perWindow / (VAULT_LIMITS.windowMs * model.timeScale);
}

/**
 * The least time the design allows with this run's own traffic: pages are listed one after another; each
 * kind's object calls run `concurrency` at a time, each taking the emulated latency, and no faster than Key
 * Vault admits them (its first window's worth at once); and no more than 100,000 actions start in any
 * 5 minutes (scaled). Kinds follow one another, so their times add up.
 */
export function lowerBoundMs(m: RunMeasure, model: BoundModel): number {
  const calls = OBJECT_KINDS.reduce((total, kind) => {
    const n = m.objectCalls[kind];
    const byLatency = (n * model.latencyMs) / model.concurrency;
    const firstWindow = (vaultRate(kind, model) * VAULT_LIMITS.windowMs * model.timeScale);
    const byVault = model.restoreCounts === undefined ? 0 : Math.max(0, n - firstWindow) / vaultRate(kind, model);
    return total + Math.max(byLatency, byVault);
  }, 0);
  const work = m.pages * model.latencyMs + calls;
  const windows = Math.floor(Math.max(0, m.actionExecutions - 1) / CONSUMPTION_ACTION_RATE.executions);
  return Math.max(work, windows * CONSUMPTION_ACTION_RATE.windowMs * model.timeScale);
}

export function defaultConcurrency(): number {
  return stackConfig().concurrency;
}
