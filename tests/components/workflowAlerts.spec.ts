import { mocks, settled } from "../mocks";
import { expect } from "chai";
import { WorkflowAlerts, successfulRunsQuery } from "../../components/workflowAlerts";
import { missedRunWindow } from "../../plan/missedRunWindow";
import { childrenOf, messageOf, recorded } from "./helpers";

describe("WorkflowAlerts", () => {
  it("e-mails an action group when RunsFailed is above 0 over 5 minutes, one rule per workflow", async () => {
    const alerts = new WorkflowAlerts("wa", { resourceGroupName: "rg-wa", workflows: { backup: "/wf/backup", restore: "/wf/restore" }, emails: ["ops@example.com", "dr@example.com"], shortName: "kvbr-alerts" });
    await settled(alerts.actionGroupId);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(childrenOf("wa")).to.deep.equal([
      ["azure-native:monitor:ActionGroup", "wa-action-group"],
      ["azure-native:monitor:MetricAlert", "wa-backup-runs-failed"],
      ["azure-native:monitor:MetricAlert", "wa-restore-runs-failed"],
    ]);
    expect(recorded("wa-action-group").inputs).to.deep.include({
      groupShortName: "kvbr-alerts",
      enabled: true,
      emailReceivers: [
        { name: "email-1", emailAddress: "ops@example.com", useCommonAlertSchema: true },
        { name: "email-2", emailAddress: "dr@example.com", useCommonAlertSchema: true },
      ],
    });
    const rule = recorded("wa-backup-runs-failed").inputs;
    expect(rule).to.deep.include({ scopes: ["/wf/backup"], enabled: true, evaluationFrequency: "PT5M", windowSize: "PT5M" });
    expect(rule.criteria).to.deep.equal({
      odataType: "Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria",
      allOf: [{ criterionType: "StaticThresholdCriterion", name: "RunsFailed", metricName: "RunsFailed", metricNamespace: "Microsoft.Logic/workflows", operator: "GreaterThan", threshold: 0, timeAggregation: "Total" }],
    });
    expect((rule.actions as Array<{ actionGroupId: string }>)[0].actionGroupId).to.be.a("string").and.to.contain("wa-action-group");
    expect(mocks.unmockedCalls).to.deep.equal([]);
  });

  it("refuses no receivers and a short name over 12 characters", () => {
    expect(messageOf(() => new WorkflowAlerts("wa-none", { resourceGroupName: "rg", workflows: {}, emails: [], shortName: "x" }))).to.equal("WorkflowAlerts wa-none: emails must list at least one address");
    expect(messageOf(() => new WorkflowAlerts("wa-long", { resourceGroupName: "rg", workflows: {}, emails: ["a@b.co"], shortName: "thirteenchars" }))).to.equal(
      "WorkflowAlerts wa-long: shortName must be 1-12 characters, got 'thirteenchars'",
    );
  });

  it("alerts when no backup succeeded within the schedule's longest gap plus the grace, counted from the run logs", async () => {
    const window = missedRunWindow({ frequency: "Day", interval: 1, hours: [2], minutes: [0], timeZone: "W. Europe Standard Time" });
    const alerts = new WorkflowAlerts("wm", {
      resourceGroupName: "rg-wm",
      workflows: { backup: "/wf/backup" },
      emails: ["ops@example.com"],
      shortName: "kvbr",
      missedRun: { workflowId: "/subscriptions/s/resourceGroups/rg-wm/providers/Microsoft.Logic/workflows/Backup", workspaceId: "/ws/logs", location: "northeurope", window },
    });
    await settled(alerts.actionGroupId);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(childrenOf("wm").map(([type]) => type)).to.include("azure-native:monitor:ScheduledQueryRule");
    const rule = recorded("wm-backup-missed").inputs;
    expect(rule).to.deep.include({ kind: "LogAlert", location: "northeurope", scopes: ["/ws/logs"], evaluationFrequency: "PT1H", windowSize: "P2D", skipQueryValidation: true, autoMitigate: true, severity: 1 });
    const [condition] = (rule.criteria as { allOf: Array<Record<string, unknown>> }).allOf;
    expect(condition).to.deep.include({ timeAggregation: "Count", operator: "LessThan", threshold: 1, failingPeriods: { numberOfEvaluationPeriods: 1, minFailingPeriodsToAlert: 1 } });
    // A daily run: 24 hours between runs, plus 2 to run and be logged.
    expect(condition.query).to.equal(successfulRunsQuery("/subscriptions/s/resourceGroups/rg-wm/providers/Microsoft.Logic/workflows/Backup", 26 * 60));
    expect(condition.query).to.contain('_ResourceId =~ "/subscriptions/s/resourcegroups/rg-wm/providers/microsoft.logic/workflows/backup"');
    expect(condition.query).to.match(/\| where TimeGenerated > ago\(1560m\)$/);
    expect((rule.actions as { actionGroups: string[] }).actionGroups[0]).to.contain("wm-action-group");
  });
});
