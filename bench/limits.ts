import { LocalEnvironment } from "../local/environment";
import { inventoryDifferences } from "../local/inventoryCheck";
import { RunRecord } from "../local/engine/runRecord";
import { runWorkflow } from "../local/engine/run";
import { projectDefinition } from "../local/projectWorkflows";
import { LIST_LIMIT } from "../workflows/listing";
import { MAX_PAGE_SIZE } from "../workflows/keyVaultRequests";

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
  /** The largest vault the design allows at Azure's limits: what its fullest listing reaches 5,000 pages at. */
  largestAtAzure: number;
  /** The same bound with the engine's Until cycles lowered to `scaledPages`, and what a run measured. */
  scaledPages: number;
  predictedScaled: number;
  largestOkScaled: number;
  firstFailingScaled: number;
  failure: string;
}

/**
 * What each kind's listing holds per object of the vault: a certificate brings its managed key and secret,
 * which the key and secret listings return too (and the backup then leaves out).
 */
function listingShare(mix: Mix): number {
  return Math.max(mix.secrets + mix.certificates, mix.keys + mix.certificates, mix.certificates);
}

/** The largest vault whose fullest listing fits in `pages` pages of 25. */
export function largestVaultFor(mix: Mix, pages: number): number {
  return Math.floor((pages * MAX_PAGE_SIZE) / listingShare(mix));
}

/** A vault of `objects` in the mix's shares: keys and certificates rounded, secrets the rest. */
export function countsOf(mix: Mix, objects: number): { secrets: number; keys: number; certificates: number } {
  const keys = Math.round(objects * mix.keys);
  const certificates = Math.round(objects * mix.certificates);
  return { secrets: objects - keys - certificates, keys, certificates };
}

let vaults = 0;

/** Back up a vault of the mix with the engine's Until cycles lowered, and restore it; ok only if the target matches. */
async function attempt(env: LocalEnvironment, mix: Mix, objects: number, pages: number): Promise<{ ok: boolean; failure: string }> {
  const n = ++vaults;
  const source = await env.addVault({ name: `limit-${n}-src`, ...countsOf(mix, objects) });
  const target = await env.addVault({ name: `limit-${n}-dst`, secrets: 0, keys: 0, certificates: 0 });
  const failureOf = (run: RunRecord): string => `${run.error?.code ?? "?"}: ${run.error?.message ?? ""}`;
  try {
    const options = { timeScale: 0, trigger: { body: {} }, limits: { untilCount: pages } };
    const backup = await runWorkflow(projectDefinition("backup"), { ...options, ...env.projectRun("backup", source.name) });
    if (backup.status !== "Succeeded") return { ok: false, failure: `backup ${failureOf(backup)}` };
    const restore = await runWorkflow(projectDefinition("restore"), { ...options, ...env.projectRun("restore", target.name) });
    const complete = restore.status === "Succeeded" && inventoryDifferences(source.inventory(), target.inventory()).length === 0;
    return { ok: complete, failure: complete ? "" : `restore ${failureOf(restore)}` };
  } finally {
    await env.clearBlobs();
    await env.removeVault(source.name);
    await env.removeVault(target.name);
  }
}

/**
 * The largest vault per mix: the design's binding limit is each kind's listing (an Until of at most 5,000
 * pages of 25 names); parts, Foreach items and variables stay far from theirs. The arithmetic is checked by
 * runs at real sizes with the engine's Until cycles lowered to `pages`: the predicted size backs up and
 * restores, one 3% larger fails naming the listing.
 */
export async function largestVault(env: LocalEnvironment, mix: Mix, pages = 8): Promise<LimitRow> {
  const predicted = largestVaultFor(mix, pages);
  const at = await attempt(env, mix, predicted, pages);
  const failing = Math.ceil(predicted * 1.03) + 1;
  const over = await attempt(env, mix, failing, pages);
  return {
    mix: mix.label,
    largestAtAzure: largestVaultFor(mix, LIST_LIMIT.count),
    scaledPages: pages,
    predictedScaled: predicted,
    largestOkScaled: at.ok ? predicted : NaN,
    firstFailingScaled: over.ok ? NaN : failing,
    failure: at.ok ? (over.ok ? `still succeeds at ${failing}` : over.failure) : `fails at the prediction: ${at.failure}`,
  };
}
