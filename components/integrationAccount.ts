import * as pulumi from "@pulumi/pulumi";
import * as logic from "@pulumi/azure-native/logic";

export interface IntegrationAccountArgs {
  resourceGroupName: pulumi.Input<string>;
  location: pulumi.Input<string>;
  /** Default Free: Azure allows one Free account per region and subscription. */
  sku?: pulumi.Input<string>;
}

/** The integration account a Consumption workflow must be linked to before it can run inline JavaScript. */
export class IntegrationAccount extends pulumi.ComponentResource {
  readonly id: pulumi.Output<string>;
  readonly accountName: pulumi.Output<string>;

  constructor(name: string, args: IntegrationAccountArgs, opts?: pulumi.ComponentResourceOptions) {
    super("kvbr:logic:IntegrationAccount", name, {}, opts);
    const account = new logic.IntegrationAccount(
      `${name}-account`,
      { resourceGroupName: args.resourceGroupName, location: args.location, sku: { name: args.sku ?? logic.IntegrationAccountSkuName.Free } },
      { parent: this },
    );
    this.id = account.id;
    this.accountName = account.name;
    this.registerOutputs({ id: this.id, accountName: this.accountName });
  }
}
