/** The three kinds of Key Vault object, named as in the data-plane URL paths. */
export type ObjectKind = "certificates" | "keys" | "secrets";

/** Restore order: a certificate brings its managed key and secret with it, so it goes first. */
export const OBJECT_KINDS: readonly ObjectKind[] = ["certificates", "keys", "secrets"];

/** The singular used in action names and in the backup document's `kind` field. */
export const SINGULAR: Record<ObjectKind, string> = { certificates: "certificate", keys: "key", secrets: "secret" };

/** `kinds` in restore order, without duplicates. */
export function inRestoreOrder(kinds: readonly ObjectKind[]): ObjectKind[] {
  return OBJECT_KINDS.filter((k) => kinds.includes(k));
}
