import { expect } from "chai";
import { locateActions } from "../workflows/validation/located";
import { SCHEDULE_START_TIME } from "../workflows/schedule";
import { StackSynth as Synth, synthStack } from "./stackSynth";
import { validateDefinition } from "../workflows/validate";

describe("stacks: what differs between dev and prod", function () {
  this.timeout(240_000);
  let dev: Synth;
  let prod: Synth;
  const byName = (s: Synth, name: string) => s.resources.find((r) => r.name === name) ?? expect.fail(`no ${name}`);
  before(async () => {
    dev = await synthStack("dev");
    prod = await synthStack("prod");
  });

  it("prod uses the existing source vault instead of creating one, and adds the alerts", () => {
    const keys = (s: Synth) => new Set(s.resources.map((r) => `${r.type} ${r.name}`));
    const [d, p] = [keys(dev), keys(prod)];
    expect([...d].filter((k) => !p.has(k)).sort()).to.deep.equal([
      "azure-native:keyvault:Vault kvbr-src-vault",
      "azure-native:logic:IntegrationAccount kvbr-integration-account",
      "kvbr:keyvault:KeyVault kvbr-src",
      "kvbr:logic:IntegrationAccount kvbr-integration",
    ]);
    expect([...p].filter((k) => !d.has(k)).sort()).to.deep.equal([
      "azure-native:monitor:ActionGroup kvbr-alerts-action-group",
      "azure-native:monitor:DiagnosticSetting kvbr-diagnostics-backup",
      "azure-native:monitor:DiagnosticSetting kvbr-diagnostics-restore",
      "azure-native:monitor:MetricAlert kvbr-alerts-backup-runs-failed",
      "azure-native:monitor:MetricAlert kvbr-alerts-restore-runs-failed",
      "azure-native:monitor:ScheduledQueryRule kvbr-alerts-backup-missed",
      "azure-native:operationalinsights:Workspace kvbr-logs-workspace",
      "kvbr:keyvault:ExistingKeyVault kvbr-src",
      "kvbr:monitor:LogWorkspace kvbr-logs",
      "kvbr:monitor:WorkflowAlerts kvbr-alerts",
      "kvbr:monitor:WorkflowDiagnostics kvbr-diagnostics",
    ]);
  });

  it("prod alerts when no backup succeeded for a day plus the grace (its daily schedule's longest gap)", () => {
    const rule = byName(prod, "kvbr-alerts-backup-missed").inputs as { windowSize: string; criteria: { allOf: Array<{ query: string }> } };
    expect(rule.windowSize).to.equal("P2D");
    expect(rule.criteria.allOf[0].query).to.contain("ago(1560m)");
  });

  it("prod backs up the existing vault: its access policy and the workflow's vault URL point there", () => {
    expect(byName(prod, "kvbr-backup-access-policy").inputs).to.deep.include({ resourceGroupName: "rg-prod-secrets", vaultName: "contoso-prod-kv" });
    expect(prod.backup.parameters.vaultBaseUrl.value).to.equal("https://contoso-prod-kv.vault.azure.net/");
    expect(dev.backup.parameters.vaultBaseUrl.value).to.match(/^https:\/\/kvbrdev-src-[a-z0-9]{6}\.vault\.azure\.net\/$/);
  });

  it("prod runs daily at 02:00 beside the HTTP trigger; dev only on request", () => {
    expect(Object.keys(dev.backup.definition.triggers)).to.deep.equal(["manual"]);
    expect(prod.backup.definition.triggers.schedule).to.deep.equal({
      type: "Recurrence",
      recurrence: { frequency: "Day", interval: 1, startTime: SCHEDULE_START_TIME, timeZone: "W. Europe Standard Time", schedule: { hours: [2], minutes: [0] } },
      runtimeConfiguration: { concurrency: { runs: 1 } },
    });
  });

  it("both stacks' definitions pass every save-time rule, within either reading of the action limit (250 or 500)", () => {
    for (const synth of [dev, prod]) {
      for (const wf of [synth.backup, synth.restore]) {
        expect(validateDefinition(wf.definition), synth.stack).to.deep.equal([]);
        const count = locateActions(wf.definition.actions ?? {}, "actions", () => undefined).length + Object.keys(wf.definition.triggers ?? {}).length;
        expect(count, `${synth.stack}: actions and triggers`).to.be.below(250);
      }
    }
  });

  it("prod depends on no integration account (Free is one per region, no SLA): its restore picks with expressions", () => {
    const types = (s: Synth) => new Set(Object.values(s.restore.definition.actions).map((a) => a.type));
    expect(types(prod).has("JavaScriptCode")).to.equal(false);
    expect(types(dev).has("JavaScriptCode")).to.equal(true);
    expect(byName(prod, "kvbr-restore-workflow").inputs.integrationAccount).to.equal(undefined);
  });

  it("prod has purge protection, 90-day soft delete, geo-redundant storage and 90-day backup retention", () => {
    expect(byName(prod, "kvbr-dst-vault").inputs.properties).to.deep.include({ enablePurgeProtection: true, softDeleteRetentionInDays: 90 });
    expect(byName(dev, "kvbr-dst-vault").inputs.properties.enablePurgeProtection).to.equal(undefined);
    expect(byName(dev, "kvbr-dst-vault").inputs.properties.softDeleteRetentionInDays).to.equal(7);
    expect(byName(prod, "kvbr-storage-account").inputs.sku).to.deep.equal({ name: "Standard_GRS" });
    expect(byName(dev, "kvbr-storage-account").inputs.sku).to.deep.equal({ name: "Standard_LRS" });
    expect(byName(prod, "kvbr-storage-retention").inputs.policy.rules[0].definition.actions.baseBlob.delete).to.deep.equal({ daysAfterModificationGreaterThan: 90 });
  });
});
