import { LocalEnvironment } from "../local/environment";
import { inventoryDifferences } from "../local/inventoryCheck";
import { JsonContentShape } from "../local/blob/contentEnvelope";
import { ExpressionLimitReading } from "../local/engine/expression/scope";
import { RunRecord } from "../local/engine/runRecord";
import { runWorkflow } from "../local/engine/run";
import { projectDefinition } from "../local/projectWorkflows";
import { LIMITS } from "../workflows/limits";

/** A vault mix: the share of secrets, keys and certificates. */
export interface Mix {
  label: string;
  secrets: number;
  keys: number;
  certificates: number;
}

export const MIXES: Mix[] = [
  { label: "60/30/10", secrets: 0.6, keys: 0.3, certificates: 0.1 },
  { label: "secrets", secrets: 1, keys: 0, certificates: 0 },
  { label: "keys", secrets: 0, keys: 1, certificates: 0 },
  { label: "certificates", secrets: 0, keys: 0, certificates: 1 },
];

export interface LimitRow {
  mix: string;
  reading: ExpressionLimitReading;
  shape: JsonContentShape;
  /** From a small vault: how many objects the largest action content allows, extrapolated linearly. */
  predicted: number;
  /** The largest vault measured to back up and restore completely. */
  largestOk: number;
  documentMb: number;
  /** The first size measured to fail, and what failed. */
  firstFailing: number;
  failure: string;
}

interface Attempt {
  ok: boolean;
  documentBytes: number;
  /** The largest single action input or output of the two runs, in bytes. */
  largestBytes: number;
  failure: string;
}

const PROBE_OBJECTS = 300;
/** How much past the largest success the failing size is measured. */
const STEP = 1.03;

function countsOf(mix: Mix, objects: number): { secrets: number; keys: number; certificates: number } {
  const keys = Math.round(objects * mix.keys);
  const certificates = Math.round(objects * mix.certificates);
  return { secrets: objects - keys - certificates, keys, certificates };
}

function failureOf(run: RunRecord): string {
  const failed = Object.entries(run.actions).find(([, h]) => h.executions.some((e) => e.error && e.error.code !== "ActionFailed" && e.status === "Failed"));
  const error = failed?.[1].executions.find((e) => e.error)?.error;
  return failed ? `${failed[0]}: ${error?.code}` : `${run.error?.code ?? "?"}`;
}

let vaults = 0;

/** Back up a fresh vault of the mix and restore it into an empty one; a success only if the target matches. */
async function attempt(env: LocalEnvironment, mix: Mix, objects: number, reading: ExpressionLimitReading, shape: JsonContentShape): Promise<Attempt> {
  const n = ++vaults;
  const source = await env.addVault({ name: `limit-${n}-src`, ...countsOf(mix, objects) });
  const target = await env.addVault({ name: `limit-${n}-dst`, secrets: 0, keys: 0, certificates: 0 });
  try {
    const options = { timeScale: 0, expressionLimit: reading, trigger: { body: {} } };
    const backup = await runWorkflow(projectDefinition("backup"), { ...options, ...env.projectRun("backup", source.name) });
    const documentBytes = (await env.listBlobs()).reduce((n, b) => n + b.size, 0);
    if (backup.status !== "Succeeded") return { ok: false, documentBytes, largestBytes: backup.counters.largestContent.bytes, failure: `backup ${failureOf(backup)}` };
    const restore = await runWorkflow(projectDefinition("restore"), {
      ...options,
      ...env.projectRun("restore", target.name),
      connectors: { azureblob: env.blobConnectorWith({ jsonContentShape: shape }) },
    });
    const largestBytes = Math.max(backup.counters.largestContent.bytes, restore.counters.largestContent.bytes);
    const complete = restore.status === "Succeeded" && inventoryDifferences(source.inventory(), target.inventory()).length === 0;
    return { ok: complete, documentBytes, largestBytes, failure: complete ? "" : `restore ${failureOf(restore)}` };
  } finally {
    await env.clearBlobs();
    await env.removeVault(source.name);
    await env.removeVault(target.name);
  }
}

/**
 * The largest vault of a mix that backs up and restores within Azure's limits: a small vault shows how the
 * largest action content grows per object; the prediction is then measured, and so is a vault 3% larger.
 */
export async function largestVault(env: LocalEnvironment, mix: Mix, reading: ExpressionLimitReading, shape: JsonContentShape): Promise<LimitRow> {
  const probe = await attempt(env, mix, PROBE_OBJECTS, reading, shape);
  if (!probe.ok) throw new Error(`${mix.label}: a vault of ${PROBE_OBJECTS} objects does not back up and restore (${probe.failure})`);
  const predicted = Math.floor((PROBE_OBJECTS * LIMITS.actionContentBytes) / probe.largestBytes);
  let ok = predicted;
  let at = await attempt(env, mix, ok, reading, shape);
  for (let tries = 0; !at.ok && tries < 6; tries++) {
    ok = Math.floor(ok / STEP);
    at = await attempt(env, mix, ok, reading, shape);
  }
  if (!at.ok) throw new Error(`${mix.label}: no success near the prediction of ${predicted} (${at.failure})`);
  const failing = Math.ceil(ok * STEP);
  const over = await attempt(env, mix, failing, reading, shape);
  return {
    mix: mix.label,
    reading,
    shape,
    predicted,
    largestOk: ok,
    documentMb: at.documentBytes / 1_048_576,
    firstFailing: over.ok ? NaN : failing,
    failure: over.ok ? `still succeeds at ${failing}` : over.failure,
  };
}
