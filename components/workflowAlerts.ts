import * as pulumi from "@pulumi/pulumi";
import * as monitor from "@pulumi/azure-native/monitor";

export interface WorkflowAlertsArgs {
  resourceGroupName: pulumi.Input<string>;
  /** Workflows to watch, by a short label used in rule names ("backup", "restore"). */
  workflows: Record<string, pulumi.Input<string>>;
  /** Who is told; at least one address. */
  emails: readonly string[];
  /** Action group short name, at most 12 characters (Azure's limit). */
  shortName: string;
}

/**
 * A failed run must reach a person: the workflows end Failed on any lost item, and a metric alert on
 * RunsFailed (Total over 5 minutes, above 0) per workflow e-mails the action group's receivers.
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
    this.actionGroupId = group.id;
    this.registerOutputs({ actionGroupId: this.actionGroupId });
  }
}
