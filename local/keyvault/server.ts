import { Server, createServer } from "node:http";
import { AddressInfo } from "node:net";
import { BackupScope } from "./backupBlob";
import { DEFAULT_BACKUP_SIZE_GENERATION } from "./backupSize";
import { VaultContext } from "./context";
import { RequestCounters } from "./counters";
import { FaultInjector, checkFaults } from "./faults";
import { serve } from "./pipeline";
import { ServiceLimitOptions, ServiceLimiter } from "./serviceLimits";
import { RETENTION_DAYS, VaultStore } from "./store";
import { AccessPolicy, FaultOptions, KeyVaultEmulatorOptions, ObjectKind, VaultCounters, VaultInventory } from "./types";

export const DEFAULT_SUBSCRIPTION_ID = "00000000-0000-0000-0000-000000000001";
export const DEFAULT_GEOGRAPHY = "europe";

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      server.off("error", reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/**
 * One emulated vault: the Key Vault data plane for secrets, keys and certificates (as far as backup and
 * restore need) on its own port of 127.0.0.1, with soft delete, subscription- and geography-bound backup
 * blobs, Azure's error bodies and the 401 challenge, plus fault injection and request counters for tests.
 */
export class KeyVaultEmulator {
  readonly name: string;
  /** `http://127.0.0.1:PORT/`: the vault base URL, with its trailing slash. */
  readonly url: string;
  private readonly requestCounters = new RequestCounters();
  private readonly store: VaultStore;
  private faultOptions: FaultOptions;
  private limiter: ServiceLimiter | undefined;
  /** See KeyVaultEmulatorOptions.accessPolicies. */
  accessPolicies: readonly AccessPolicy[] | undefined;
  private stopping?: Promise<void>;

  private constructor(
    private readonly server: Server,
    port: number,
    options: KeyVaultEmulatorOptions,
    faults: FaultOptions,
  ) {
    this.name = options.name;
    this.url = `http://127.0.0.1:${port}/`;
    this.faultOptions = faults;
    this.accessPolicies = options.accessPolicies;
    this.serviceLimits = options.serviceLimits;
    this.store = new VaultStore(this.url, {
      retentionDays: options.softDeleteRetentionDays ?? RETENTION_DAYS,
      purgeProtection: options.purgeProtection ?? false,
      vault: { name: options.name, location: options.location ?? "westeurope" },
    });
    const scope: BackupScope = {
      subscriptionId: options.subscriptionId ?? DEFAULT_SUBSCRIPTION_ID,
      geography: options.geography ?? DEFAULT_GEOGRAPHY,
    };
    const vault: VaultContext = {
      store: this.store,
      baseUrl: this.url,
      scope,
      backupSizeGeneration: options.backupSizeGeneration ?? DEFAULT_BACKUP_SIZE_GENERATION,
      faults: new FaultInjector(() => this.faultOptions, options.random ?? Math.random),
      accessPolicies: () => this.accessPolicies,
      identity: { name: options.name, location: options.location ?? "westeurope" },
      limits: () => this.limiter,
    };
    server.on("request", (req, res) => {
      serve(vault, this.requestCounters, req, res).catch((e: unknown) => {
        // Only a broken connection gets here (the pipeline answers every error itself).
        if (!res.headersSent) res.writeHead(500).end(String(e));
      });
    });
  }

  static async start(options: KeyVaultEmulatorOptions): Promise<KeyVaultEmulator> {
    if (!options.name) throw new Error("a vault needs a name");
    const faults = checkFaults(options.faults ?? {});
    const server = createServer();
    const port = await listen(server, options.port ?? 0);
    return new KeyVaultEmulator(server, port, options, faults);
  }

  /** Fault injection for HTTP requests; replace it (validated) or mutate it, it is read per request. */
  get faults(): FaultOptions {
    return this.faultOptions;
  }
  set faults(faults: FaultOptions) {
    this.faultOptions = checkFaults(faults);
  }

  /** Key Vault's request limits, enforced from now on with a fresh window; undefined lifts them. */
  set serviceLimits(options: ServiceLimitOptions | undefined) {
    this.limiter = options ? new ServiceLimiter(options) : undefined;
  }

  get counters(): VaultCounters {
    return this.requestCounters;
  }

  resetCounters(): void {
    this.requestCounters.reset();
  }

  /** Seed a secret version straight into the store (no HTTP, no faults, not counted). Returns the version id. */
  setSecret(name: string, value: string, opts: { enabled?: boolean; contentType?: string; tags?: Record<string, string> } = {}): string {
    return this.store.setSecret(name, { value, ...opts }).version;
  }

  /** Seed a key version. Returns the version id. */
  createKey(name: string, opts: { kty?: "RSA" | "EC"; enabled?: boolean } = {}): string {
    return this.store.createKey(name, { kty: opts.kty ?? "RSA", enabled: opts.enabled }).version;
  }

  /** Seed a certificate version with its managed key and secret (same name and version). Returns the version id. */
  createCertificate(name: string, opts: { subject?: string } = {}): string {
    return this.store.createCertificate(name, { subject: opts.subject }).version;
  }

  /** Soft-delete an object straight in the store, as a user deleting it would (no HTTP, not counted). */
  softDelete(kind: ObjectKind, name: string): void {
    this.store.delete(kind, name);
  }

  /** Purge a soft-deleted object straight in the store, as a user purging it would (no HTTP, not counted). */
  purge(kind: ObjectKind, name: string): void {
    this.store.purge(kind, name);
  }

  inventory(): VaultInventory {
    return this.store.inventory();
  }

  /** Close the port and every open connection (the SDK keeps connections alive). Idempotent. */
  stop(): Promise<void> {
    this.stopping ??= new Promise<void>((resolve, reject) => {
      this.server.close((e) => (e ? reject(e) : resolve()));
      this.server.closeAllConnections();
    });
    return this.stopping;
  }
}
