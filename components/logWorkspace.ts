import * as pulumi from "@pulumi/pulumi";
import * as operationalinsights from "@pulumi/azure-native/operationalinsights";

export interface LogWorkspaceArgs {
  resourceGroupName: pulumi.Input<string>;
  location: pulumi.Input<string>;
  /** Days logs are kept; default 30, the retention PerGB2018 includes at no charge. */
  retentionDays?: number;
}

/**
 * A Log Analytics workspace of the stack's own, for the workflows' run logs when no shared one is given.
 * Both workflows send a few records per run: pay-as-you-go (PerGB2018) costs next to nothing here.
 */
export class LogWorkspace extends pulumi.ComponentResource {
  readonly id: pulumi.Output<string>;
  readonly location: pulumi.Output<string>;

  constructor(name: string, args: LogWorkspaceArgs, opts?: pulumi.ComponentResourceOptions) {
    super("kvbr:monitor:LogWorkspace", name, {}, opts);
    const workspace = new operationalinsights.Workspace(
      `${name}-workspace`,
      {
        resourceGroupName: args.resourceGroupName,
        location: args.location,
        sku: { name: operationalinsights.WorkspaceSkuNameEnum.PerGB2018 },
        retentionInDays: args.retentionDays ?? 30,
      },
      { parent: this },
    );
    this.id = workspace.id;
    this.location = pulumi.output(args.location);
    this.registerOutputs({ id: this.id });
  }
}
