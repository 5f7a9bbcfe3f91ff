import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { malformedBackup, undecryptableBackup } from "./errors";
import { BackupContent, VaultObject } from "./store";
import { OBJECT_KINDS, ObjectKind } from "./types";

/**
 * The opaque backup blob. Azure encrypts backups so they can be restored only by a vault in the same
 * subscription and the same geography ("security world"); the blob cannot be read outside Key Vault. Here
 * the blob is AES-256-GCM over the JSON of the objects, under a key derived from subscription and
 * geography, so a blob from another subscription or geography, or a tampered one, fails authentication.
 *
 * Layout (then base64url, no padding, the form the REST API uses):
 *   MAGIC (ASCII) | kind byte | 12-byte IV | 16-byte GCM tag | ciphertext
 */

/** Where a vault lives, as far as backups are concerned. */
export interface BackupScope {
  subscriptionId: string;
  geography: string;
}

const MAGIC = Buffer.from("KVEmulatorBackupV1", "ascii");
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = MAGIC.length + 1 + IV_BYTES + TAG_BYTES;
/** Stands in for the HSM-held root of a security world; only its use in key derivation matters. */
const ROOT_SECRET = Buffer.from("kv-backup-restore local emulator: security world root", "utf8");

function blobKey(scope: BackupScope): Buffer {
  const info = `${scope.subscriptionId.toLowerCase()}|${scope.geography.toLowerCase()}`;
  return Buffer.from(hkdfSync("sha256", ROOT_SECRET, MAGIC, Buffer.from(info, "utf8"), 32));
}

const kindByte = (kind: ObjectKind): number => OBJECT_KINDS.indexOf(kind) + 1;

export function encodeBackup(content: BackupContent, scope: BackupScope): string {
  const iv = randomBytes(IV_BYTES);
  const kind = Buffer.from([kindByte(content.kind)]);
  const cipher = createCipheriv("aes-256-gcm", blobKey(scope), iv);
  // The header is authenticated too, so a blob cannot be relabelled as another kind.
  cipher.setAAD(Buffer.concat([MAGIC, kind]));
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(content), "utf8"), cipher.final()]);
  return Buffer.concat([MAGIC, kind, iv, cipher.getAuthTag(), ciphertext]).toString("base64url");
}

/**
 * Decode a blob posted to `/{kind}/restore`. Not a blob of this format, or a blob of another kind: 400
 * "Malformed backup blob". Well-formed but not decryptable in this scope: 400 "Cannot decrypt backup blob".
 */
export function decodeBackup(value: string, kind: ObjectKind, scope: BackupScope): BackupContent {
  if (!/^[A-Za-z0-9_-]+={0,2}$/.test(value)) throw malformedBackup();
  const bytes = Buffer.from(value, "base64url");
  if (bytes.length <= HEADER_BYTES || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) throw malformedBackup();
  if (bytes[MAGIC.length] !== kindByte(kind)) throw malformedBackup();
  let offset = MAGIC.length + 1;
  const iv = bytes.subarray(offset, (offset += IV_BYTES));
  const tag = bytes.subarray(offset, (offset += TAG_BYTES));
  const decipher = createDecipheriv("aes-256-gcm", blobKey(scope), iv);
  decipher.setAAD(bytes.subarray(0, MAGIC.length + 1));
  decipher.setAuthTag(tag);
  let plaintext: string;
  try {
    plaintext = Buffer.concat([decipher.update(bytes.subarray(offset)), decipher.final()]).toString("utf8");
  } catch {
    throw undecryptableBackup();
  }
  const content: unknown = JSON.parse(plaintext);
  if (!isBackupContent(content) || content.kind !== kind) throw malformedBackup();
  return content;
}

/** Authenticated blobs were written by encodeBackup; this guards against format drift between versions. */
function isBackupContent(value: unknown): value is BackupContent {
  if (typeof value !== "object" || value === null) return false;
  const c = value as Partial<BackupContent>;
  return (
    typeof c.kind === "string" &&
    OBJECT_KINDS.includes(c.kind) &&
    typeof c.name === "string" &&
    Array.isArray(c.objects) &&
    c.objects.length > 0 &&
    c.objects.every(isVaultObject)
  );
}

function isVaultObject(value: unknown): value is VaultObject {
  if (typeof value !== "object" || value === null) return false;
  const o = value as Partial<VaultObject>;
  return typeof o.name === "string" && typeof o.kind === "string" && OBJECT_KINDS.includes(o.kind) && Array.isArray(o.versions) && o.versions.length > 0;
}
