import { createHash, randomBytes } from "node:crypto";

/**
 * Key material stand-ins. The emulator performs no cryptography with keys or certificates: backup and
 * restore only move them around, so each value has the right shape and size and is otherwise random.
 * Generating real RSA keys would cost tens of milliseconds each, too slow for seeding hundreds.
 */

export type KeyType = "RSA" | "EC";

/** The public half of a JSON Web Key, as Key Vault returns it (base64url fields). */
export interface PublicJwk {
  kty: KeyType;
  key_ops: string[];
  n?: string;
  e?: string;
  crv?: string;
  x?: string;
  y?: string;
}

export const RSA_KEY_OPS = ["encrypt", "decrypt", "sign", "verify", "wrapKey", "unwrapKey"];
export const EC_KEY_OPS = ["sign", "verify"];

/** A 2048-bit modulus (top bit set) and the usual exponent 65537 ("AQAB"). */
export function rsaPublicJwk(keyOps: string[] = RSA_KEY_OPS): PublicJwk {
  const n = randomBytes(256);
  n[0] |= 0x80;
  return { kty: "RSA", key_ops: keyOps, n: n.toString("base64url"), e: "AQAB" };
}

/** A P-256 point: 32-byte x and y coordinates. */
export function ecPublicJwk(keyOps: string[] = EC_KEY_OPS): PublicJwk {
  return { kty: "EC", key_ops: keyOps, crv: "P-256", x: randomBytes(32).toString("base64url"), y: randomBytes(32).toString("base64url") };
}

/**
 * DER sizes of what Key Vault creates for a self-signed certificate, so that certificates (and their backup
 * blobs, see backupSize.ts) have real sizes. RSA-2048 is recorded (azure-sdk-for-js keyvault-certificates
 * node recordings, 2022-11-14): the `cer` starts `MIIDKD` (812 bytes) and the PKCS#12 secret value starts
 * `MIIKOA` (2,620 bytes, 3,496 base64 characters). EC P-256 is not recorded: its sizes are estimated by
 * taking off the difference in public key (294 vs 91 bytes), signature (256 vs about 72) and private key.
 */
export const CERTIFICATE_DER_BYTES: Readonly<Record<KeyType, number>> = { RSA: 812, EC: 430 };
export const PKCS12_BYTES: Readonly<Record<KeyType, number>> = { RSA: 2620, EC: 1160 };

/** A stand-in for a certificate's DER bytes (base64, as the `cer` field) and its SHA-1 thumbprint (`x5t`). */
export function certificateMaterial(kty: KeyType = "RSA"): { cer: string; x5t: string } {
  const der = randomBytes(CERTIFICATE_DER_BYTES[kty]);
  return { cer: der.toString("base64"), x5t: createHash("sha1").update(der).digest("base64url") };
}

/** A stand-in for the PKCS#12 bundle Key Vault keeps as a certificate's secret value (base64). */
export function pkcs12Placeholder(kty: KeyType = "RSA"): string {
  return randomBytes(PKCS12_BYTES[kty]).toString("base64");
}
