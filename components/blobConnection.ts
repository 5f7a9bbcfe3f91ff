import * as pulumi from "@pulumi/pulumi";
import * as web from "@pulumi/azure-native/web";
import { ConnectionReference } from "../workflows/parameters";

export interface BlobConnectionArgs {
  resourceGroupName: pulumi.Input<string>;
  location: pulumi.Input<string>;
  subscriptionId: pulumi.Input<string>;
  storageAccountName: pulumi.Input<string>;
  /** The storage account key; stored only as a Pulumi secret. */
  accessKey: pulumi.Input<string>;
}

/** The managed API id of a connector in a region: /subscriptions/{sub}/providers/Microsoft.Web/locations/{loc}/managedApis/{api}. */
export function managedApiId(subscriptionId: string, location: string, api: string): string {
  return `/subscriptions/${subscriptionId}/providers/Microsoft.Web/locations/${location}/managedApis/${api}`;
}

/** An `azureblob` API connection (Consumption, key-based), and the `$connections` entry that uses it. */
export class BlobConnection extends pulumi.ComponentResource {
  readonly connectionId: pulumi.Output<string>;
  readonly connectionName: pulumi.Output<string>;
  readonly managedApiId: pulumi.Output<string>;
  /** The value of `$connections.azureblob` in a workflow's parameters. */
  readonly reference: pulumi.Output<ConnectionReference>;

  constructor(name: string, args: BlobConnectionArgs, opts?: pulumi.ComponentResourceOptions) {
    super("kvbr:web:BlobConnection", name, {}, opts);
    this.managedApiId = pulumi.all([args.subscriptionId, args.location]).apply(([sub, location]) => managedApiId(sub, location, "azureblob"));

    const connection = new web.Connection(
      `${name}-connection`,
      {
        resourceGroupName: args.resourceGroupName,
        location: args.location,
        properties: {
          api: { id: this.managedApiId },
          displayName: "Key Vault backups (blob storage)",
          parameterValues: { accountName: args.storageAccountName, accessKey: pulumi.secret(args.accessKey) },
        },
      },
      { parent: this, additionalSecretOutputs: ["properties"] },
    );

    this.connectionId = connection.id;
    this.connectionName = connection.name;
    this.reference = pulumi.all([connection.id, connection.name, this.managedApiId]).apply(([connectionId, connectionName, id]) => ({
      connectionId,
      connectionName,
      id,
    }));
    this.registerOutputs({ connectionId: this.connectionId, connectionName: this.connectionName, managedApiId: this.managedApiId });
  }
}
