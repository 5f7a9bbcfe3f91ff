import { mocks, settled } from "../mocks";
import { expect } from "chai";
import { KeyVaultBackupRestore } from "../../components/keyVaultBackupRestore";
import { DEFAULTS } from "../../config";
import { deploymentPlan } from "../../plan/deploymentPlan";
import { promiseOf } from "../mocks";

describe("KeyVaultBackupRestore with an existing source vault", () => {
  it("creates no source vault, reads the existing one's URI and adds only the backup access policy to it", async () => {
    const service = new KeyVaultBackupRestore("kvbre", deploymentPlan({ ...DEFAULTS, sourceVaultName: "prod-secrets", sourceVaultResourceGroup: "rg-prod" }));
    await settled(service.sourceVaultUri, service.targetVaultUri, service.backupWorkflowName, service.restoreWorkflowName);
    await new Promise((resolve) => setTimeout(resolve, 50));

    const vaults = mocks.resources.filter((r) => r.type === "azure-native:keyvault:Vault" && r.name.startsWith("kvbre-"));
    expect(vaults.map((v) => v.name)).to.deep.equal(["kvbre-dst-vault"]);
    expect(mocks.resources.find((r) => r.name === "kvbre-src")?.type).to.equal("kvbr:keyvault:ExistingKeyVault");
    expect(await promiseOf(service.sourceVaultUri)).to.equal("https://prod-secrets.vault.azure.net/");

    const policy = mocks.resources.find((r) => r.name === "kvbre-backup-access-policy");
    expect(policy?.inputs).to.deep.include({ resourceGroupName: "rg-prod", vaultName: "prod-secrets" });
    const workflow = mocks.resources.find((r) => r.name === "kvbre-backup-workflow");
    expect((workflow?.inputs.parameters as Record<string, { value: unknown }>).vaultBaseUrl.value).to.equal("https://prod-secrets.vault.azure.net/");
    // Nothing else in the stack touches the existing vault.
    const touching = mocks.resources.filter((r) => JSON.stringify(r.inputs).includes("prod-secrets")).map((r) => r.type);
    expect(touching.sort()).to.deep.equal(["azure-native:keyvault:AccessPolicy", "azure-native:logic:Workflow"]);
  });

  it("restoring into the source vault: one vault, the backup's and the restore's access policies both on it, no vault created", async () => {
    const vaultArgs = { sourceVaultName: "prod-secrets", sourceVaultResourceGroup: "rg-prod", targetVaultName: "prod-secrets", targetVaultResourceGroup: "rg-prod" };
    const service = new KeyVaultBackupRestore("kvbrs", deploymentPlan({ ...DEFAULTS, ...vaultArgs }));
    await settled(service.sourceVaultUri, service.targetVaultUri, service.backupWorkflowName, service.restoreWorkflowName);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(mocks.resources.filter((r) => r.type === "azure-native:keyvault:Vault" && r.name.startsWith("kvbrs-"))).to.deep.equal([]);
    expect(await promiseOf(service.targetVaultUri)).to.equal(await promiseOf(service.sourceVaultUri));
    const policies = mocks.resources.filter((r) => r.type === "azure-native:keyvault:AccessPolicy" && r.name.startsWith("kvbrs-"));
    expect(policies.map((p) => p.name).sort()).to.deep.equal(["kvbrs-backup-access-policy", "kvbrs-restore-access-policy"]);
    for (const p of policies) expect(p.inputs).to.deep.include({ resourceGroupName: "rg-prod", vaultName: "prod-secrets" });
    const secretsOf = (name: string) => (policies.find((p) => p.name === name)!.inputs.policy as { permissions: { secrets: string[] } }).permissions.secrets;
    expect(secretsOf("kvbrs-backup-access-policy")).to.have.members(["list", "backup"]);
    expect(secretsOf("kvbrs-restore-access-policy")).to.have.members(["list", "restore"]);
  });

  it("alerts the configured addresses on failed runs of both workflows, and creates no alerts by default", async () => {
    const service = new KeyVaultBackupRestore("kvbra", deploymentPlan({ ...DEFAULTS, alertEmails: ["ops@example.com"] }));
    await settled(service.backupWorkflowName, service.restoreWorkflowName);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const rules = mocks.resources.filter((r) => r.type === "azure-native:monitor:MetricAlert" && r.name.startsWith("kvbra-"));
    expect(rules.map((r) => r.name).sort()).to.deep.equal(["kvbra-alerts-backup-runs-failed", "kvbra-alerts-restore-runs-failed"]);
    expect(String((rules.find((r) => r.name.includes("backup"))!.inputs.scopes as string[])[0])).to.match(/\/providers\/Microsoft.Logic\/workflows\/kvbr-backup-[a-z0-9]{6}$/);
    expect(mocks.resources.filter((r) => r.name.startsWith("kvbre-") && r.type.startsWith("azure-native:monitor"))).to.deep.equal([]);
  });

  it("without an integration account, creates none, links none, and restores with the expression picker", async () => {
    const service = new KeyVaultBackupRestore("kvbrn", deploymentPlan({ ...DEFAULTS, integrationAccount: "none" }));
    await settled(service.restoreWorkflowName);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(mocks.resources.filter((r) => r.name.startsWith("kvbrn-") && r.type === "azure-native:logic:IntegrationAccount")).to.deep.equal([]);
    const restore = mocks.resources.find((r) => r.name === "kvbrn-restore-workflow")!;
    expect(restore.inputs.integrationAccount).to.equal(undefined);
    const actions = JSON.stringify(restore.inputs.definition);
    expect(actions).to.not.contain("JavaScriptCode");
    expect(actions).to.contain("Check_backup_found");
  });

  it("links an existing integration account by id and keeps the JavaScript picker", async () => {
    const id = "/subscriptions/s/resourceGroups/rg-shared/providers/Microsoft.Logic/integrationAccounts/shared-ia";
    const service = new KeyVaultBackupRestore("kvbri", deploymentPlan({ ...DEFAULTS, integrationAccount: id }));
    await settled(service.restoreWorkflowName);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(mocks.resources.filter((r) => r.name.startsWith("kvbri-") && r.type === "azure-native:logic:IntegrationAccount")).to.deep.equal([]);
    const restore = mocks.resources.find((r) => r.name === "kvbri-restore-workflow")!;
    expect(restore.inputs.integrationAccount).to.deep.equal({ id });
    expect(JSON.stringify(restore.inputs.definition)).to.contain("JavaScriptCode");
  });

  it("sends both workflows' logs and metrics to the Log Analytics workspace when one is given", async () => {
    const workspaceId = "/subscriptions/s/resourceGroups/rg-ops/providers/Microsoft.OperationalInsights/workspaces/ops";
    const service = new KeyVaultBackupRestore("kvbrd", deploymentPlan({ ...DEFAULTS, logAnalyticsWorkspaceId: workspaceId }));
    await settled(service.backupWorkflowName, service.restoreWorkflowName);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const settings = mocks.resources.filter((r) => r.type === "azure-native:monitor:DiagnosticSetting" && r.name.startsWith("kvbrd-"));
    expect(settings.map((r) => r.name).sort()).to.deep.equal(["kvbrd-diagnostics-backup", "kvbrd-diagnostics-restore"]);
    expect(settings[0].inputs).to.deep.include({ workspaceId, logs: [{ category: "WorkflowRuntime", enabled: true }], metrics: [{ category: "AllMetrics", enabled: true }] });
    expect(settings[0].inputs, "the missed-run query reads AzureDiagnostics").not.to.have.property("logAnalyticsDestinationType");
    expect(String(settings.find((r) => r.name.endsWith("backup"))!.inputs.resourceUri)).to.match(/\/workflows\/kvbr-backup-[a-z0-9]{6}$/);
    expect(mocks.resources.filter((r) => r.type === "azure-native:monitor:DiagnosticSetting" && r.name.startsWith("kvbre-"))).to.deep.equal([]);
  });

  it("with alerts and a schedule, watches for a missed backup in run logs of a workspace it creates", async () => {
    const service = new KeyVaultBackupRestore("kvbrm", deploymentPlan({ ...DEFAULTS, alertEmails: ["ops@example.com"], backupSchedule: { frequency: "Day", interval: 1, hours: [2], minutes: [0] }, logAnalyticsWorkspaceId: "create" }));
    await settled(service.backupWorkflowName, service.restoreWorkflowName);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const of = (type: string) => mocks.resources.filter((r) => r.type === type && r.name.startsWith("kvbrm-"));
    const [workspace] = of("azure-native:operationalinsights:Workspace");
    expect(workspace.inputs).to.deep.include({ sku: { name: "PerGB2018" }, retentionInDays: 30, location: "westeurope" });
    const [rule] = of("azure-native:monitor:ScheduledQueryRule");
    expect(String((rule.inputs.scopes as string[])[0])).to.match(/\/workspaces\/kvbrm-logs-workspace$/);
    expect(rule.inputs.windowSize).to.equal("P2D");
    const query = String((rule.inputs.criteria as { allOf: Array<{ query: string }> }).allOf[0].query);
    expect(query).to.match(/_ResourceId =~ ".*\/workflows\/kvbr-backup-[a-z0-9]{6}"/);
    // The diagnostics go where the rule looks.
    const settings = of("azure-native:monitor:DiagnosticSetting");
    expect(settings.map((r) => r.inputs.workspaceId)).to.deep.equal([(rule.inputs.scopes as string[])[0], (rule.inputs.scopes as string[])[0]]);
  });

  it("reads an existing workspace's region for the rule, and refuses alerts on a schedule with nowhere to look", async () => {
    const workspaceId = "/subscriptions/s/resourceGroups/rg-ops/providers/Microsoft.OperationalInsights/workspaces/ops";
    const service = new KeyVaultBackupRestore("kvbrw", deploymentPlan({ ...DEFAULTS, alertEmails: ["ops@example.com"], backupSchedule: { frequency: "Hour", interval: 6 }, logAnalyticsWorkspaceId: workspaceId }));
    await settled(service.backupWorkflowName);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const rule = mocks.resources.find((r) => r.type === "azure-native:monitor:ScheduledQueryRule" && r.name.startsWith("kvbrw-"))!;
    expect(rule.inputs).to.deep.include({ scopes: [workspaceId], location: "westeurope", windowSize: "P1D" });
    expect(mocks.resources.filter((r) => r.type === "azure-native:operationalinsights:Workspace" && r.name.startsWith("kvbrw-"))).to.deep.equal([]);
    expect(mocks.unmockedCalls).to.deep.equal([]);
    expect(() => deploymentPlan({ ...DEFAULTS, alertEmails: ["ops@example.com"], backupSchedule: { frequency: "Hour", interval: 6 } })).to.throw(
      "deploymentPlan: alertEmails with a backupSchedule need logAnalyticsWorkspaceId, where a missed run is seen",
    );
  });
});
