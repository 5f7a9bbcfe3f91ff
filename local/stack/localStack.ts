import { ActionThrottle, CONSUMPTION_ACTION_RATE } from "../engine/actionThrottle";
import { AzuriteHandle, startAzurite } from "../blob/azurite";
import { AzureBlobConnector } from "../blob/azureblobConnector";
import { Connector } from "../engine/connector";
import { AccessPolicy, KeyVaultEmulator, seedVault, SeedCounts } from "../keyvault";
import { FAKE_CLIENT, RecordedResource, accountKeyOf, principalIdOf } from "../recordingMocks";
import { recordStack } from "../synth";
import { refusingConnector } from "./refusingConnector";
import { HostedWorkflow, WorkflowHost } from "./workflowHost";
import { MANAGEMENT_AUDIENCE, OPERATOR_OBJECT_ID, operatorToken } from "./operator";
import { DefinitionJson } from "../../workflows/definitionJson";

const KEY_VAULT_SUFFIX = ".vault.azure.net";

/** Every data permission Key Vault's access policies know, per kind: what a vault owner grants themselves. */
const FULL_ACCESS: AccessPolicy["permissions"] = {
  secrets: ["get", "list", "set", "delete", "backup", "restore", "recover", "purge"],
  keys: ["get", "list", "create", "import", "delete", "backup", "restore", "recover", "purge"],
  certificates: ["get", "list", "create", "import", "delete", "backup", "restore", "recover", "purge"],
};

/** Resource types a local stack records but gives no local behaviour. */
const NOT_EMULATED = new Set([
  "azure-native:monitor:ActionGroup",
  "azure-native:monitor:MetricAlert",
  "azure-native:monitor:ScheduledQueryRule",
  "azure-native:monitor:DiagnosticSetting",
  "azure-native:operationalinsights:Workspace",
  "azure-native:storage:ManagementPolicy",
  "azure-native:storage:BlobContainerImmutabilityPolicy",
  "azure-native:storage:BlobServiceProperties",
  "azure-native:logic:IntegrationAccount",
]);

export interface LocalStackOptions {
  projectDir: string;
  stack: string;
  /** Secrets, keys and certificates to seed the source vault with. */
  seed?: SeedCounts;
  /** Multiplies retry and Until waits of the hosted workflows (1: Azure's intervals). */
  timeScale?: number;
  /** A running Azurite to use (tests share one); otherwise one is started and stopped with the stack. */
  azurite?: AzuriteHandle;
}

const inputsOf = (r: RecordedResource) => r.inputs as Record<string, unknown> & { properties?: Record<string, unknown> };
const str = (v: unknown): string => (typeof v === "string" ? v : "");

/**
 * The stack as `pulumi up` would create it, on loopback: the program runs under the recording mocks, and
 * what it registered is materialized. Storage accounts become Azurite (one per process; the connector is
 * bound to the account's name and refuses a connection whose key is not the account's), vaults become Key
 * Vault emulators whose access policies are the registered ones, workflows are hosted on the engine with
 * their definitions and parameters exactly as registered, behind local trigger URLs and a local copy of
 * the Logic Apps runs API.
 */
export class LocalStack {
  private constructor(
    readonly outputs: Record<string, unknown>,
    readonly vaults: Map<string, KeyVaultEmulator>,
    readonly host: WorkflowHost,
    readonly notEmulated: string[],
    private readonly azurite: AzuriteHandle,
    private readonly ownsAzurite: boolean,
  ) {}

  static async up(options: LocalStackOptions): Promise<LocalStack> {
    const recorded = await recordStack(options.projectDir, options.stack);
    const of = (type: string) => recorded.resources.filter((r) => r.type === type);
    // Its own Azurite serves the stack's account by name, with a key derived from the account's (Azurite wants base64).
    const [account] = of("azure-native:storage:StorageAccount");
    const accountName = account ? str(inputsOf(account).accountName) : "";
    const azurite = options.azurite ?? (await startAzurite(accountName ? { account: { name: accountName, key: Buffer.from(accountKeyOf(accountName)).toString("base64") } } : {}));
    const vaults = new Map<string, KeyVaultEmulator>();
    let host: WorkflowHost | undefined;
    try {
      const connectors = await bindStorage(azurite, of("azure-native:storage:StorageAccount"), of("azure-native:storage:BlobContainer"), of("azure-native:web:Connection"));
      const vaultOf = async (name: string, settings: Record<string, unknown> = {}): Promise<KeyVaultEmulator> => {
        const known = vaults.get(name.toLowerCase());
        if (known) return known;
        const location = str(settings.location) || "westeurope";
        const properties = (settings.properties ?? {}) as { softDeleteRetentionInDays?: unknown; enablePurgeProtection?: unknown };
        const vault = await KeyVaultEmulator.start({
          name,
          location,
          softDeleteRetentionDays: typeof properties.softDeleteRetentionInDays === "number" ? properties.softDeleteRetentionInDays : undefined,
          purgeProtection: properties.enablePurgeProtection === true,
          accessPolicies: [{ objectId: OPERATOR_OBJECT_ID, permissions: FULL_ACCESS }],
        });
        vaults.set(name.toLowerCase(), vault);
        return vault;
      };
      for (const r of of("azure-native:keyvault:Vault")) await vaultOf(str(inputsOf(r).vaultName), inputsOf(r));
      // An existing vault (read by the program, not created) is stood up too: the stack works against it.
      for (const r of of("azure-native:keyvault:AccessPolicy")) {
        const inputs = inputsOf(r) as { vaultName?: unknown; policy?: { objectId?: unknown; permissions?: AccessPolicy["permissions"] } };
        const vault = await vaultOf(str(inputs.vaultName));
        vault.accessPolicies = [...(vault.accessPolicies ?? []), { objectId: str(inputs.policy?.objectId), permissions: inputs.policy?.permissions ?? {} }];
      }
      const sourceHost = new URL(str(recorded.outputs.sourceVaultUri)).hostname;
      const source = vaults.get(sourceHost.slice(0, -KEY_VAULT_SUFFIX.length).toLowerCase());
      if (options.seed && source) seedVault(source, options.seed);
      const hostRoutes = Object.fromEntries([...vaults.values()].map((v) => [`${v.name}${KEY_VAULT_SUFFIX}`, v.url]));

      const group = str(recorded.outputs.resourceGroupName);
      const workflows: HostedWorkflow[] = of("azure-native:logic:Workflow").map((r) => {
        const inputs = inputsOf(r) as { workflowName?: unknown; definition?: unknown; parameters?: Record<string, { value: unknown }>; integrationAccount?: { id?: unknown }; identity?: { type?: unknown } };
        const name = str(inputs.workflowName);
        const hasIdentity = str(inputs.identity?.type).includes("SystemAssigned");
        return {
          name,
          resourceGroup: group,
          subscriptionId: FAKE_CLIENT.subscriptionId,
          definition: inputs.definition as DefinitionJson,
          parameters: Object.fromEntries(Object.entries(inputs.parameters ?? {}).map(([k, v]) => [k, v.value])),
          run: {
            connectors,
            hostRoutes,
            identity: hasIdentity ? { principalId: principalIdOf(name), tenantId: FAKE_CLIENT.tenantId } : null,
            integrationAccountLinked: typeof inputs.integrationAccount?.id === "string",
            timeScale: options.timeScale ?? 1,
            // Consumption's action-execution rate is the workflow's, shared by all its runs.
            actionThrottle: new ActionThrottle(CONSUMPTION_ACTION_RATE, options.timeScale ?? 1),
          },
        };
      });
      host = await WorkflowHost.start(workflows);
      const notEmulated = [...new Set(recorded.resources.filter((r) => NOT_EMULATED.has(r.type)).map((r) => `${r.type} ${r.name}`))].sort();
      return new LocalStack(recorded.outputs, vaults, host, notEmulated, azurite, options.azurite === undefined);
    } catch (err) {
      await host?.stop();
      await Promise.all([...vaults.values()].map((v) => v.stop()));
      if (options.azurite === undefined) await azurite.stop();
      throw err;
    }
  }

  /** The vault the program named, by name. */
  vault(name: string): KeyVaultEmulator {
    const v = this.vaults.get(name.toLowerCase());
    if (!v) throw new Error(`No vault '${name}' in this stack; it has ${[...this.vaults.values()].map((x) => x.name).join(", ")}`);
    return v;
  }

  /** What a user reads: the stack outputs with the local trigger URLs, the management URL, and the operator's tokens (for the vaults, and for the runs API). */
  describe(): Record<string, unknown> {
    return {
      ...this.outputs,
      backupTriggerUrl: this.host.triggerUrl(str(this.outputs.backupWorkflowName)),
      restoreTriggerUrl: this.host.triggerUrl(str(this.outputs.restoreWorkflowName)),
      managementUrl: this.host.managementUrl,
      blobEndpoint: this.azurite.blobEndpoint,
      subscriptionId: FAKE_CLIENT.subscriptionId,
      vaultUrls: Object.fromEntries([...this.vaults.values()].map((v) => [`${v.name}${KEY_VAULT_SUFFIX}`, v.url])),
      operatorToken: operatorToken(),
      operatorManagementToken: operatorToken(MANAGEMENT_AUDIENCE),
      notEmulated: this.notEmulated,
    };
  }

  /** Stop everything it started; on a shared Azurite, delete the stack's container instead, so the next starts empty. */
  async stop(): Promise<void> {
    await this.host.stop();
    await Promise.all([...this.vaults.values()].map((v) => v.stop()));
    if (this.ownsAzurite) await this.azurite.stop();
    else if (str(this.outputs.containerName)) await this.azurite.serviceClient().getContainerClient(str(this.outputs.containerName)).deleteIfExists();
  }
}

/**
 * Each container created in Azurite, and the `azureblob` connector bound to the storage account the
 * connection names. A connection whose key is not that account's key answers every call as Azure would
 * (403 AuthenticationFailed), so a wrong key is found locally too.
 */
export async function bindStorage(azurite: AzuriteHandle, accounts: RecordedResource[], containers: RecordedResource[], connections: RecordedResource[]): Promise<Record<string, Connector>> {
  for (const c of containers) await azurite.serviceClient().getContainerClient(str(inputsOf(c).containerName)).createIfNotExists();
  const connection = connections[0];
  if (!connection) return {};
  const values = (inputsOf(connection).properties?.parameterValues ?? {}) as { accountName?: unknown; accessKey?: unknown };
  const accountName = str(values.accountName);
  const account = accounts.find((a) => str(inputsOf(a).accountName) === accountName);
  if (!account || str(values.accessKey) !== accountKeyOf(accountName)) return { azureblob: refusingConnector(accountName) };
  return { azureblob: new AzureBlobConnector(azurite.serviceClient(), { accountName }) };
}
