import { ReportViolation, ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import { PROFILE_PERMISSIONS } from "../plan/vaultPermissions";

/** What a rule reads of a resource; tests pass just this, real previews the whole ResourceValidationArgs. */
export type RuleArgs = Pick<ResourceValidationArgs, "type" | "name" | "props" | "getConfig">;

interface Rule extends ResourceValidationPolicy {
  validateResource: (args: RuleArgs, report: ReportViolation) => void;
}

export interface ProductionConfig {
  /** Set in the policy config of production stacks: vaults must then have purge protection. */
  production: boolean;
}

const storageSecure: Rule = {
  name: "storage-secure-transport",
  description: "Storage accounts accept HTTPS only, with TLS 1.2, and no public blob access.",
  enforcementLevel: "mandatory",
  validateResource: ({ type, props }, report) => {
    if (type !== "azure-native:storage:StorageAccount") return;
    if (props.enableHttpsTrafficOnly !== true) report("enableHttpsTrafficOnly must be true");
    if (props.minimumTlsVersion !== "TLS1_2") report(`minimumTlsVersion must be TLS1_2, got ${JSON.stringify(props.minimumTlsVersion)}`);
    if (props.allowBlobPublicAccess !== false) report("allowBlobPublicAccess must be false");
  },
};

const vaultProtection: Rule = {
  name: "key-vault-soft-delete-and-purge-protection",
  description: "Key Vaults keep soft delete on; on production stacks (policy config production: true) purge protection is on too.",
  enforcementLevel: "mandatory",
  configSchema: { properties: { production: { type: "boolean", default: false } } },
  validateResource: ({ type, props, getConfig }, report) => {
    if (type !== "azure-native:keyvault:Vault") return;
    const p = (props.properties ?? {}) as Record<string, unknown>;
    if (p.enableSoftDelete === false) report("enableSoftDelete must not be false");
    if (getConfig<ProductionConfig>().production && p.enablePurgeProtection !== true) report("production vaults need enablePurgeProtection: true");
  },
};

const workflowIdentity: Rule = {
  name: "logic-app-managed-identity",
  description: "Each Logic App has a managed identity, so it reaches Key Vault without secrets.",
  enforcementLevel: "mandatory",
  validateResource: ({ type, props }, report) => {
    if (type !== "azure-native:logic:Workflow") return;
    const identityType = String((props.identity as { type?: string } | undefined)?.type ?? "");
    if (!/SystemAssigned|UserAssigned/.test(identityType)) report("the workflow needs a system- or user-assigned managed identity");
  },
};

/** The parts of a workflow action the rule reads; definitions are plain JSON here. */
interface ActionJson {
  type?: string;
  inputs?: { uri?: unknown };
  runtimeConfiguration?: { secureData?: { properties?: string[] } };
  actions?: Record<string, ActionJson>;
  else?: { actions?: Record<string, ActionJson> };
  cases?: Record<string, { actions?: Record<string, ActionJson> }>;
  default?: { actions?: Record<string, ActionJson> };
}

/** Http actions calling Key Vault's backup or restore endpoints, at any depth of the definition. */
function keyVaultBackupCalls(actions: Record<string, ActionJson> | undefined, out: Array<[string, ActionJson]> = []): Array<[string, ActionJson]> {
  for (const [name, action] of Object.entries(actions ?? {})) {
    const uri = String(action.inputs?.uri ?? "");
    if (action.type === "Http" && /(secrets|keys|certificates)\/.*(backup|restore)/.test(uri)) out.push([name, action]);
    for (const branch of [action.actions, action.else?.actions, action.default?.actions, ...Object.values(action.cases ?? {}).map((c) => c.actions)]) keyVaultBackupCalls(branch, out);
  }
  return out;
}

const secureBackupMaterial: Rule = {
  name: "key-vault-backup-calls-secure-data",
  description: "Every workflow action calling Key Vault's backup or restore endpoint hides its inputs and outputs (secureData).",
  enforcementLevel: "mandatory",
  validateResource: ({ type, props }, report) => {
    if (type !== "azure-native:logic:Workflow") return;
    for (const [name, action] of keyVaultBackupCalls((props.definition as { actions?: Record<string, ActionJson> } | undefined)?.actions)) {
      const secured = action.runtimeConfiguration?.secureData?.properties ?? [];
      if (!secured.includes("inputs") || !secured.includes("outputs")) report(`action '${name}' calls a Key Vault backup or restore endpoint without secureData on inputs and outputs`);
    }
  },
};

const leastPrivilege: Rule = {
  name: "vault-access-least-privilege",
  description: "Access policies grant one workflow profile and nothing beyond it: list + backup, or restore + list.",
  enforcementLevel: "mandatory",
  validateResource: ({ type, props }, report) => {
    if (type !== "azure-native:keyvault:AccessPolicy") return;
    const permissions = ((props.policy as { permissions?: Record<string, string[]> } | undefined)?.permissions ?? {}) as Record<string, string[]>;
    const profiles = Object.values(PROFILE_PERMISSIONS).map((p) => [...p].sort().join(","));
    const granted = Object.entries(permissions).filter(([, perms]) => perms.length > 0);
    for (const [kind, perms] of granted) {
      if (!["secrets", "keys", "certificates"].includes(kind)) report(`grants ${kind} permissions (${perms.join(", ")}); the workflows need none`);
    }
    const sets = new Set(granted.filter(([kind]) => kind !== "storage").map(([, perms]) => [...perms].map((p) => p.toLowerCase()).sort().join(",")));
    if (sets.size > 1 || [...sets].some((s) => !profiles.includes(s))) {
      report(`grants ${JSON.stringify(permissions)}; a workflow profile is exactly [list, backup] or [restore, list] for each kind`);
    }
  },
};

export const RULES: readonly Rule[] = [storageSecure, vaultProtection, workflowIdentity, secureBackupMaterial, leastPrivilege];
