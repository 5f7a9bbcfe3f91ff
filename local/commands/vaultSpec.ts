import { VaultSpec } from "../environment";

/** `NAME=S[,K[,C]]`: a vault name (3-24 letters, digits, dashes) and how many secrets, keys and certificates to seed. */
export function parseVaultSpec(text: string): VaultSpec {
  const m = /^([A-Za-z0-9-]{3,24})=(\d+)(?:,(\d+))?(?:,(\d+))?$/.exec(text);
  if (!m) throw new Error(`--vault '${text}': expected NAME=SECRETS[,KEYS[,CERTIFICATES]], e.g. source=100,10,5 (name: 3-24 letters, digits, dashes)`);
  return { name: m[1], secrets: Number(m[2]), keys: Number(m[3] ?? 0), certificates: Number(m[4] ?? 0) };
}

/** A rate flag: a number from 0 to 1. */
export function parseRate(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (text.trim() === "" || !Number.isFinite(n) || n < 0 || n > 1) throw new Error(`${flag} '${text}': expected a rate from 0 to 1, e.g. 0.1`);
  return n;
}

export function parseNonNegative(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (text.trim() === "" || !Number.isFinite(n) || n < 0) throw new Error(`${flag} '${text}': expected a number of 0 or more`);
  return n;
}
