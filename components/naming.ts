/**
 * Azure's naming rules for the globally unique names this project creates. A random suffix makes them
 * unique; the prefix is checked up front so that a name that cannot fit fails before anything is created.
 */
export const SUFFIX_LENGTH = 6;
/** 13 + "-src-" + 6 is exactly the 24 characters a vault name allows. */
export const MAX_PREFIX_LENGTH = 13;

/** Storage accounts: 3-24 characters, lowercase letters and digits only. */
const STORAGE_ACCOUNT = /^[a-z0-9]{3,24}$/;
/** Key vaults: 3-24 characters, letters, digits and dashes; start with a letter, end with a letter or digit, no "--". */
const KEY_VAULT = /^(?!.*--)[a-zA-Z][a-zA-Z0-9-]{1,22}[a-zA-Z0-9]$/;

export type VaultRole = "src" | "dst";

export function storageAccountName(prefix: string, suffix: string): string {
  const name = `${prefix}bkp${suffix}`;
  if (!STORAGE_ACCOUNT.test(name)) {
    throw new Error(`Storage account name '${name}' (from prefix '${prefix}') breaks Azure's rule: 3-24 lowercase letters and digits`);
  }
  return name;
}

export function keyVaultName(prefix: string, role: VaultRole, suffix: string): string {
  const name = `${prefix}-${role}-${suffix}`;
  if (!KEY_VAULT.test(name)) {
    throw new Error(
      `Key vault name '${name}' (from prefix '${prefix}') breaks Azure's rule: 3-24 letters, digits and dashes, starting with a letter, ending with a letter or digit, no consecutive dashes`,
    );
  }
  return name;
}
