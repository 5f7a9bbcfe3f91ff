import * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization";
import * as resources from "@pulumi/azure-native/resources";
import * as random from "@pulumi/random";
import * as operationalinsights from "@pulumi/azure-native/operationalinsights";
import { buildBackupWorkflow } from "../workflows/backup";
import { ObjectKind } from "../workflows/kinds";
import { WorkflowParameterValues } from "../workflows/parameters";
import { buildRestoreWorkflow, ConflictPolicy } from "../workflows/restore";
import { BackupSchedule } from "../workflows/schedule";
import { BackupStorage } from "./backupStorage";
import { BlobConnection } from "./blobConnection";
import { ExistingKeyVault } from "./existingKeyVault";
import { IntegrationAccount } from "./integrationAccount";
import { KeyVault } from "./keyVault";
import { LogWorkspace } from "./logWorkspace";
import { LogicApp } from "./logicApp";
import { missedRunWindow } from "./missedRunWindow";
import { SUFFIX_LENGTH, keyVaultName, storageAccountName } from "./naming";
import { VaultAccess } from "./vaultAccess";
import { WorkflowAlerts } from "./workflowAlerts";
import { WorkflowDiagnostics } from "./workflowDiagnostics";

/** What the service needs of a vault, created by the stack or existing: where it is and its URI. */
interface VaultReference {
  vaultName: pulumi.Input<string>;
  vaultUri: pulumi.Output<string>;
  resourceGroupName: pulumi.Input<string>;
}

export interface KeyVaultBackupRestoreArgs {
  location: string;
  /** Lowercase letters and digits; checked by config.ts and again by naming.ts. */
  namePrefix: string;
  kinds: readonly ObjectKind[];
  concurrency: number;
  keyVaultApiVersion: string;
  conflictPolicy: ConflictPolicy;
  softDeleteRetentionDays: number;
  purgeProtection: boolean;
  storageSku: string;
  containerName: string;
  integrationAccountSku: string;
  /** 0 keeps backup documents forever. */
  backupRetentionDays: number;
  /** A Recurrence trigger on the backup workflow, or null for HTTP only. */
  backupSchedule: BackupSchedule | null;
  /** Existing vaults to use instead of creating them: empty names mean create. */
  sourceVaultName: string;
  sourceVaultResourceGroup: string;
  targetVaultName: string;
  targetVaultResourceGroup: string;
  /** E-mail receivers of the failed-run (and, with a schedule, missed-run) alerts; empty: no alerts. */
  alertEmails: readonly string[];
  /** `create`, `none` (restore picks the backup with expressions) or an existing account's resource id. */
  integrationAccount: string;
  /** Days backup documents are write-protected (container WORM); 0: off. */
  immutableDays: number;
  /** Diagnostic settings to this Log Analytics workspace, or to one the stack creates (`create`); empty: none. */
  logAnalyticsWorkspaceId: string;
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

  constructor(name: string, args: KeyVaultBackupRestoreArgs, opts?: pulumi.ComponentResourceOptions) {
    super("kvbr:index:KeyVaultBackupRestore", name, {}, opts);
    const parent = { parent: this };
    const { location, namePrefix: prefix } = args;

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
        sku: args.storageSku,
        containerName: args.containerName,
        retentionDays: args.backupRetentionDays,
        immutableDays: args.immutableDays,
      },
      parent,
    );
    const connection = new BlobConnection(
      `${name}-blob`,
      { resourceGroupName, location, subscriptionId: client.subscriptionId, storageAccountName: storage.accountName, accessKey: storage.primaryAccessKey },
      parent,
    );
    // Inline JavaScript needs a linked integration account; without one, restore picks with expressions.
    const integrationAccountId =
      args.integrationAccount === "none"
        ? undefined
        : args.integrationAccount === "create"
          ? new IntegrationAccount(`${name}-integration`, { resourceGroupName, location, sku: args.integrationAccountSku }, parent).id
          : pulumi.output(args.integrationAccount);

    const vault = (role: "src" | "dst"): VaultReference => {
      const [existingName, existingGroup] = role === "src" ? [args.sourceVaultName, args.sourceVaultResourceGroup] : [args.targetVaultName, args.targetVaultResourceGroup];
      if (existingName !== "") {
        const existing = new ExistingKeyVault(`${name}-${role}`, { resourceGroupName: existingGroup, vaultName: existingName }, parent);
        return { vaultName: existing.vaultName, vaultUri: existing.vaultUri, resourceGroupName: existing.resourceGroupName };
      }
      const created = new KeyVault(
        `${name}-${role}`,
        {
          resourceGroupName,
          location,
          vaultName: suffix.result.apply((s) => keyVaultName(prefix, role, s)),
          tenantId: client.tenantId,
          softDeleteRetentionInDays: args.softDeleteRetentionDays,
          enablePurgeProtection: args.purgeProtection,
        },
        parent,
      );
      return { vaultName: created.vaultName, vaultUri: created.vaultUri, resourceGroupName };
    };
    const source = vault("src");
    const target = vault("dst");

    const parametersFor = (v: VaultReference): pulumi.Output<WorkflowParameterValues> =>
      pulumi.output({
        vaultBaseUrl: v.vaultUri,
        keyVaultApiVersion: args.keyVaultApiVersion,
        storageAccountName: storage.accountName,
        containerName: storage.containerName,
        $connections: { azureblob: connection.reference },
      });
    const backup = new LogicApp(
      `${name}-backup`,
      {
        resourceGroupName,
        location,
        workflowName: suffix.result.apply((s) => `${prefix}-backup-${s}`),
        definition: buildBackupWorkflow({ kinds: args.kinds, concurrency: args.concurrency, schedule: args.backupSchedule ?? undefined }),
        parameters: parametersFor(source),
      },
      parent,
    );
    const restore = new LogicApp(
      `${name}-restore`,
      {
        resourceGroupName,
        location,
        workflowName: suffix.result.apply((s) => `${prefix}-restore-${s}`),
        definition: buildRestoreWorkflow({
          kinds: args.kinds,
          concurrency: args.concurrency,
          conflictPolicy: args.conflictPolicy,
          pickWith: integrationAccountId === undefined ? "expressions" : "javascript",
        }),
        parameters: parametersFor(target),
        integrationAccountId,
      },
      parent,
    );

    const workspace = logWorkspaceOf(name, args.logAnalyticsWorkspaceId, { resourceGroupName, location }, parent);
    if (workspace) {
      new WorkflowDiagnostics(`${name}-diagnostics`, { workflows: { backup: backup.workflowId, restore: restore.workflowId }, workspaceId: workspace.id }, parent);
    }
    if (args.alertEmails.length > 0) {
      // config.ts refuses a schedule with alerts but no workspace; a component used directly is told here.
      if (args.backupSchedule && !workspace) throw new Error(`KeyVaultBackupRestore ${name}: alertEmails with a backupSchedule need logAnalyticsWorkspaceId, where a missed run is seen`);
      const missedRun = args.backupSchedule && workspace ? { workflowId: backup.workflowId, workspaceId: workspace.id, location: workspace.location, window: missedRunWindow(args.backupSchedule) } : undefined;
      new WorkflowAlerts(
        `${name}-alerts`,
        { resourceGroupName, workflows: { backup: backup.workflowId, restore: restore.workflowId }, emails: args.alertEmails, shortName: `${prefix}-kvbr`.slice(0, 12), missedRun },
        parent,
      );
    }

    new VaultAccess(
      `${name}-backup-access`,
      { resourceGroupName: source.resourceGroupName, vaultName: source.vaultName, tenantId: client.tenantId, principalId: backup.principalId, profile: "backup", kinds: args.kinds },
      parent,
    );
    new VaultAccess(
      `${name}-restore-access`,
      { resourceGroupName: target.resourceGroupName, vaultName: target.vaultName, tenantId: client.tenantId, principalId: restore.principalId, profile: "restore", kinds: args.kinds },
      parent,
    );

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

/** The workspace the run logs go to: created (`create`), an existing one by id (read for its region), or none. */
function logWorkspaceOf(
  name: string,
  setting: string,
  where: { resourceGroupName: pulumi.Input<string>; location: string },
  opts: pulumi.ComponentResourceOptions,
): { id: pulumi.Output<string>; location: pulumi.Output<string> } | undefined {
  if (setting === "") return undefined;
  if (setting === "create") return new LogWorkspace(`${name}-logs`, where, opts);
  // /subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.OperationalInsights/workspaces/<name>, as config.ts checked.
  const parts = setting.split("/");
  const [group, workspaceName] = [parts[4], parts[8]];
  const existing = operationalinsights.getWorkspaceOutput({ resourceGroupName: group, workspaceName }, opts);
  return { id: pulumi.output(setting), location: existing.location };
}
