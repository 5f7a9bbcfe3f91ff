import * as pulumi from "@pulumi/pulumi";
import * as keyvault from "@pulumi/azure-native/keyvault";
import { ObjectKind, OBJECT_KINDS } from "../workflows/kinds";

/** What a workflow may do in a vault: backup lists and backs up; restore restores and lists to confirm. */
export type AccessProfile = "backup" | "restore";

export type Permissions = Partial<Record<ObjectKind, string[]>>;

export const PROFILE_PERMISSIONS: Record<AccessProfile, string[]> = {
  backup: ["list", "backup"],
  restore: ["restore", "list"],
};

/** Least privilege: the profile's permissions for each enabled kind, and nothing for the others. */
export function permissionsFor(profile: AccessProfile, kinds: readonly ObjectKind[]): Permissions {
  if (kinds.length === 0) throw new Error(`permissionsFor(${profile}): kinds must name at least one of ${OBJECT_KINDS.join(", ")}`);
  return Object.fromEntries(OBJECT_KINDS.filter((k) => kinds.includes(k)).map((k) => [k, [...PROFILE_PERMISSIONS[profile]]]));
}

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
