import * as pulumi from "@pulumi/pulumi";
import * as keyvault from "@pulumi/azure-native/keyvault";

export interface KeyVaultArgs {
  resourceGroupName: pulumi.Input<string>;
  location: pulumi.Input<string>;
  /** Globally unique: 3-24 letters, digits and dashes (see naming.ts). */
  vaultName: pulumi.Input<string>;
  tenantId: pulumi.Input<string>;
  /** 7-90 days; it can only be set when the vault is created. Default 90. */
  softDeleteRetentionInDays?: pulumi.Input<number>;
  /** Irreversible once on. Default false. */
  enablePurgeProtection?: boolean;
}

/**
 * A standard Key Vault with soft delete, using access policies (not RBAC). Access is granted by separate
 * VaultAccess resources: inline access policies on the vault would fight with them and delete them.
 */
export class KeyVault extends pulumi.ComponentResource {
  readonly vaultName: pulumi.Output<string>;
  readonly vaultId: pulumi.Output<string>;
  /** e.g. https://myvault.vault.azure.net/ (with the trailing slash the workflows join paths onto). */
  readonly vaultUri: pulumi.Output<string>;

  constructor(name: string, args: KeyVaultArgs, opts?: pulumi.ComponentResourceOptions) {
    super("kvbr:keyvault:KeyVault", name, {}, opts);
    const vault = new keyvault.Vault(
      `${name}-vault`,
      {
        resourceGroupName: args.resourceGroupName,
        location: args.location,
        vaultName: args.vaultName,
        properties: {
          tenantId: args.tenantId,
          sku: { family: keyvault.SkuFamily.A, name: keyvault.SkuName.Standard },
          enableSoftDelete: true,
          softDeleteRetentionInDays: args.softDeleteRetentionInDays ?? 90,
          // Azure refuses `false` here (the setting is irreversible), so "off" means leaving it out.
          ...(args.enablePurgeProtection ? { enablePurgeProtection: true } : {}),
          enableRbacAuthorization: false,
          publicNetworkAccess: "Enabled",
        },
      },
      { parent: this },
    );
    this.vaultName = vault.name;
    this.vaultId = vault.id;
    this.vaultUri = vault.properties.apply((p) => withTrailingSlash(p.vaultUri ?? ""));
    this.registerOutputs({ vaultName: this.vaultName, vaultId: this.vaultId, vaultUri: this.vaultUri });
  }
}

export function withTrailingSlash(uri: string): string {
  return uri.endsWith("/") ? uri : `${uri}/`;
}
