import * as pulumi from "@pulumi/pulumi";
import * as keyvault from "@pulumi/azure-native/keyvault";
import { withTrailingSlash } from "./keyVault";

export interface ExistingKeyVaultArgs {
  /** The vault's resource group: it may differ from the service's own. */
  resourceGroupName: string;
  vaultName: string;
}

/**
 * A vault the stack does not manage: it is only read (for its URI), never created, changed or deleted.
 * The service adds nothing to it but the workflow's own access policy.
 */
export class ExistingKeyVault extends pulumi.ComponentResource {
  readonly vaultName: pulumi.Output<string>;
  readonly resourceGroupName: pulumi.Output<string>;
  /** With a trailing slash, as the workflows join paths onto it. */
  readonly vaultUri: pulumi.Output<string>;

  constructor(name: string, args: ExistingKeyVaultArgs, opts?: pulumi.ComponentResourceOptions) {
    super("kvbr:keyvault:ExistingKeyVault", name, {}, opts);
    const vault = keyvault.getVaultOutput({ resourceGroupName: args.resourceGroupName, vaultName: args.vaultName }, { parent: this });
    this.vaultName = pulumi.output(args.vaultName);
    this.resourceGroupName = pulumi.output(args.resourceGroupName);
    this.vaultUri = vault.properties.apply((p) => {
      if (!p.vaultUri) throw new Error(`Key Vault ${args.resourceGroupName}/${args.vaultName} reports no vaultUri`);
      return withTrailingSlash(p.vaultUri);
    });
    this.registerOutputs({ vaultName: this.vaultName, vaultUri: this.vaultUri });
  }
}
