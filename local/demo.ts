import { LocalEnvironment, VaultSpec } from "./environment";
import { countsOf, inventoryDifferences } from "./inventoryCheck";
import { projectDefinition } from "./projectWorkflows";
import { runWorkflow } from "./engine/run";
import { RunRecord } from "./engine/runRecord";
import { ActionEvent } from "./engine/runOptions";
import { DefinitionJson } from "../workflows/definitionJson";

/** More than one 25-item page of each kind, so paging is exercised; certificates bring managed keys and secrets. */
export const DEMO_SOURCE: VaultSpec = { name: "source", secrets: 60, keys: 30, certificates: 27 };
export const DEMO_TARGET: VaultSpec = { name: "target", secrets: 0, keys: 0, certificates: 0 };

type Print = (line: string) => void;

/**
 * Shows the definition's top-level steps as they finish (skipped ones, like error branches not taken, are
 * left out), and a dot per 25 inner action executions, so a long run visibly moves.
 */
function progress(definition: DefinitionJson, print: Print, write: (text: string) => void): (e: ActionEvent) => void {
  const topLevel = new Set(Object.keys(definition.actions ?? {}));
  let inner = 0;
  return (e) => {
    if (e.path.length === 0 && topLevel.has(e.name)) {
      if (e.status === "Skipped") return;
      if (inner >= 25) write("\n");
      inner = 0;
      print(`    ${e.status === "Succeeded" ? "ok" : "!!"} ${e.name}${e.status === "Succeeded" ? "" : ` (${e.status})`}`);
    } else if (++inner % 25 === 0) write(inner === 25 ? "       ." : ".");
  };
}

function outputsOf(run: RunRecord, action: string): unknown {
  return run.actions[action]?.executions.at(-1)?.outputs;
}

/**
 * The README's first command: seed a source vault, run the project's backup workflow, restore into an
 * empty vault with the restore workflow, and check both vaults hold the same names and versions.
 */
export async function runDemo(print: Print = console.log, write: (text: string) => void = (t) => process.stdout.write(t)): Promise<boolean> {
  print("Starting Azurite and two Key Vault emulators on loopback...");
  const env = await LocalEnvironment.start({ vaults: [DEMO_SOURCE, DEMO_TARGET] });
  try {
    const source = env.vault("source");
    const before = countsOf(source.inventory());
    print(`Source vault ${source.url}: ${before.secrets} secrets, ${before.keys} keys, ${before.certificates} certificates (certificate-backed keys and secrets included)`);

    print("\nBackup workflow (the definition `pulumi up` deploys):");
    const backupDefinition = projectDefinition("backup");
    const backup = await runWorkflow(backupDefinition, {
      ...env.projectRun("backup", "source"),
      onAction: progress(backupDefinition, print, write),
    });
    const blobs = await env.listBlobs();
    print(`  run ${backup.status}${backup.error ? `: ${backup.error.code}: ${backup.error.message}` : ""}`);
    print(`  ${backup.counters.actionExecutions} action executions, ${backup.counters.httpRequests} Key Vault requests`);
    for (const b of blobs) {
      const doc = JSON.parse((await env.azurite.serviceClient().getContainerClient(env.container).getBlobClient(b.name).downloadToBuffer()).toString("utf8"));
      print(`  backup document: ${env.container}/${b.name} (${b.size.toLocaleString("en-US")} bytes)`);
      print(`  backed up: ${JSON.stringify(doc.counts)} (certificate-backed keys and secrets travel inside their certificate)`);
    }

    print("\nRestore workflow into the empty target vault:");
    const restoreDefinition = projectDefinition("restore");
    const restore = await runWorkflow(restoreDefinition, {
      ...env.projectRun("restore", "target"),
      trigger: { body: {} },
      onAction: progress(restoreDefinition, print, write),
    });
    print(`  run ${restore.status}${restore.error ? `: ${restore.error.code}: ${restore.error.message}` : ""}`);
    const summary = outputsOf(restore, "Summary") as Record<string, unknown> | undefined;
    if (summary) {
      for (const key of ["inBackup", "restored", "skipped", "failed", "inTarget"]) print(`  ${key.padEnd(9)} ${JSON.stringify(summary[key])}`);
    }

    const differences = inventoryDifferences(source.inventory(), env.vault("target").inventory());
    print("\nCheck: source and target hold the same names and versions");
    if (differences.length === 0) print(`  yes: ${JSON.stringify(countsOf(env.vault("target").inventory()))}`);
    else for (const d of differences.slice(0, 20)) print(`  ${d}`);
    const ok = backup.status === "Succeeded" && restore.status === "Succeeded" && differences.length === 0 && blobs.length === 1;
    print(ok ? "\nDemo passed." : "\nDemo FAILED.");
    return ok;
  } finally {
    await env.stop();
  }
}
