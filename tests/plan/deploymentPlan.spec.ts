import { expect } from "chai";
import { DEFAULTS } from "../../config";
import { deploymentPlan } from "../../plan/deploymentPlan";
import { projectDefinition } from "../../local/projectWorkflows";
import { stackConfig } from "../../local/stackPlan";
import { buildRestoreWorkflow } from "../../workflows/restore";
import { synthStack } from "../stackSynth";

const plain = (v: unknown): unknown => JSON.parse(JSON.stringify(v));

describe("deploymentPlan: a validated config becomes everything a stack deploys", () => {
  it("creates both vaults by default, with the config's soft delete and purge protection", () => {
    const plan = deploymentPlan({ ...DEFAULTS, softDeleteRetentionDays: 7, purgeProtection: true });
    expect(plan.vaults).to.deep.equal({
      source: { kind: "create", softDeleteRetentionDays: 7, purgeProtection: true },
      target: { kind: "create", softDeleteRetentionDays: 7, purgeProtection: true },
    });
    expect(plan.backup.access).to.deep.equal({ profile: "backup", kinds: DEFAULTS.kinds });
    expect(plan.restore.access).to.deep.equal({ profile: "restore", kinds: DEFAULTS.kinds });
    expect([plan.backup.vault, plan.restore.vault]).to.deep.equal(["source", "target"]);
  });

  it("reads an existing vault instead of creating one", () => {
    const plan = deploymentPlan({ ...DEFAULTS, sourceVaultName: "prod-kv", sourceVaultResourceGroup: "rg-prod" });
    expect(plan.vaults.source).to.deep.equal({ kind: "existing", vaultName: "prod-kv", resourceGroupName: "rg-prod" });
    expect(plan.vaults.target.kind).to.equal("create");
  });

  it("restores with the expression picker exactly when no integration account is linked", () => {
    const none = deploymentPlan({ ...DEFAULTS, integrationAccount: "none" });
    expect(none.integrationAccount).to.deep.equal({ kind: "none" });
    expect(none.restore.definition).to.deep.equal(buildRestoreWorkflow({ pickWith: "expressions" }));
    const id = "/subscriptions/s/resourceGroups/g/providers/Microsoft.Logic/integrationAccounts/ia";
    const existing = deploymentPlan({ ...DEFAULTS, integrationAccount: id });
    expect(existing.integrationAccount).to.deep.equal({ kind: "existing", id });
    expect(JSON.stringify(existing.restore.definition)).to.contain("JavaScriptCode");
  });

  it("alerts only with e-mails, and watches for missed runs only with a schedule", () => {
    expect(deploymentPlan(DEFAULTS).alerts).to.equal(undefined);
    const daily = { frequency: "Day" as const, interval: 1, hours: [2], minutes: [0] };
    const plan = deploymentPlan({ ...DEFAULTS, namePrefix: "verylongprefx", alertEmails: ["ops@example.com"], backupSchedule: daily, logAnalyticsWorkspaceId: "create" });
    expect(plan.alerts).to.deep.equal({ emails: ["ops@example.com"], shortName: "verylongpref", missedRun: { minutes: 1560, windowSize: "P2D" } });
    expect(plan.logWorkspace).to.deep.equal({ kind: "create" });
    expect(deploymentPlan({ ...DEFAULTS, alertEmails: ["ops@example.com"] }).alerts?.missedRun).to.equal(undefined);
  });

  it("names the workspace's group and name from its resource id", () => {
    const id = "/subscriptions/s/resourceGroups/rg-ops/providers/Microsoft.OperationalInsights/workspaces/ops";
    expect(deploymentPlan({ ...DEFAULTS, logAnalyticsWorkspaceId: id }).logWorkspace).to.deep.equal({ kind: "existing", id, resourceGroupName: "rg-ops", workspaceName: "ops" });
  });

  it("is what the offline tools run: the dev stack's synthesized definitions are the plan's", async function () {
    this.timeout(60_000);
    const dev = await synthStack("dev");
    expect(dev.backup.definition).to.deep.equal(plain(projectDefinition("backup")));
    expect(dev.restore.definition).to.deep.equal(plain(projectDefinition("restore")));
    expect(stackConfig("dev").namePrefix).to.equal("kvbrdev");
  });
});
