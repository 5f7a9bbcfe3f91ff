import { backupBlobNameAt } from "../workflows/backupNames";
import { asFormat1, backupBlobs, blobJson, writeBlobJson } from "../local/backupFiles";
import { BackupManifest } from "../workflows/backupDocument";
import { LocalEnvironment } from "../local/environment";
import { KeyVaultEmulator } from "../local/keyvault";
import { measureRun } from "./measure";
import { runWorkflow } from "../local/engine/run";
import { projectDefinition } from "../local/projectWorkflows";
import { RunRecord } from "../local/engine/runRecord";
import { FaultOptions } from "../local/keyvault/types";
import { summaryOf } from "../local/commands/runSummary";
import { PARTIAL_FOLDER } from "../workflows/backupDocument";

/** Retry waits (5 s and up) scaled to milliseconds: counts and order are kept, the waiting is not. */
const TIME_SCALE = 0.001;

export interface FaultRound {
  round: number;
  backup: string;
  /** How the restore chose its backup: the latest complete one, or the partial one by name with allowIncomplete. */
  restoredFrom: "latest" | "partial by name";
  restore: string;
  objects: number;
  /** Source objects not in the target after the restore. */
  missing: number;
  /** Missing objects that a Failed run names (by name, or by a listing of their kind that did not finish). */
  named: number;
  /** Missing objects with no Failed run naming them: a silent loss. Must be 0. */
  silent: number;
  /** Objects the restore reported as conflicts: a 409 on a name absent before (a lost answer, then a retry). */
  conflicts: number;
  /** Kinds whose backup listing did not finish (a list page failed after its retries): their later objects are named by kind. */
  unfinishedListings: string[];
  /** A second restore of the same backup into the same target (what the README tells a user to do) and what is then still missing. */
  rerun: string;
  missingAfterRerun: number;
  retries: number;
}

interface SummaryRecord {
  kind?: string;
  name?: string | null;
}

const PLURAL: Record<string, string> = { secret: "secrets", key: "keys", certificate: "certificates" };

function recordsOf(run: RunRecord, field: string): SummaryRecord[] {
  const value = summaryOf(run)?.[field];
  return Array.isArray(value) ? (value as SummaryRecord[]) : [];
}

/**
 * Which of the missing `kind/name`s the two runs account for: a Failed backup naming it (or naming its kind's
 * listing as unfinished), or a Failed restore naming it as not restored or not in the target.
 */
function namedByFailedRuns(missing: string[], backup: RunRecord, restore: RunRecord): Set<string> {
  const named = new Set<string>();
  const unlistedKinds = new Set<string>();
  if (backup.status === "Failed") {
    for (const r of recordsOf(backup, "failures")) {
      const kind = PLURAL[r.kind ?? ""] ?? r.kind;
      if (r.name) named.add(`${kind}/${r.name}`);
      else unlistedKinds.add(kind ?? "");
    }
  }
  if (restore.status === "Failed") {
    for (const r of recordsOf(restore, "notRestored")) named.add(`${PLURAL[r.kind ?? ""] ?? r.kind}/${r.name}`);
    const inTarget = summaryOf(restore)?.missingInTarget;
    // missingInTarget holds "secret/name" strings.
    for (const n of Array.isArray(inTarget) ? inTarget.map(String) : []) {
      const [singular, ...rest] = n.split("/");
      named.add(`${PLURAL[singular] ?? singular}/${rest.join("/")}`);
    }
  }
  // A certificate's backup carries its managed key and secret, which share its name.
  for (const n of [...named]) if (n.startsWith("certificates/")) for (const k of ["keys", "secrets"]) named.add(`${k}/${n.slice("certificates/".length)}`);
  return new Set(missing.filter((m) => named.has(m) || unlistedKinds.has(m.split("/")[0])));
}

function missingNames(source: KeyVaultEmulator, target: KeyVaultEmulator): string[] {
  const there = target.inventory();
  const out: string[] = [];
  for (const [kind, objects] of Object.entries(source.inventory()) as Array<[keyof typeof there, Array<{ name: string }>]>) {
    const names = new Set(there[kind].map((o) => o.name));
    for (const o of objects) if (!names.has(o.name)) out.push(`${kind}/${o.name}`);
  }
  return out;
}

/**
 * Backup then restore under throttling, server errors and lost answers, `rounds` times. A backup that did
 * not succeed is restored by name with allowIncomplete, so every round ends with a restore. Each object
 * missing at the end must be named by a Failed run; `silent` counts those that are not.
 */
export async function faultRounds(env: LocalEnvironment, counts: { secrets: number; keys: number; certificates: number }, rounds: number, faults: FaultOptions): Promise<FaultRound[]> {
  const out: FaultRound[] = [];
  const objects = counts.secrets + counts.keys + counts.certificates;
  for (let round = 1; round <= rounds; round++) {
    const source = await env.addVault({ name: `faults-src-${round}`, ...counts });
    const target = await env.addVault({ name: `faults-dst-${round}`, secrets: 0, keys: 0, certificates: 0 });
    source.faults = faults;
    target.faults = faults;
    const backup = await measureRun(env, "backup", source, TIME_SCALE);
    const written = String(summaryOf(backup.run)?.backup ?? "");
    const partial = backup.status !== "Succeeded" && written.startsWith(`${PARTIAL_FOLDER}/`);
    const body = partial ? { backup: written.slice(PARTIAL_FOLDER.length + 1), allowIncomplete: true } : {};
    const restore = await measureRun(env, "restore", target, TIME_SCALE, body);
    const missing = missingNames(source, target);
    const named = namedByFailedRuns(missing, backup.run, restore.run);
    const rerun = await measureRun(env, "restore", target, TIME_SCALE, body);
    out.push({
      round,
      backup: backup.status,
      restoredFrom: partial ? "partial by name" : "latest",
      restore: restore.status,
      objects,
      missing: missing.length,
      named: named.size,
      silent: missing.length - named.size,
      conflicts: recordsOf(restore.run, "notRestored").filter((r) => (r as { outcome?: string }).outcome === "conflict").length,
      unfinishedListings: [...new Set(recordsOf(backup.run, "failures").filter((r) => !r.name).map((r) => r.kind ?? "?"))],
      rerun: rerun.status,
      missingAfterRerun: missingNames(source, target).length,
      retries: backup.retries + restore.retries,
    });
    await env.clearBlobs();
    await env.removeVault(source.name);
    await env.removeVault(target.name);
  }
  return out;
}

export interface BadInputCase {
  case: string;
  status: string;
  error: string;
  /** Restore calls that reached the target (each refused or skipped), and whether its content changed. */
  restoreCalls: number;
  targetChanged: boolean;
}

function restoreCalls(vault: KeyVaultEmulator): number {
  return Object.entries(vault.counters.byOperation)
    .filter(([op]) => op.endsWith(".restore"))
    .reduce((n, [, c]) => n + c, 0);
}

async function putDocument(env: LocalEnvironment, name: string, content: string): Promise<void> {
  await env.azurite.serviceClient().getContainerClient(env.container).getBlockBlobClient(`backups/${name}`).upload(content, Buffer.byteLength(content), {
    blobHTTPHeaders: { blobContentType: "application/json" },
  });
}

/** Each bad input against a fresh target: the error the restore run gives, and proof of what reached the target. */
export async function badInputs(env: LocalEnvironment): Promise<BadInputCase[]> {
  const source = await env.addVault({ name: "bad-src", secrets: 20, keys: 3, certificates: 2 });
  await measureRun(env, "backup", source, TIME_SCALE);
  // Each case stands alone with its own blobs: a format-1 document (still read) holds its items itself.
  const [blob] = await backupBlobs(env);
  const good = JSON.stringify(await asFormat1(env, blob.name));
  await env.clearBlobs();

  /** A real format-2 backup of the source, to tamper with: its manifest. */
  const freshBackup = async (): Promise<BackupManifest> => {
    await measureRun(env, "backup", source, TIME_SCALE);
    return blobJson<BackupManifest>(env, (await backupBlobs(env))[0].name);
  };
  const emptyTarget = (name: string, placement: { subscriptionId?: string; geography?: string } = {}) =>
    env.addVault({ name, secrets: 0, keys: 0, certificates: 0 }, placement);
  const cases: Array<{ name: string; prepare: () => Promise<KeyVaultEmulator>; body?: unknown }> = [
    { name: "corrupt document", prepare: async () => (await putDocument(env, backupBlobNameAt(new Date(), "a"), "{not json"), emptyTarget("bad-1")) },
    { name: "truncated document", prepare: async () => (await putDocument(env, backupBlobNameAt(new Date(), "b"), good.slice(0, good.length >> 1)), emptyTarget("bad-2")) },
    {
      name: "unknown format version",
      prepare: async () => (await putDocument(env, backupBlobNameAt(new Date(), "c"), JSON.stringify({ ...JSON.parse(good), formatVersion: 99 })), emptyTarget("bad-3")),
    },
    {
      // Only Key Vault can judge a backup blob: a well-formed document with one tampered item reaches it.
      name: "one tampered item in a well-formed document",
      prepare: async () => {
        const doc = JSON.parse(good);
        const item = doc.items[0];
        item.value = `${item.value.slice(0, 200)}${item.value[200] === "A" ? "B" : "A"}${item.value.slice(201)}`;
        await putDocument(env, backupBlobNameAt(new Date(), "h"), JSON.stringify(doc));
        return emptyTarget("bad-8");
      },
    },
    {
      name: "format 2: a part deleted",
      prepare: async () => {
        const manifest = await freshBackup();
        await env.azurite.serviceClient().getContainerClient(env.container).deleteBlob(manifest.parts[manifest.parts.length - 1].blob);
        return emptyTarget("bad-9");
      },
    },
    {
      name: "format 2: a manifest naming a part twice",
      prepare: async () => {
        const manifest = await freshBackup();
        const [first, second] = manifest.parts;
        second.blob = first.blob;
        await writeBlobJson(env, (await backupBlobs(env))[0].name, manifest);
        return emptyTarget("bad-10");
      },
    },
    {
      name: "named backup that does not exist",
      prepare: async () => (await putDocument(env, backupBlobNameAt(new Date(), "d"), good), emptyTarget("bad-4")),
      body: { backup: "20000101T000000Z-missing.json" },
    },
    {
      name: "backup from another subscription",
      prepare: async () => (await putDocument(env, backupBlobNameAt(new Date(), "e"), good), emptyTarget("bad-5", { subscriptionId: "99999999-0000-0000-0000-000000000009" })),
    },
    {
      name: "backup from another geography",
      prepare: async () => (await putDocument(env, backupBlobNameAt(new Date(), "f"), good), emptyTarget("bad-6", { geography: "us" })),
    },
    {
      name: "target where every name is taken",
      prepare: async () => (await putDocument(env, backupBlobNameAt(new Date(), "g"), good), env.addVault({ name: "bad-7", secrets: 20, keys: 3, certificates: 2 })),
    },
  ];
  const out: BadInputCase[] = [];
  for (const c of cases) {
    const target = await c.prepare();
    const before = JSON.stringify(target.inventory());
    target.resetCounters();
    const run = await runWorkflow(projectDefinition("restore"), {
      ...env.projectRun("restore", target.name),
      trigger: { body: c.body ?? {} },
      timeScale: TIME_SCALE,
    });
    const summary = run.actions.Summary?.executions[0]?.outputs as { skipped?: Record<string, number> } | undefined;
    const skipped = summary?.skipped ? Object.values(summary.skipped).reduce((a, b) => a + b, 0) : 0;
    out.push({
      case: c.name,
      status: run.status,
      error: run.error ? `${run.error.code}: ${run.error.message}` : `none (${skipped} skipped)`,
      restoreCalls: restoreCalls(target),
      targetChanged: JSON.stringify(target.inventory()) !== before,
    });
    await env.clearBlobs();
    await env.removeVault(target.name);
  }
  await env.removeVault(source.name);
  return out;
}
