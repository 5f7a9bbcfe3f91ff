import * as pulumi from "@pulumi/pulumi";
import * as monitor from "@pulumi/azure-native/monitor";
import { MissedRunWindow } from "../plan/missedRunWindow";

/** Where the backup workflow's runs are logged, and how long it may go without a successful one. */
export interface MissedRunWatch {
  /** The scheduled workflow. */
  workflowId: pulumi.Input<string>;
  /** The Log Analytics workspace its diagnostic setting sends WorkflowRuntime logs to (AzureDiagnostics). */
  workspaceId: pulumi.Input<string>;
  /** The rule's region: the workspace's. */
  location: pulumi.Input<string>;
  window: MissedRunWindow;
}

export interface WorkflowAlertsArgs {
  resourceGroupName: pulumi.Input<string>;
  /** Workflows to watch, by a short label used in rule names ("backup", "restore"). */
  workflows: Record<string, pulumi.Input<string>>;
  /** Who is told; at least one address. */
  emails: readonly string[];
  /** Action group short name, at most 12 characters (Azure's limit). */
  shortName: string;
  /** A scheduled workflow to watch for runs that did not happen or did not succeed. */
  missedRun?: MissedRunWatch;
}

/**
 * Successful runs of one workflow in the last `minutes`, as rows. `union isfuzzy=true` with an empty
 * datatable keeps the query valid before AzureDiagnostics exists in the workspace (no run logged yet, the
 * very case to alert on); column_ifexists() does the same for status_s, a column Logic Apps' records add.
 */
export function successfulRunsQuery(workflowId: string, minutes: number): string {
  return [
    "union isfuzzy=true",
    "  (AzureDiagnostics",
    `    | where _ResourceId =~ "${workflowId.toLowerCase()}"`,
    '    | where OperationName == "Microsoft.Logic/workflows/workflowRunCompleted"',
    '    | where tostring(column_ifexists("status_s", "")) == "Succeeded"),',
    "  (datatable(TimeGenerated: datetime) [])",
    `| where TimeGenerated > ago(${minutes}m)`,
  ].join("\n");
}

/**
 * A failed run must reach a person: the workflows end Failed on any lost item, and a metric alert on
 * RunsFailed (Total over 5 minutes, above 0) per workflow e-mails the action group's receivers. A run that
 * never happens must too: with `missedRun`, a log search alert fires when no backup succeeded in the window.
 */
export class WorkflowAlerts extends pulumi.ComponentResource {
  readonly actionGroupId: pulumi.Output<string>;

  constructor(name: string, args: WorkflowAlertsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("kvbr:monitor:WorkflowAlerts", name, {}, opts);
    if (args.emails.length === 0) throw new Error(`WorkflowAlerts ${name}: emails must list at least one address`);
    if (args.shortName.length === 0 || args.shortName.length > 12) throw new Error(`WorkflowAlerts ${name}: shortName must be 1-12 characters, got '${args.shortName}'`);
    const group = new monitor.ActionGroup(
      `${name}-action-group`,
      {
        resourceGroupName: args.resourceGroupName,
        location: "Global",
        groupShortName: args.shortName,
        enabled: true,
        emailReceivers: args.emails.map((emailAddress, i) => ({ name: `email-${i + 1}`, emailAddress, useCommonAlertSchema: true })),
      },
      { parent: this },
    );
    for (const [label, workflowId] of Object.entries(args.workflows)) {
      new monitor.MetricAlert(
        `${name}-${label}-runs-failed`,
        {
          resourceGroupName: args.resourceGroupName,
          location: "global",
          description: `A ${label} run failed: open its run history (the Summary or the run error says which items and why).`,
          enabled: true,
          severity: 1,
          scopes: [workflowId],
          evaluationFrequency: "PT5M",
          windowSize: "PT5M",
          autoMitigate: true,
          criteria: {
            odataType: "Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria",
            allOf: [
              {
                criterionType: "StaticThresholdCriterion",
                name: "RunsFailed",
                metricName: "RunsFailed",
                metricNamespace: "Microsoft.Logic/workflows",
                operator: "GreaterThan",
                threshold: 0,
                timeAggregation: "Total",
              },
            ],
          },
          actions: [{ actionGroupId: group.id }],
        },
        { parent: this },
      );
    }
    if (args.missedRun) {
      const watch = args.missedRun;
      const hours = Math.round((watch.window.minutes / 60) * 10) / 10;
      // A metric alert cannot do this: whether Azure records "no runs" as 0 or as no data (which never fires)
      // is not documented for RunsSucceeded, so the count comes from the run logs, where zero rows is zero.
      new monitor.ScheduledQueryRule(
        `${name}-backup-missed`,
        {
          resourceGroupName: args.resourceGroupName,
          location: watch.location,
          kind: "LogAlert",
          description: `No backup run succeeded in the last ${hours} hours (the schedule's longest gap plus time to run and be logged): check that the workflow is enabled and open its run history.`,
          enabled: true,
          severity: 1,
          scopes: [watch.workspaceId],
          evaluationFrequency: "PT1H",
          windowSize: watch.window.windowSize,
          criteria: {
            allOf: [
              {
                query: pulumi.output(watch.workflowId).apply((id) => successfulRunsQuery(id, watch.window.minutes)),
                timeAggregation: "Count",
                // The SDK's ConditionOperator enum spells this "lt"; the log alert API takes "LessThan".
                operator: "LessThan",
                threshold: 1,
                failingPeriods: { numberOfEvaluationPeriods: 1, minFailingPeriodsToAlert: 1 },
              },
            ],
          },
          // AzureDiagnostics may not exist yet when the rule is saved; the query copes (see successfulRunsQuery).
          skipQueryValidation: true,
          autoMitigate: true,
          actions: { actionGroups: [group.id] },
        },
        { parent: this },
      );
    }
    this.actionGroupId = group.id;
    this.registerOutputs({ actionGroupId: this.actionGroupId });
  }
}
