import { LocalEnvironment, VaultSpec } from "../local/environment";
import { projectDefinition } from "../local/projectWorkflows";
import { runWorkflow } from "../local/engine/run";
import { RunRecord } from "../local/engine/runRecord";
import { KeyVaultEmulator } from "../local/keyvault";
import { stackConfig } from "../local/stackPlan";

export interface RunMeasure {
  status: string;
  wallMs: number;
  actionExecutions: number;
  connectorCalls: number;
  kvRequests: number;
  /** List requests (pages), calls on objects (backup or restore), and retries, from the vault's counters. */
  pages: number;
  objectCalls: number;
  retries: number;
}

function sumOps(vault: KeyVaultEmulator, suffix: string): number {
  return Object.entries(vault.counters.byOperation)
    .filter(([op]) => op.endsWith(suffix))
    .reduce((n, [, c]) => n + c, 0);
}

/** Run one of the project's workflows against a vault and read the engine's and the vault's counters. */
export async function measureRun(env: LocalEnvironment, which: "backup" | "restore", vault: KeyVaultEmulator, timeScale: number, body: object = {}): Promise<RunMeasure & { run: RunRecord }> {
  vault.resetCounters();
  const started = process.hrtime.bigint();
  const run = await runWorkflow(projectDefinition(which), { ...env.projectRun(which, vault.name), trigger: { body }, timeScale });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  return {
    run,
    status: run.status,
    wallMs,
    actionExecutions: run.counters.actionExecutions,
    connectorCalls: run.counters.connectorCalls,
    kvRequests: vault.counters.requests,
    pages: sumOps(vault, ".list"),
    objectCalls: sumOps(vault, which === "backup" ? ".backup" : ".restore"),
    retries: run.counters.retries,
  };
}

/**
 * The least time the design allows with this run's own traffic: pages are listed one after another, and
 * object calls run `concurrency` at a time, each taking the emulated latency.
 */
export function lowerBoundMs(m: RunMeasure, latencyMs: number, concurrency = stackConfig().concurrency): number {
  return m.pages * latencyMs + (m.objectCalls * latencyMs) / concurrency;
}

export async function vaultPair(env: LocalEnvironment, source: VaultSpec, target: VaultSpec): Promise<[KeyVaultEmulator, KeyVaultEmulator]> {
  return [await env.addVault(source), await env.addVault(target)];
}
