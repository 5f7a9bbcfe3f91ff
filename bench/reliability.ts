import { backupBlobNameAt } from "../workflows/backupNames";
import { LocalEnvironment } from "../local/environment";
import { inventoryDifferences } from "../local/inventoryCheck";
import { KeyVaultEmulator } from "../local/keyvault";
import { measureRun } from "./measure";
import { runWorkflow } from "../local/engine/run";
import { projectDefinition } from "../local/projectWorkflows";

/** Retry waits (5 s and up) scaled to milliseconds: counts and order are kept, the waiting is not. */
const TIME_SCALE = 0.001;

export interface FaultRound {
  round: number;
  backup: string;
  restore: string;
  objects: number;
  lost: number;
  retries: number;
}

/** Backup then restore under throttling and server errors, `rounds` times, counting what did not arrive. */
export async function faultRounds(env: LocalEnvironment, secrets: number, rounds: number, faults: { throttleRate: number; errorRate: number }): Promise<FaultRound[]> {
  const out: FaultRound[] = [];
  for (let round = 1; round <= rounds; round++) {
    const source = await env.addVault({ name: `faults-src-${round}`, secrets, keys: 0, certificates: 0 });
    const target = await env.addVault({ name: `faults-dst-${round}`, secrets: 0, keys: 0, certificates: 0 });
    source.faults = faults;
    target.faults = faults;
    const backup = await measureRun(env, "backup", source, TIME_SCALE);
    const restore = await measureRun(env, "restore", target, TIME_SCALE);
    const lost = inventoryDifferences(source.inventory(), target.inventory()).length;
    out.push({ round, backup: backup.status, restore: restore.status, objects: secrets, lost, retries: backup.retries + restore.retries });
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
  const [blob] = await env.listBlobs();
  const good = (await env.azurite.serviceClient().getContainerClient(env.container).getBlobClient(blob.name).downloadToBuffer()).toString("utf8");
  await env.clearBlobs();

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
      parameters: { ...env.projectParameters(target.name) },
      connectors: { azureblob: env.blobConnector },
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
