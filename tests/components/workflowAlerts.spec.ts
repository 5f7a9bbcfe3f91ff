import { mocks, settled } from "../mocks";
import { expect } from "chai";
import { WorkflowAlerts } from "../../components/workflowAlerts";
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
});
