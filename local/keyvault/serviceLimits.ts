import { KeyVaultError } from "./errors";
import { throttled } from "./faults";
import { ObjectKind } from "./types";

/**
 * Key Vault's documented service limits per vault, per 10-second window (key-vault/general/service-limits):
 * CREATE secret 300, CREATE RSA-2048 software key 20, all other transactions 4,000. A request over a limit
 * is answered 429 and does not count (general/overview-throttling).
 */
export const VAULT_LIMITS = { windowMs: 10_000, transactions: 4000, createSecret: 300, createKey: 20 } as const;

/**
 * Whether a restore counts as a CREATE (the much lower buckets) or as an ordinary transaction: the docs do
 * not say, so both readings are modelled. Under "create", a secret or certificate restore takes the secret
 * CREATE bucket (a certificate's restore brings its secret) and a key restore the RSA-2048 key CREATE bucket
 * (EC and larger RSA keys have their own, lower or unlisted, limits: taken as RSA-2048's).
 */
export type RestoreReading = "transactions" | "create";

export interface ServiceLimitOptions {
  /** Multiplies the 10-second window, as the engine's time scale multiplies its waits (1: real time). */
  timeScale: number;
  restoreCounts: RestoreReading;
}

type Bucket = "transactions" | "createSecret" | "createKey";

function bucketOf(kind: ObjectKind, operation: string, reading: RestoreReading): Bucket {
  const creates = operation === "create" || operation === "import" || operation === "set" || (operation === "restore" && reading === "create");
  if (!creates) return "transactions";
  return kind === "keys" ? "createKey" : "createSecret";
}

/** Admits requests within the vault's limits over a sliding window, and throttles the rest as Key Vault does. */
export class ServiceLimiter {
  private readonly admitted: Record<Bucket, number[]> = { transactions: [], createSecret: [], createKey: [] };

  constructor(
    private readonly options: ServiceLimitOptions,
    private readonly now: () => number = () => performance.now(),
  ) {
    if (!(options.timeScale > 0)) throw new Error(`serviceLimits.timeScale must be above 0, got ${options.timeScale}`);
  }

  /** The 429 for a request over its bucket's limit; otherwise the request is counted and undefined returned. */
  admit(kind: ObjectKind, operation: string): KeyVaultError | undefined {
    const bucket = bucketOf(kind, operation, this.options.restoreCounts);
    const times = this.admitted[bucket];
    const since = this.now() - VAULT_LIMITS.windowMs * this.options.timeScale;
    while (times.length > 0 && times[0] <= since) times.shift();
    if (times.length >= VAULT_LIMITS[bucket]) return throttled();
    times.push(this.now());
    return undefined;
  }
}
