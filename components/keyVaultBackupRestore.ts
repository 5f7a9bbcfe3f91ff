import * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization";
import * as resources from "@pulumi/azure-native/resources";
import * as random from "@pulumi/random";
import * as operationalinsights from "@pulumi/azure-native/operationalinsights";
import { DeploymentPlan, LogWorkspacePlan, VaultPlan, WorkflowPlan } from "../plan/deploymentPlan";
import { BackupStorage } from "./backupStorage";
import { BlobConnection } from "./blobConnection";
import { ExistingKeyVault } from "./existingKeyVault";
import { IntegrationAccount } from "./integrationAccount";
import { KeyVault } from "./keyVault";
import { LogWorkspace } from "./logWorkspace";
import { LogicApp } from "./logicApp";
import { SUFFIX_LENGTH, VaultRole, keyVaultName, storageAccountName } from "./naming";
import { VaultAccess } from "./vaultAccess";
import { WorkflowAlerts } from "./workflowAlerts";
import { WorkflowDiagnostics } from "./workflowDiagnostics";

/** What the service needs of a vault, created by the stack or existing: where it is and its URI. */
interface VaultReference {
  vaultName: pulumi.Input<string>;
  vaultUri: pulumi.Output<string>;
  resourceGroupName: pulumi.Input<string>;
}

/**
 * The whole service in one resource group: backup storage and its API connection, an integration
 * account, a source and a target vault, and the backup and restore Logic Apps with least-privilege access.
 */
export class KeyVaultBackupRestore extends pulumi.ComponentResource {
  readonly resourceGroupName: pulumi.Output<string>;
  readonly sourceVaultUri: pulumi.Output<string>;
  readonly targetVaultUri: pulumi.Output<string>;
  readonly storageAccountName: pulumi.Output<string>;
  readonly containerName: pulumi.Output<string>;
  readonly backupWorkflowName: pulumi.Output<string>;
  readonly restoreWorkflowName: pulumi.Output<string>;
  readonly backupTriggerUrl: pulumi.Output<string>;
  readonly restoreTriggerUrl: pulumi.Output<string>;

  constructor(name: string, plan: DeploymentPlan, opts?: pulumi.ComponentResourceOptions) {
    super("kvbr:index:KeyVaultBackupRestore", name, {}, opts);
    const parent = { parent: this };
    const { location, namePrefix: prefix } = plan;

    const group = new resources.ResourceGroup(`${name}-rg`, { location }, parent);
    const suffix = new random.RandomString(`${name}-suffix`, { length: SUFFIX_LENGTH, upper: false, special: false, numeric: true }, parent);
    const client = authorization.getClientConfigOutput(parent);
    const resourceGroupName = group.name;

    const storage = new BackupStorage(
      `${name}-storage`,
      {
        resourceGroupName,
        location,
        accountName: suffix.result.apply((s) => storageAccountName(prefix, s)),
        sku: plan.storage.sku,
        containerName: plan.storage.containerName,
        retentionDays: plan.storage.retentionDays,
        immutableDays: plan.storage.immutableDays,
      },
      parent,
    );
    const connection = new BlobConnection(
      `${name}-blob`,
      { resourceGroupName, location, subscriptionId: client.subscriptionId, storageAccountName: storage.accountName, accessKey: storage.primaryAccessKey },
      parent,
    );
    const account = plan.integrationAccount;
    const integrationAccountId =
      account.kind === "none"
        ? undefined
        : account.kind === "create"
          ? new IntegrationAccount(`${name}-integration`, { resourceGroupName, location, sku: account.sku }, parent).id
          : pulumi.output(account.id);

    const vault = (role: VaultRole, vaultPlan: VaultPlan): VaultReference => {
      if (vaultPlan.kind === "existing") {
        const existing = new ExistingKeyVault(`${name}-${role}`, { resourceGroupName: vaultPlan.resourceGroupName, vaultName: vaultPlan.vaultName }, parent);
        return { vaultName: existing.vaultName, vaultUri: existing.vaultUri, resourceGroupName: existing.resourceGroupName };
      }
      const created = new KeyVault(
        `${name}-${role}`,
        {
          resourceGroupName,
          location,
          vaultName: suffix.result.apply((s) => keyVaultName(prefix, role, s)),
          tenantId: client.tenantId,
          softDeleteRetentionInDays: vaultPlan.softDeleteRetentionDays,
          enablePurgeProtection: vaultPlan.purgeProtection,
        },
        parent,
      );
      return { vaultName: created.vaultName, vaultUri: created.vaultUri, resourceGroupName };
    };
    const vaults = { source: vault("src", plan.vaults.source), target: vault("dst", plan.vaults.target) };

    const workflow = (role: "backup" | "restore", workflowPlan: WorkflowPlan): LogicApp => {
      const v = vaults[workflowPlan.vault];
      const app = new LogicApp(
        `${name}-${role}`,
        {
          resourceGroupName,
          location,
          workflowName: suffix.result.apply((s) => `${prefix}-${role}-${s}`),
          definition: workflowPlan.definition,
          parameters: pulumi.output({
            vaultBaseUrl: v.vaultUri,
            keyVaultApiVersion: plan.keyVaultApiVersion,
            storageAccountName: storage.accountName,
            containerName: storage.containerName,
            $connections: { azureblob: connection.reference },
          }),
          // Only restore runs inline JavaScript, and only when the plan links an account.
          integrationAccountId: role === "restore" ? integrationAccountId : undefined,
        },
        parent,
      );
      new VaultAccess(
        `${name}-${role}-access`,
        { resourceGroupName: v.resourceGroupName, vaultName: v.vaultName, tenantId: client.tenantId, principalId: app.principalId, ...workflowPlan.access },
        parent,
      );
      return app;
    };
    const backup = workflow("backup", plan.backup);
    const restore = workflow("restore", plan.restore);
    const source = vaults.source;
    const target = vaults.target;

    const workspace = logWorkspaceOf(name, plan.logWorkspace, { resourceGroupName, location }, parent);
    if (workspace) {
      new WorkflowDiagnostics(`${name}-diagnostics`, { workflows: { backup: backup.workflowId, restore: restore.workflowId }, workspaceId: workspace.id }, parent);
    }
    if (plan.alerts) {
      const { emails, shortName, missedRun: window } = plan.alerts;
      const missedRun = window && workspace ? { workflowId: backup.workflowId, workspaceId: workspace.id, location: workspace.location, window } : undefined;
      new WorkflowAlerts(`${name}-alerts`, { resourceGroupName, workflows: { backup: backup.workflowId, restore: restore.workflowId }, emails, shortName, missedRun }, parent);
    }

    this.resourceGroupName = resourceGroupName;
    this.sourceVaultUri = source.vaultUri;
    this.targetVaultUri = target.vaultUri;
    this.storageAccountName = storage.accountName;
    this.containerName = storage.containerName;
    this.backupWorkflowName = backup.workflowName;
    this.restoreWorkflowName = restore.workflowName;
    this.backupTriggerUrl = backup.callbackUrl;
    this.restoreTriggerUrl = restore.callbackUrl;
    this.registerOutputs({
      resourceGroupName: this.resourceGroupName,
      sourceVaultUri: this.sourceVaultUri,
      targetVaultUri: this.targetVaultUri,
      storageAccountName: this.storageAccountName,
      containerName: this.containerName,
      backupWorkflowName: this.backupWorkflowName,
      restoreWorkflowName: this.restoreWorkflowName,
      backupTriggerUrl: this.backupTriggerUrl,
      restoreTriggerUrl: this.restoreTriggerUrl,
    });
  }
}

/** The workspace the run logs go to: created, an existing one (read for its region), or none. */
function logWorkspaceOf(
  name: string,
  workspace: LogWorkspacePlan,
  where: { resourceGroupName: pulumi.Input<string>; location: string },
  opts: pulumi.ComponentResourceOptions,
): { id: pulumi.Output<string>; location: pulumi.Output<string> } | undefined {
  if (workspace.kind === "none") return undefined;
  if (workspace.kind === "create") return new LogWorkspace(`${name}-logs`, where, opts);
  const existing = operationalinsights.getWorkspaceOutput({ resourceGroupName: workspace.resourceGroupName, workspaceName: workspace.workspaceName }, opts);
  return { id: pulumi.output(workspace.id), location: existing.location };
}
