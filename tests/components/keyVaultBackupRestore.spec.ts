import { mocks, settled } from "../mocks";
import { expect } from "chai";
import { KeyVaultBackupRestore } from "../../components/keyVaultBackupRestore";
import { DEFAULTS } from "../../config";
import { promiseOf } from "../mocks";

describe("KeyVaultBackupRestore with an existing source vault", () => {
  it("creates no source vault, reads the existing one's URI and adds only the backup access policy to it", async () => {
    const service = new KeyVaultBackupRestore("kvbre", { ...DEFAULTS, sourceVaultName: "prod-secrets", sourceVaultResourceGroup: "rg-prod" });
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

  it("alerts the configured addresses on failed runs of both workflows, and creates no alerts by default", async () => {
    const service = new KeyVaultBackupRestore("kvbra", { ...DEFAULTS, alertEmails: ["ops@example.com"] });
    await settled(service.backupWorkflowName, service.restoreWorkflowName);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const rules = mocks.resources.filter((r) => r.type === "azure-native:monitor:MetricAlert" && r.name.startsWith("kvbra-"));
    expect(rules.map((r) => r.name).sort()).to.deep.equal(["kvbra-alerts-backup-runs-failed", "kvbra-alerts-restore-runs-failed"]);
    expect(String((rules.find((r) => r.name.includes("backup"))!.inputs.scopes as string[])[0])).to.match(/\/providers\/Microsoft.Logic\/workflows\/kvbr-backup-[a-z0-9]{6}$/);
    expect(mocks.resources.filter((r) => r.name.startsWith("kvbre-") && r.type.startsWith("azure-native:monitor"))).to.deep.equal([]);
  });

  it("without an integration account, creates none, links none, and restores with the expression picker", async () => {
    const service = new KeyVaultBackupRestore("kvbrn", { ...DEFAULTS, integrationAccount: "none" });
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
    const service = new KeyVaultBackupRestore("kvbri", { ...DEFAULTS, integrationAccount: id });
    await settled(service.restoreWorkflowName);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(mocks.resources.filter((r) => r.name.startsWith("kvbri-") && r.type === "azure-native:logic:IntegrationAccount")).to.deep.equal([]);
    const restore = mocks.resources.find((r) => r.name === "kvbri-restore-workflow")!;
    expect(restore.inputs.integrationAccount).to.deep.equal({ id });
    expect(JSON.stringify(restore.inputs.definition)).to.contain("JavaScriptCode");
  });

  it("sends both workflows' logs and metrics to the Log Analytics workspace when one is given", async () => {
    const workspaceId = "/subscriptions/s/resourceGroups/rg-ops/providers/Microsoft.OperationalInsights/workspaces/ops";
    const service = new KeyVaultBackupRestore("kvbrd", { ...DEFAULTS, logAnalyticsWorkspaceId: workspaceId });
    await settled(service.backupWorkflowName, service.restoreWorkflowName);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const settings = mocks.resources.filter((r) => r.type === "azure-native:monitor:DiagnosticSetting" && r.name.startsWith("kvbrd-"));
    expect(settings.map((r) => r.name).sort()).to.deep.equal(["kvbrd-diagnostics-backup", "kvbrd-diagnostics-restore"]);
    expect(settings[0].inputs).to.deep.include({ workspaceId, logs: [{ category: "WorkflowRuntime", enabled: true }], metrics: [{ category: "AllMetrics", enabled: true }] });
    expect(String(settings.find((r) => r.name.endsWith("backup"))!.inputs.resourceUri)).to.match(/\/workflows\/kvbr-backup-[a-z0-9]{6}$/);
    expect(mocks.resources.filter((r) => r.type === "azure-native:monitor:DiagnosticSetting" && r.name.startsWith("kvbre-"))).to.deep.equal([]);
  });
});
