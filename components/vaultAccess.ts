import * as pulumi from "@pulumi/pulumi";
import * as keyvault from "@pulumi/azure-native/keyvault";
import { ObjectKind } from "../workflows/kinds";
import { AccessProfile, Permissions, permissionsFor } from "../plan/vaultPermissions";

export interface VaultAccessArgs {
  resourceGroupName: pulumi.Input<string>;
  vaultName: pulumi.Input<string>;
  tenantId: pulumi.Input<string>;
  /** The object id of the identity granted access (a workflow's system-assigned identity). */
  principalId: pulumi.Input<string>;
  profile: AccessProfile;
  kinds: readonly ObjectKind[];
}

/** A standalone access policy granting one principal one permission profile on one vault. */
export class VaultAccess extends pulumi.ComponentResource {
  readonly permissions: Permissions;

  constructor(name: string, args: VaultAccessArgs, opts?: pulumi.ComponentResourceOptions) {
    super("kvbr:keyvault:VaultAccess", name, {}, opts);
    this.permissions = permissionsFor(args.profile, args.kinds);
    new keyvault.AccessPolicy(
      `${name}-policy`,
      {
        resourceGroupName: args.resourceGroupName,
        vaultName: args.vaultName,
        policy: { tenantId: args.tenantId, objectId: args.principalId, permissions: this.permissions },
      },
      { parent: this },
    );
    this.registerOutputs({ permissions: this.permissions });
  }
}
