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
/**
 * The Key Vault control-plane API the vault resources use: `@pulumi/azure-native` 3.28.0 (pinned exactly in
 * package.json) calls 2024-11-01 for `Vault` and `getVault`. Microsoft retires the control-plane versions
 * before 2026-02-01 on 2027-02-27 (key-vault/general/access-control-default), and a vault created with
 * 2026-02-01 or later uses Azure RBAC unless told otherwise: `enableRbacAuthorization` is therefore always
 * set explicitly, so moving to a newer version never changes a vault's access model. README, "Key Vault API
 * versions", gives the upgrade path.
 */
export const VAULT_CONTROL_PLANE = { apiVersion: "2024-11-01", retiresOn: "2027-02-27", azureNative: "3.28.0" } as const;

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
