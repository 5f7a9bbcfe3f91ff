import { parseArgs } from "node:util";
import { LocalEnvironment } from "../environment";
import { parseVaultSpec } from "./vaultSpec";

export const SERVE_USAGE = `kvbr serve [--vault NAME=S[,K[,C]]]...
  Start Azurite and Key Vault emulators, print {vaults: {NAME: URL}, blobConnectionString} as one JSON line,
  and stay up until interrupted.`;

export async function kvbrServe(argv: string[], print: (line: string) => void = console.log): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { vault: { type: "string", multiple: true } }, strict: true, allowPositionals: false });
  // For development with the official SDKs: the vaults check no permissions (kvbr up has the stack's).
  const env = await LocalEnvironment.start({ vaults: (values.vault ?? []).map(parseVaultSpec), authorization: "none" });
  print(JSON.stringify({ vaults: Object.fromEntries([...env.vaults].map(([name, v]) => [name, v.url])), blobConnectionString: env.azurite.connectionString }));
  await new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  await env.stop();
  return 0;
}
