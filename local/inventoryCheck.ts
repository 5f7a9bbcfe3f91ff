import { VaultInventory } from "./keyvault";

const KINDS = ["secrets", "keys", "certificates"] as const;

/** Differences between two vaults' names and version ids, one line each; empty when they hold the same. */
export function inventoryDifferences(source: VaultInventory, target: VaultInventory): string[] {
  const out: string[] = [];
  for (const kind of KINDS) {
    const t = new Map(target[kind].map((o) => [o.name, o]));
    const s = new Map(source[kind].map((o) => [o.name, o]));
    for (const [name, o] of s) {
      const other = t.get(name);
      if (!other) out.push(`${kind}/${name}: missing in target`);
      else if (other.versions.join(",") !== o.versions.join(",")) out.push(`${kind}/${name}: versions differ (${o.versions.length} in source, ${other.versions.length} in target)`);
    }
    for (const name of t.keys()) if (!s.has(name)) out.push(`${kind}/${name}: only in target`);
  }
  return out;
}

export function countsOf(inventory: VaultInventory): Record<(typeof KINDS)[number], number> {
  return { secrets: inventory.secrets.length, keys: inventory.keys.length, certificates: inventory.certificates.length };
}
