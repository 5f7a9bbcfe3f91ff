import { AzuriteHandle, startAzurite } from "./blob/azurite";
import { AzureBlobConnector, AzureBlobConnectorOptions } from "./blob/azureblobConnector";
import { AccessPolicy, FaultOptions, KeyVaultEmulator, ServiceLimitOptions, seedVault } from "./keyvault";
import { RunOptions } from "./engine/runOptions";
import { ProjectWorkflow } from "./projectWorkflows";
import { WORKFLOW_IDENTITIES, workflowAccess } from "./workflowIdentities";
import { stackPlan } from "./stackPlan";
import { ConnectionReference, WorkflowParameterValues } from "../workflows/parameters";

/** `NAME=S[,K[,C]]`: a vault to start, seeded with that many secrets, keys and certificates. */
export interface VaultSpec {
  name: string;
  secrets: number;
  keys: number;
  certificates: number;
}

export interface EnvironmentOptions {
  vaults?: VaultSpec[];
  /** Applied to every vault; they can be changed later through `vault.faults`. */
  faults?: FaultOptions;
  /** The container backups go to; created at start. Default: the stack default, kv-backups. */
  container?: string;
  /** How the blob connector behaves where Azure's behaviour is unconfirmed or paging matters. */
  blob?: Pick<AzureBlobConnectorOptions, "pageSize" | "jsonContentShape">;
  /**
   * "stack" (the default): vaults grant the plan's profiles to the two workflow identities and refuse
   * anything else with Azure's 403. "none": vaults check no permissions (`kvbr serve`, for SDK work).
   */
  authorization?: "stack" | "none";
  /** Key Vault's documented request limits on every vault (429 beyond them); off by default. */
  serviceLimits?: ServiceLimitOptions;
  /**
   * A running Azurite to use instead of starting one (tests share one per process). It is left running at
   * stop, and the container is deleted instead, so the next environment on it starts empty.
   */
  azurite?: AzuriteHandle;
}

/** What `$connections` holds for the local blob connector: the same shape `pulumi up` deploys. */
export const LOCAL_BLOB_CONNECTION: ConnectionReference = {
  connectionId: "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/local/providers/Microsoft.Web/connections/azureblob",
  connectionName: "azureblob",
  id: "/subscriptions/00000000-0000-0000-0000-000000000001/providers/Microsoft.Web/locations/local/managedApis/azureblob",
};

/**
 * Azurite (blob storage) and Key Vault emulators on loopback, wired the way the deployed workflows see
 * Azure: vault base URLs, a storage account with an existing container, and an `azureblob` connector.
 */
export class LocalEnvironment {
  readonly vaults = new Map<string, KeyVaultEmulator>();
  readonly blobConnector: AzureBlobConnector;

  /** What the offline tools run: the local stack's plan (its container, api-version and grants). */
  private readonly plan = stackPlan();
  readonly container: string;

  private constructor(
    readonly azurite: AzuriteHandle,
    private readonly options: EnvironmentOptions,
  ) {
    this.container = options.container ?? this.plan.storage.containerName;
    this.blobConnector = new AzureBlobConnector(azurite.serviceClient(), options.blob ?? {});
  }

  /** Another connector to the same storage, behaving otherwise (a page size, how JSON content comes back). */
  blobConnectorWith(options: Pick<AzureBlobConnectorOptions, "pageSize" | "jsonContentShape">): AzureBlobConnector {
    return new AzureBlobConnector(this.azurite.serviceClient(), options);
  }

  static async start(options: EnvironmentOptions = {}): Promise<LocalEnvironment> {
    const azurite = options.azurite ?? (await startAzurite());
    const env = new LocalEnvironment(azurite, options);
    try {
      await azurite.serviceClient().getContainerClient(env.container).createIfNotExists();
      for (const spec of options.vaults ?? []) await env.addVault(spec);
    } catch (err) {
      await env.stop();
      throw err;
    }
    return env;
  }

  get storageAccount(): string {
    return this.azurite.accountName;
  }

  /**
   * A vault elsewhere (another subscription or geography) refuses backups from here, as Azure does. Its
   * access policies are `access`; by default the plan's grants to both workflows, since tests use any
   * vault as source or target. A workflow without its grant is answered 403.
   */
  async addVault(
    spec: VaultSpec,
    placement: { subscriptionId?: string; geography?: string } = {},
    access: readonly AccessPolicy[] | undefined = this.options.authorization === "none" ? undefined : [workflowAccess(this.plan, "backup"), workflowAccess(this.plan, "restore")],
  ): Promise<KeyVaultEmulator> {
    if (this.vaults.has(spec.name)) throw new Error(`--vault ${spec.name} is given twice`);
    const vault = await KeyVaultEmulator.start({ name: spec.name, faults: { ...this.options.faults }, ...placement, accessPolicies: access, serviceLimits: this.options.serviceLimits });
    seedVault(vault, spec);
    this.vaults.set(spec.name, vault);
    return vault;
  }

  vault(name: string): KeyVaultEmulator {
    const v = this.vaults.get(name);
    if (!v) throw new Error(`No vault '${name}'; started vaults: ${[...this.vaults.keys()].join(", ") || "none"}`);
    return v;
  }

  /** The parameter values `pulumi up` would give the project's workflows, pointing at the emulators. */
  projectParameters(vaultName: string): WorkflowParameterValues {
    return {
      vaultBaseUrl: this.vault(vaultName).url,
      keyVaultApiVersion: this.plan.keyVaultApiVersion,
      storageAccountName: this.storageAccount,
      containerName: this.container,
      $connections: { azureblob: LOCAL_BLOB_CONNECTION },
    };
  }

  /** How to run one of the project's workflows against a vault, as the stack would: its parameters, connector and identity. */
  projectRun(which: ProjectWorkflow, vaultName: string): Pick<RunOptions, "parameters" | "connectors" | "identity" | "workflowName"> {
    return {
      parameters: { ...this.projectParameters(vaultName) },
      connectors: { azureblob: this.blobConnector },
      identity: WORKFLOW_IDENTITIES[which],
      workflowName: `kvbr-${which}`,
    };
  }

  async listBlobs(): Promise<Array<{ name: string; size: number }>> {
    const out: Array<{ name: string; size: number }> = [];
    for await (const b of this.azurite.serviceClient().getContainerClient(this.container).listBlobsFlat()) {
      out.push({ name: b.name, size: b.properties.contentLength ?? 0 });
    }
    return out;
  }

  /** Delete every blob in the container, so the next run starts from an empty backup store. */
  async clearBlobs(): Promise<void> {
    const container = this.azurite.serviceClient().getContainerClient(this.container);
    for (const b of await this.listBlobs()) await container.deleteBlob(b.name);
  }

  /** Stop and forget a vault (tests reuse one environment for many vaults). */
  async removeVault(name: string): Promise<void> {
    await this.vault(name).stop();
    this.vaults.delete(name);
  }

  async stop(): Promise<void> {
    await Promise.all([...this.vaults.values()].map((v) => v.stop()));
    if (this.options.azurite === undefined) await this.azurite.stop();
    else await this.azurite.serviceClient().getContainerClient(this.container).deleteIfExists();
  }
}
