import * as pulumi from "@pulumi/pulumi";
import * as monitor from "@pulumi/azure-native/monitor";

export interface WorkflowDiagnosticsArgs {
  /** Workflows whose run history goes to the workspace, by a short label ("backup", "restore"). */
  workflows: Record<string, pulumi.Input<string>>;
  /** The Log Analytics workspace's resource id. */
  workspaceId: pulumi.Input<string>;
}

/**
 * Sends every workflow's runtime logs and metrics to a Log Analytics workspace, where failed runs can be
 * queried after run history (90 days) expires. Secured inputs and outputs are not sent, as Azure documents.
 */
export class WorkflowDiagnostics extends pulumi.ComponentResource {
  constructor(name: string, args: WorkflowDiagnosticsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("kvbr:monitor:WorkflowDiagnostics", name, {}, opts);
    for (const [label, workflowId] of Object.entries(args.workflows)) {
      new monitor.DiagnosticSetting(
        `${name}-${label}`,
        {
          name: `kvbr-${label}-to-log-analytics`,
          resourceUri: workflowId,
          workspaceId: args.workspaceId,
          // The documented log category of Microsoft.Logic/workflows (supported-logs reference).
          logs: [{ category: "WorkflowRuntime", enabled: true }],
          metrics: [{ category: "AllMetrics", enabled: true }],
          // No logAnalyticsDestinationType: records land in AzureDiagnostics, the table the missed-run alert
          // reads (the resource-specific LogicAppWorkflowRuntime table is in preview for Consumption).
        },
        { parent: this },
      );
    }
    this.registerOutputs({});
  }
}
