import { KeyVaultEmulator } from "./server";

export interface SeedCounts {
  secrets: number;
  keys: number;
  certificates: number;
}

export interface SeedOptions {
  /** Versions of the objects that get several (every third one, starting with the first); default 3. */
  versions?: number;
}

const pad = (i: number): string => String(i).padStart(4, "0");

/**
 * Seed a vault with a realistic mix, deterministically named: secret-0001.., key-0001.., cert-0001..
 * (each certificate also brings its managed key and secret). Every third object (0001, 0004, ...) has
 * `versions` versions, the rest one. secret-0002 (or secret-0001 if there is only one) is disabled; every
 * other secret alternates between a content type and tags; every fourth key is EC, the rest RSA.
 */
export function seedVault(vault: KeyVaultEmulator, counts: SeedCounts, options: SeedOptions = {}): void {
  const versions = options.versions ?? 3;
  // Only the three counts: callers may pass a wider object, such as the CLI's vault spec with its name.
  for (const what of ["secrets", "keys", "certificates"] as const) {
    const n = counts[what];
    if (!Number.isInteger(n) || n < 0) throw new Error(`seed: ${what} must be a whole number >= 0, got ${n}`);
  }
  if (!Number.isInteger(versions) || versions < 1) throw new Error(`seed: versions must be a whole number >= 1, got ${versions}`);
  const versionsOf = (i: number): number => (i % 3 === 1 ? versions : 1);
  const disabledSecret = counts.secrets >= 2 ? 2 : 1;

  for (let i = 1; i <= counts.secrets; i++) {
    const name = `secret-${pad(i)}`;
    for (let v = 1; v <= versionsOf(i); v++) {
      const last = v === versionsOf(i);
      vault.setSecret(name, `value of ${name} v${v}`, {
        enabled: !(last && i === disabledSecret),
        ...(i % 2 === 1 ? { contentType: "text/plain" } : { tags: { env: "test", owner: `team-${(i % 3) + 1}` } }),
      });
    }
  }
  for (let i = 1; i <= counts.keys; i++) {
    for (let v = 1; v <= versionsOf(i); v++) vault.createKey(`key-${pad(i)}`, { kty: i % 4 === 0 ? "EC" : "RSA" });
  }
  for (let i = 1; i <= counts.certificates; i++) {
    for (let v = 1; v <= versionsOf(i); v++) vault.createCertificate(`cert-${pad(i)}`, { subject: `CN=cert-${pad(i)}.example.test` });
  }
}
