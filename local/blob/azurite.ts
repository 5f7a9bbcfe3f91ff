import * as os from "os";
import * as path from "path";
import { BlobServiceClient, StorageSharedKeyCredential } from "@azure/storage-blob";
import { nodeScriptExitingWithParent, startListeningChild } from "./childProcess";

/** Azurite's built-in account and its published development key (not a secret). */
export const AZURITE_ACCOUNT_NAME = "devstoreaccount1";
export const AZURITE_ACCOUNT_KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

const DEFAULT_START_TIMEOUT_MS = 20_000;
/** Azurite prints this once the HTTP server is bound; with `--blobPort 0` it is the only place the real port appears. */
const LISTENING_LINE = /successfully listens on (https?):\/\/127\.0\.0\.1:(\d+)/;

export interface AzuriteHandle {
  accountName: string;
  accountKey: string;
  /** `http://127.0.0.1:PORT/devstoreaccount1`: path-style, the account is the first path segment. */
  blobEndpoint: string;
  connectionString: string;
  /** The child's process id (for diagnostics and for checking it is gone after `stop()`). */
  pid: number;
  serviceClient(): BlobServiceClient;
  stop(): Promise<void>;
}

export interface AzuriteOptions {
  /** Default true: passes `--silent` (no access log). When false, Azurite's output is copied to stderr. */
  silent?: boolean;
  /** Default 20 s. */
  startTimeoutMs?: number;
  /** The storage account to serve instead of devstoreaccount1 (Azurite's AZURITE_ACCOUNTS); its key must be base64. */
  account?: { name: string; key: string };
}

/** The `azurite-blob` entry point, resolved from the installed package's `bin` map rather than a hard-coded path. */
export function azuriteBlobEntry(): string {
  const manifestPath = require.resolve("azurite/package.json");
  const manifest = require(manifestPath) as { bin?: Record<string, string> };
  const relative = manifest.bin?.["azurite-blob"];
  if (!relative) throw new Error(`${manifestPath} has no 'azurite-blob' entry in its bin map`);
  return path.resolve(path.dirname(manifestPath), relative);
}

/**
 * Starts Azurite's blob service as a child process, in memory, on an OS-assigned loopback port.
 * No `--skipApiVersionCheck`: the pinned @azure/storage-blob 12.29.1 sends x-ms-version 2025-11-05,
 * which Azurite 3.35.0 accepts (the blob tests exercise this).
 */
export async function startAzurite(options: AzuriteOptions = {}): Promise<AzuriteHandle> {
  const silent = options.silent ?? true;
  const flags = ["--inMemoryPersistence", "--blobHost", "127.0.0.1", "--blobPort", "0", "--disableTelemetry"];
  if (silent) flags.push("--silent");
  // However kvbr or a test run ends, Azurite ends with it.
  const { command, args } = nodeScriptExitingWithParent(azuriteBlobEntry(), flags);
  const child = await startListeningChild({
    command,
    args,
    readyPattern: LISTENING_LINE,
    timeoutMs: options.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS,
    label: "Azurite Blob",
    // In-memory mode writes nothing, but its default --location is the cwd: run it somewhere harmless anyway.
    cwd: os.tmpdir(),
    env: options.account ? { AZURITE_ACCOUNTS: `${options.account.name}:${options.account.key}` } : undefined,
    onLine: silent ? undefined : (line) => process.stderr.write(`[azurite] ${line}\n`),
  });

  const [, protocol, port] = child.ready;
  const { name: accountName, key: accountKey } = options.account ?? { name: AZURITE_ACCOUNT_NAME, key: AZURITE_ACCOUNT_KEY };
  const blobEndpoint = `${protocol}://127.0.0.1:${port}/${accountName}`;
  const connectionString = `DefaultEndpointsProtocol=${protocol};AccountName=${accountName};AccountKey=${accountKey};BlobEndpoint=${blobEndpoint};`;
  let client: BlobServiceClient | undefined;
  return {
    accountName,
    accountKey,
    blobEndpoint,
    connectionString,
    pid: child.pid,
    serviceClient: () => (client ??= new BlobServiceClient(blobEndpoint, new StorageSharedKeyCredential(accountName, accountKey))),
    stop: () => child.stop(),
  };
}
