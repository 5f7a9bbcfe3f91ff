import * as fs from "fs";
import * as path from "path";
import { parseArgs } from "node:util";
import { SeedCounts } from "../keyvault";
import { AzuriteHandle } from "../blob/azurite";
import { LocalStack } from "../stack/localStack";
import { parseNonNegative } from "./vaultSpec";

export const UP_USAGE = `kvbr up [--stack NAME] [--seed S,K,C] [--outputs FILE] [--time-scale X]
  Stand the stack up on loopback as \`pulumi up\` would create it: the program runs under mocks and what it
  registered is materialized (Azurite for storage, Key Vault emulators with the registered access policies,
  the workflows on the local engine behind local trigger URLs and a local Logic Apps runs API). Seeds the
  source vault, prints the outputs (and writes them to FILE as JSON), and stays up until Ctrl-C or SIGTERM.`;

function parseSeed(text: string | undefined): SeedCounts | undefined {
  if (text === undefined) return undefined;
  const m = /^(\d+)(?:,(\d+))?(?:,(\d+))?$/.exec(text);
  if (!m) throw new Error(`--seed '${text}': expected SECRETS[,KEYS[,CERTIFICATES]], e.g. 20,5,2`);
  return { secrets: Number(m[1]), keys: Number(m[2] ?? 0), certificates: Number(m[3] ?? 0) };
}

export interface UpOptions {
  print?: (line: string) => void;
  projectDir?: string;
  /** Resolves when the stack should stop; default: SIGINT or SIGTERM. */
  until?: Promise<void>;
  /** A running Azurite to use (and leave running) instead of starting one. */
  azurite?: AzuriteHandle;
}

export async function kvbrUp(argv: string[], options: UpOptions = {}): Promise<number> {
  const print = options.print ?? console.log;
  const { values } = parseArgs({
    args: argv,
    options: { stack: { type: "string" }, seed: { type: "string" }, outputs: { type: "string" }, "time-scale": { type: "string" } },
    strict: true,
    allowPositionals: false,
  });
  const stack = values.stack ?? "dev";
  const seed = parseSeed(values.seed);
  const timeScale = parseNonNegative("--time-scale", values["time-scale"]) ?? 1;
  const local = await LocalStack.up({ projectDir: options.projectDir ?? path.resolve(__dirname, "..", ".."), stack, seed, timeScale, azurite: options.azurite });
  try {
    const described = local.describe();
    print(`stack ${stack} is up on loopback:`);
    for (const [key, value] of Object.entries(described)) print(`  ${key}: ${typeof value === "string" ? value : JSON.stringify(value)}`);
    print(`Take a backup: curl -X POST -H 'Content-Type: application/json' -d '{}' '${String(described.backupTriggerUrl)}'`);
    print("Read a run: curl -H \"Authorization: Bearer $operatorManagementToken\" '<managementUrl>/subscriptions/<subscriptionId>/resourceGroups/<group>/providers/Microsoft.Logic/workflows/<name>/runs/<runId>?api-version=2016-06-01'");
    if (values.outputs) fs.writeFileSync(values.outputs, `${JSON.stringify(described, null, 2)}\n`);
    await (options.until ??
      new Promise<void>((resolve) => {
        process.once("SIGINT", resolve);
        process.once("SIGTERM", resolve);
      }));
  } finally {
    await local.stop();
  }
  return 0;
}
