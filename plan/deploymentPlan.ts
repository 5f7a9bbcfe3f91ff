import { StackConfig } from "../config";
import { WorkflowDefinition } from "../workflows/definition";
import { buildBackupWorkflow } from "../workflows/backup";
import { ObjectKind } from "../workflows/kinds";
import { buildRestoreWorkflow } from "../workflows/restore";
import { MissedRunWindow, missedRunWindow } from "./missedRunWindow";
import { AccessProfile } from "./vaultPermissions";

/** A vault the stack creates (with these settings) or one that exists and is only read. */
export type VaultPlan =
  | { kind: "create"; softDeleteRetentionDays: number; purgeProtection: boolean }
  | { kind: "existing"; vaultName: string; resourceGroupName: string };

export type IntegrationAccountPlan = { kind: "none" } | { kind: "create"; sku: string } | { kind: "existing"; id: string };

export type LogWorkspacePlan = { kind: "none" } | { kind: "create" } | { kind: "existing"; id: string; resourceGroupName: string; workspaceName: string };

/** One workflow: its definition as deployed, the vault it works on, and what it may do there. */
export interface WorkflowPlan {
  definition: WorkflowDefinition;
  vault: "source" | "target";
  access: { profile: AccessProfile; kinds: readonly ObjectKind[] };
}

export interface AlertsPlan {
  emails: readonly string[];
  /** Action group short name, at most 12 characters (Azure's limit). */
  shortName: string;
  /** With a backup schedule: how long without a successful backup is a missed run. */
  missedRun?: MissedRunWindow;
}

/**
 * Everything a stack deploys, decided from a validated config and nothing else: the two definitions with
 * their options, and the options of every resource. Components turn it into resources; the local side reads
 * what those registered. Pure: no Pulumi import.
 */
export interface DeploymentPlan {
  location: string;
  namePrefix: string;
  storage: { sku: string; containerName: string; retentionDays: number; immutableDays: number };
  integrationAccount: IntegrationAccountPlan;
  vaults: { source: VaultPlan; target: VaultPlan };
  keyVaultApiVersion: string;
  backup: WorkflowPlan;
  restore: WorkflowPlan;
  logWorkspace: LogWorkspacePlan;
  /** Undefined: no alerts. */
  alerts?: AlertsPlan;
}

function vaultPlan(config: StackConfig, name: string, resourceGroupName: string): VaultPlan {
  return name === ""
    ? { kind: "create", softDeleteRetentionDays: config.softDeleteRetentionDays, purgeProtection: config.purgeProtection }
    : { kind: "existing", vaultName: name, resourceGroupName };
}

function integrationAccountPlan(config: StackConfig): IntegrationAccountPlan {
  if (config.integrationAccount === "none") return { kind: "none" };
  if (config.integrationAccount === "create") return { kind: "create", sku: config.integrationAccountSku };
  return { kind: "existing", id: config.integrationAccount };
}

function logWorkspacePlan(setting: string): LogWorkspacePlan {
  if (setting === "") return { kind: "none" };
  if (setting === "create") return { kind: "create" };
  // /subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.OperationalInsights/workspaces/<name>, as config.ts checked.
  const parts = setting.split("/");
  return { kind: "existing", id: setting, resourceGroupName: parts[4], workspaceName: parts[8] };
}

export function deploymentPlan(config: StackConfig): DeploymentPlan {
  const integrationAccount = integrationAccountPlan(config);
  const logWorkspace = logWorkspacePlan(config.logAnalyticsWorkspaceId);
  const schedule = config.backupSchedule ?? undefined;
  // config.ts refuses this combination with the key named; a plan made from a hand-built config is told here.
  if (config.alertEmails.length > 0 && schedule && logWorkspace.kind === "none") {
    throw new Error("deploymentPlan: alertEmails with a backupSchedule need logAnalyticsWorkspaceId, where a missed run is seen");
  }
  const { kinds, concurrency } = config;
  return {
    location: config.location,
    namePrefix: config.namePrefix,
    storage: { sku: config.storageSku, containerName: config.containerName, retentionDays: config.backupRetentionDays, immutableDays: config.immutableDays },
    integrationAccount,
    vaults: {
      source: vaultPlan(config, config.sourceVaultName, config.sourceVaultResourceGroup),
      target: vaultPlan(config, config.targetVaultName, config.targetVaultResourceGroup),
    },
    keyVaultApiVersion: config.keyVaultApiVersion,
    backup: { definition: buildBackupWorkflow({ kinds, concurrency, schedule, partObjects: config.backupPartObjects }), vault: "source", access: { profile: "backup", kinds } },
    restore: {
      // Inline JavaScript needs a linked integration account; without one, restore picks with expressions.
      definition: buildRestoreWorkflow({ kinds, concurrency, conflictPolicy: config.conflictPolicy, pickWith: integrationAccount.kind === "none" ? "expressions" : "javascript" }),
      vault: "target",
      access: { profile: "restore", kinds },
    },
    logWorkspace,
    alerts:
      config.alertEmails.length === 0
        ? undefined
        : { emails: config.alertEmails, shortName: `${config.namePrefix}-kvbr`.slice(0, 12), missedRun: schedule ? missedRunWindow(schedule) : undefined },
  };
}
