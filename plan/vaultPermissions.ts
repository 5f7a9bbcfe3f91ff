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
