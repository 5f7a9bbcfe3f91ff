import * as pulumi from "@pulumi/pulumi";

/** One resource the program registered, as `pulumi up` would send it. */
export interface RecordedResource {
  type: string;
  name: string;
  /** The logical name of the parent resource, or null at the top. */
  parent: string | null;
  custom: boolean;
  /** Inputs as registered; secret values keep Pulumi's secret wrapper (see `revealSecrets`, `maskSecrets`). */
  inputs: Record<string, unknown>;
}

/** Plausible fixed identities for an offline run: nothing here refers to a real subscription. */
export const FAKE_CLIENT = {
  clientId: "00000000-0000-0000-0000-0000000000c1",
  objectId: "00000000-0000-0000-0000-0000000000b1",
  subscriptionId: "00000000-0000-0000-0000-000000000001",
  tenantId: "00000000-0000-0000-0000-0000000000aa",
};
export const FAKE_RANDOM_SUFFIX = "x7k2q9";

/** The object id the mocks give a workflow's system-assigned identity (access policies name it). */
export const principalIdOf = (workflowName: string): string => `principal-of-${workflowName}`;

/** The storage account key the mocks hand out (listStorageAccountKeys): the account's key, for a local stand-in. */
export const accountKeyOf = (accountName: string): string => `fake-key-of-${accountName}`;

/** The property that carries each resource's name (azure-native's `name` is output-only). */
const NAME_INPUT: Record<string, string> = {
  "azure-native:resources:ResourceGroup": "resourceGroupName",
  "azure-native:storage:StorageAccount": "accountName",
  "azure-native:storage:BlobContainer": "containerName",
  "azure-native:keyvault:Vault": "vaultName",
  "azure-native:logic:Workflow": "workflowName",
  "azure-native:logic:IntegrationAccount": "integrationAccountName",
  "azure-native:web:Connection": "connectionName",
  "azure-native:operationalinsights:Workspace": "workspaceName",
};

/**
 * Pulumi mocks that stand in for the engine and Azure: they record every registration and answer with
 * the outputs Azure would compute (ids, vault URIs, identities, keys, callback URLs). Used by the unit
 * tests and by `kvbr synth`, so both see exactly what the program registers.
 */
export class RecordingMocks implements pulumi.runtime.Mocks {
  readonly resources: RecordedResource[] = [];
  /** Invoke tokens the mocks could not answer; a test asserts this stays empty. */
  readonly unmockedCalls: string[] = [];
  private readonly parents = new Map<string, string>();

  newResource(args: pulumi.runtime.MockResourceArgs): { id: string | undefined; state: Record<string, unknown> } {
    const inputs = args.inputs as Record<string, unknown>;
    const parentUrn = this.parents.get(`${args.type}::${args.name}`);
    this.resources.push({
      type: args.type,
      name: args.name,
      parent: parentUrn ? parentUrn.slice(parentUrn.lastIndexOf("::") + 2) : null,
      custom: args.custom !== false,
      inputs,
    });
    if (args.custom === false) return { id: undefined, state: {} };
    const resourceName = (NAME_INPUT[args.type] && (pulumi.runtime.unwrapRpcSecret(inputs[NAME_INPUT[args.type]]) as string)) || `${args.name}`;
    const state: Record<string, unknown> = { ...inputs, name: resourceName };
    const group = (inputs.resourceGroupName as string | undefined) ?? resourceName;
    const [, module, typeName] = args.type.split(":");
    const resourceType = `Microsoft.${module[0].toUpperCase()}${module.slice(1)}/${typeName[0].toLowerCase()}${typeName.slice(1)}s`;
    const id = `/subscriptions/${FAKE_CLIENT.subscriptionId}/resourceGroups/${group}/providers/${resourceType}/${resourceName}`;
    switch (args.type) {
      case "azure-native:keyvault:Vault":
        state.properties = { ...(inputs.properties as object), vaultUri: `https://${resourceName}.vault.azure.net/` };
        break;
      case "azure-native:logic:Workflow":
        // Azure gives a workflow an identity only when the program asks for one.
        if (String((inputs.identity as { type?: unknown } | undefined)?.type ?? "").includes("SystemAssigned")) {
          state.identity = { type: "SystemAssigned", principalId: principalIdOf(resourceName), tenantId: FAKE_CLIENT.tenantId };
        }
        break;
      case "random:index/randomString:RandomString":
        state.result = FAKE_RANDOM_SUFFIX.slice(0, Number(inputs.length ?? FAKE_RANDOM_SUFFIX.length));
        return { id: args.name, state };
    }
    return { id, state };
  }

  call(args: pulumi.runtime.MockCallArgs): Record<string, unknown> {
    const inputs = args.inputs as Record<string, string>;
    switch (args.token) {
      case "azure-native:authorization:getClientConfig":
        return { ...FAKE_CLIENT };
      case "azure-native:storage:listStorageAccountKeys":
        return { keys: [{ keyName: "key1", value: accountKeyOf(inputs.accountName), permissions: "FULL", creationTime: "" }] };
      case "azure-native:keyvault:getVault":
        return {
          id: `/subscriptions/${FAKE_CLIENT.subscriptionId}/resourceGroups/${inputs.resourceGroupName}/providers/Microsoft.KeyVault/vaults/${inputs.vaultName}`,
          name: inputs.vaultName,
          location: "westeurope",
          properties: { tenantId: FAKE_CLIENT.tenantId, vaultUri: `https://${inputs.vaultName}.vault.azure.net/`, sku: { family: "A", name: "standard" }, accessPolicies: [] },
        };
      case "azure-native:operationalinsights:getWorkspace":
        return {
          id: `/subscriptions/${FAKE_CLIENT.subscriptionId}/resourceGroups/${inputs.resourceGroupName}/providers/Microsoft.OperationalInsights/workspaces/${inputs.workspaceName}`,
          name: inputs.workspaceName,
          location: "westeurope",
        };
      case "azure-native:logic:listWorkflowTriggerCallbackUrl":
        return {
          value: `https://logic.invalid/workflows/${inputs.workflowName}/triggers/${inputs.triggerName}/paths/invoke?api-version=2016-10-01&sig=fake`,
          method: "POST",
          basePath: "",
          relativePath: "",
        };
      default:
        // Throwing here would hang apply-based callers until a timeout; record it and answer empty instead.
        this.unmockedCalls.push(args.token);
        return {};
    }
  }

  /**
   * Install these mocks. Parents are not passed to `newResource`, so the monitor's registration is wrapped
   * to note each resource's parent URN first (the mock monitor is internal, hence the narrow type).
   */
  install(project: string, stack: string): void {
    void pulumi.runtime.setMocks(this, project, stack, false);
    const monitor = pulumi.runtime.getMonitor() as unknown as {
      registerResource(req: { getType(): string; getName(): string; getParent(): string }, callback: unknown): unknown;
    };
    const register = monitor.registerResource.bind(monitor);
    monitor.registerResource = (req, callback) => {
      this.parents.set(`${req.getType()}::${req.getName()}`, req.getParent());
      return register(req, callback);
    };
  }

  ofType(type: string): RecordedResource[] {
    return this.resources.filter((r) => r.type === type);
  }
}

/** Replace Pulumi secret wrappers with `"[secret]"`, for output a reviewer may read. */
export function maskSecrets(value: unknown): unknown {
  if (pulumi.runtime.isRpcSecret(value)) return "[secret]";
  if (Array.isArray(value)) return value.map(maskSecrets);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskSecrets(v)]));
  return value;
}

/** Strip Pulumi secret wrappers, keeping the values, for assertions on what Azure would receive. */
export function revealSecrets(value: unknown): unknown {
  const v = pulumi.runtime.unwrapRpcSecret(value);
  if (Array.isArray(v)) return v.map(revealSecrets);
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, revealSecrets(x)]));
  return v;
}
