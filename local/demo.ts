import * as path from "path";
import { countsOf, inventoryDifferences } from "./inventoryCheck";
import { SeedCounts } from "./keyvault";
import { LocalStack } from "./stack/localStack";
import { StackClient } from "./stack/stackClient";

/** More than one 25-item page of each kind, so paging is exercised; certificates bring managed keys and secrets. */
export const DEMO_SEED: SeedCounts = { secrets: 60, keys: 30, certificates: 27 };

type Print = (line: string) => void;

/** The outputs' vault host name, `<name>.vault.azure.net`, as the vault's name. */
const vaultNameOf = (uri: unknown): string => new URL(String(uri)).hostname.split(".")[0];

/**
 * The README's first command: stand the dev stack up on loopback (`kvbr up`), seed its source vault, POST
 * the backup trigger URL and follow the run in the runs API, POST the restore trigger URL and follow it,
 * then check both vaults hold the same names and versions.
 */
export async function runDemo(print: Print = console.log, projectDir = path.resolve(__dirname, "..")): Promise<boolean> {
  print("Standing the dev stack up on loopback (kvbr up): Azurite, Key Vault emulators with the program's access policies, the workflows behind local trigger URLs...");
  const stack = await LocalStack.up({ projectDir, stack: "dev", seed: DEMO_SEED });
  try {
    const outputs = stack.describe();
    const client = new StackClient(outputs);
    const source = stack.vault(vaultNameOf(outputs.sourceVaultUri));
    const target = stack.vault(vaultNameOf(outputs.targetVaultUri));
    const before = countsOf(source.inventory());
    print(`Source vault ${String(outputs.sourceVaultUri)}: ${before.secrets} secrets, ${before.keys} keys, ${before.certificates} certificates (certificate-backed keys and secrets included)`);

    const runOf = async (which: "backup" | "restore") => {
      print(`\nPOST the ${which} trigger URL, then follow the run in the runs API:`);
      const run = await client.follow(which, await client.trigger(which));
      print(`  run ${run.name}: ${run.properties.status}${run.properties.error ? `: ${run.properties.error.code}: ${run.properties.error.message}` : ""}`);
      const summary = (await client.outputsOf(which, run.name, "Summary")) as Record<string, unknown> | undefined;
      for (const [key, value] of Object.entries(summary ?? {})) if (!Array.isArray(value) || value.length > 0) print(`  ${key.padEnd(12)} ${JSON.stringify(value)}`);
      return run;
    };
    const backup = await runOf("backup");
    const restore = await runOf("restore");

    const differences = inventoryDifferences(source.inventory(), target.inventory());
    print(differences.length === 0 ? "\nBoth vaults hold the same names and version ids." : `\n${differences.length} difference(s):\n${differences.slice(0, 20).map((d) => `  ${d}`).join("\n")}`);
    const ok = backup.properties.status === "Succeeded" && restore.properties.status === "Succeeded" && differences.length === 0;
    print(ok ? "\nDemo passed." : "\nDemo FAILED.");
    return ok;
  } finally {
    await stack.stop();
  }
}
