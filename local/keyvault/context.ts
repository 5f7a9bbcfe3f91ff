import { BackupScope } from "./backupBlob";
import { BackupSizeGeneration } from "./backupSize";
import { FaultInjector } from "./faults";
import { VaultStore } from "./store";
import { AccessPolicy, ObjectKind } from "./types";
import { VaultIdentity } from "./auth";
import { ServiceLimiter } from "./serviceLimits";

/** What a handler may use of its vault. */
export interface VaultContext {
  store: VaultStore;
  /** The vault URL with its trailing slash. */
  baseUrl: string;
  scope: BackupScope;
  /** What backup blobs are sized to. */
  backupSizeGeneration: BackupSizeGeneration;
  faults: FaultInjector;
  /** Undefined: no authorization. */
  accessPolicies(): readonly AccessPolicy[] | undefined;
  /** How 403 messages name the vault. */
  identity: VaultIdentity;
  /** The vault's service limits as they are now; undefined: none. */
  limits: () => ServiceLimiter | undefined;
}

/** A routed, authenticated request with a supported api-version. */
export interface KvRequest {
  kind: ObjectKind;
  name?: string;
  version?: string;
  query: URLSearchParams;
  /** The parsed JSON body, or undefined when there was none. */
  body: unknown;
}

export interface KvResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** The operation happened, but its answer is lost: the connection is reset instead (a fault). */
  lost?: boolean;
}

export type Handler = (vault: VaultContext, request: KvRequest) => KvResponse;

export const ok = (body: unknown): KvResponse => ({ status: 200, body });

/** The name a route captured; routes without a name never call this. */
export function nameOf(request: KvRequest): string {
  if (request.name === undefined) throw new Error(`route for ${request.kind} has no name`);
  return request.name;
}
