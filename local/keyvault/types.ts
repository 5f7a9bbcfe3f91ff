/** The public shapes of the Key Vault emulator: options, counters and inventory. */
import { ServiceLimitOptions } from "./serviceLimits";

/** The three kinds of Key Vault object, named as in the data-plane URL paths. */
export type ObjectKind = "secrets" | "keys" | "certificates";

export const OBJECT_KINDS: readonly ObjectKind[] = ["secrets", "keys", "certificates"];

export interface FaultOptions {
  /** Sleep this long before answering each authenticated request. */
  latencyMs?: number;
  /** 0..1: share of authenticated requests answered 429 Throttled. */
  throttleRate?: number;
  /** 0..1: share of authenticated requests answered 503. */
  errorRate?: number;
  /** 0..1: a list page comes back `{value: [], nextLink}` before the real one. */
  emptyPageRate?: number;
  /** Every list page is empty with a nextLink: a listing that never reaches its last page. */
  endlessPages?: boolean;
  /** List pages answer 200 with a body that is not a page (`value` not an array), as a broken proxy might. */
  malformedPages?: boolean;
  /** 0..1: share of authenticated requests that are carried out, then answered with a connection reset: the answer is lost. */
  lostAnswerRate?: number;
  /** Object names whose first successful restore loses its answer (the connection is reset); later ones are answered. */
  lostRestoreAnswers?: string[];
  /** Object names whose restore is answered 200 but not kept: the object is not in the vault afterwards. */
  discardedRestores?: string[];
  /** Object names whose every request is answered 503, however often it is retried: a lasting per-item failure. */
  unavailableObjects?: string[];
}

/** One access policy entry: an identity (its object id, the token's `oid`) and its permissions per kind. */
export interface AccessPolicy {
  objectId: string;
  permissions: Partial<Record<ObjectKind, readonly string[]>>;
}

export interface KeyVaultEmulatorOptions {
  /** Vault name, used in ids and messages. */
  name: string;
  /** Default "00000000-0000-0000-0000-000000000001". Backups restore only within the same subscription. */
  subscriptionId?: string;
  /** Default "europe". Backups restore only within the same geography. */
  geography?: string;
  /** TCP port on 127.0.0.1; 0 (the default) lets the OS choose. */
  port?: number;
  /** Can also be changed later via `emulator.faults = ...`. */
  faults?: FaultOptions;
  /** For deterministic fault injection in tests; default Math.random. */
  random?: () => number;
  /**
   * Which recorded Azure behaviour backup blobs are sized to (see backupSize.ts): "2025" (the default, the
   * newest recording) or "2022" (the generation every kind is recorded in).
   */
  backupSizeGeneration?: "2022" | "2025";
  /**
   * The vault's access policies: every request is refused with Azure's 403 unless the caller's token
   * carries an `oid` granted the operation's permission. Undefined: no authorization (the official SDK
   * clients' tests, `kvbr serve`); an empty list refuses everyone, as a vault without policies does.
   * Can be changed later via `emulator.accessPolicies = ...`.
   */
  accessPolicies?: readonly AccessPolicy[];
  /** The vault's region, as Azure names it in 403 messages. Default "westeurope". */
  location?: string;
  /** Key Vault's documented request limits (429 beyond them), on a scaled clock; off by default. */
  serviceLimits?: ServiceLimitOptions;
  /** Days a deleted object stays recoverable (7-90; default 90). */
  softDeleteRetentionDays?: number;
  /** With purge protection, a deleted object cannot be purged before its retention ends (403). Default false. */
  purgeProtection?: boolean;
}

export interface VaultCounters {
  requests: number;
  /** By HTTP status, e.g. "200", "401", "429". */
  byStatus: Record<string, number>;
  /** By operation, e.g. "secrets.backup", "keys.list"; "unknown" for paths that match no operation. */
  byOperation: Record<string, number>;
  /** By operation, then HTTP status. */
  byOperationStatus: Record<string, Record<string, number>>;
}

export interface ObjectSummary {
  name: string;
  /** Version ids, oldest first. */
  versions: string[];
  /** Whether the current (newest) version is enabled. */
  enabled: boolean;
  /** True for the key and secret backing a certificate. */
  managed: boolean;
}

/** Live (not deleted) objects, sorted by name. */
export interface VaultInventory {
  secrets: ObjectSummary[];
  keys: ObjectSummary[];
  certificates: ObjectSummary[];
}
