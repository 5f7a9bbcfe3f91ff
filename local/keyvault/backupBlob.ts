import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from "node:crypto";
import { AZURE_BACKUP_MAGIC, BackupSizeGeneration, DEFAULT_BACKUP_SIZE_GENERATION, backupValueLength, base64urlLength } from "./backupSize";
import { malformedBackup, undecryptableBackup } from "./errors";
import { BackupContent, VaultObject } from "./store";
import { OBJECT_KINDS, ObjectKind } from "./types";

/**
 * The opaque backup blob. Azure encrypts backups so they can be restored only by a vault in the same
 * subscription and the same geography ("security world"); the blob cannot be read outside Key Vault. Here
 * the blob is AES-256-GCM over the JSON of the objects, under a key derived from subscription and
 * geography, so a blob from another subscription or geography, or a tampered one, fails authentication.
 *
 * It is shaped and sized like Azure's (see backupSize.ts): the base64url of
 *
 *     len | MAGIC | base64url(header) "." "." base64url(iv) "." base64url(ciphertext) "." base64url(tag)
 *
 * with Azure's magic texts (`)AzureKeyVaultSecretBackupV1.microsoft.com`, `&AzureKeyVaultKeyBackupV1...`
 * for keys and certificates), then a JWE-like compact form (direct AES-256-GCM, so the key segment is
 * empty). The header names the kind, so a certificate blob posted to `/keys/restore` is refused although
 * both carry the Key magic. The GCM additional data is everything before the first dot (length byte, magic
 * and header), so neither the magic nor the kind can be changed without failing authentication.
 *
 * The plaintext is `uint32 BE length of the JSON | JSON | zero bytes`: the zeros pad the blob to the length
 * Azure's would have for the same object. They are encrypted and authenticated like the JSON, so a change
 * anywhere in the padding fails restore too; zeros cost nothing to make (no random filler per blob).
 * A one- to three-character `p` in the header takes up what the ciphertext cannot (base64 lengths step by
 * 4 characters per 3 bytes), so the value comes out at exactly the modelled length. Only if the JSON is
 * larger than Azure's blob would be (values full of characters JSON escapes) does the blob come out longer.
 */

/** Where a vault lives, as far as backups are concerned. */
export interface BackupScope {
  subscriptionId: string;
  geography: string;
}

export interface EncodeOptions {
  /** Which recorded Azure behaviour to size blobs to; default DEFAULT_BACKUP_SIZE_GENERATION. */
  generation?: BackupSizeGeneration;
}

interface BlobHeader {
  kid: string;
  alg: "dir";
  enc: "A256GCM";
  kind: ObjectKind;
  p?: string;
}

const IV_BYTES = 12;
const TAG_BYTES = 16;
const LENGTH_BYTES = 4;
/** Stands in for the HSM-held root of a security world; only its use in key derivation matters. */
const ROOT_SECRET = Buffer.from("kv-backup-restore local emulator: security world root", "utf8");
const KDF_SALT = Buffer.from("KVEmulatorBackupV2", "ascii");

const PREFIX: Record<ObjectKind, Buffer> = Object.fromEntries(
  OBJECT_KINDS.map((kind) => {
    const magic = Buffer.from(AZURE_BACKUP_MAGIC[kind], "ascii");
    return [kind, Buffer.concat([Buffer.from([magic.length]), magic])];
  }),
) as Record<ObjectKind, Buffer>;

interface WorldKey {
  key: Buffer;
  kid: string;
}

const worldKeys = new Map<string, WorldKey>();

/** The AES key of a security world, and a UUID-shaped id for it (cached: derived once per scope). */
function worldKey(scope: BackupScope): WorldKey {
  const info = `${scope.subscriptionId.toLowerCase()}|${scope.geography.toLowerCase()}`;
  let world = worldKeys.get(info);
  if (!world) {
    const key = Buffer.from(hkdfSync("sha256", ROOT_SECRET, KDF_SALT, Buffer.from(info, "utf8"), 32));
    const h = createHash("sha256").update(key).digest("hex");
    world = { key, kid: `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}` };
    worldKeys.set(info, world);
  }
  return world;
}

/** Zero filler, allocated once and reused for every blob. */
const ZEROS = Buffer.alloc(64 * 1024);

function updateWithZeros(cipher: { update(data: Buffer): Buffer }, count: number, out: Buffer[]): void {
  for (let left = count; left > 0; left -= ZEROS.length) out.push(cipher.update(ZEROS.subarray(0, Math.min(left, ZEROS.length))));
}

const headerSegment = (header: BlobHeader): string => Buffer.from(JSON.stringify(header), "utf8").toString("base64url");

/** Characters between the header and the ciphertext, and after it: ".", "", ".", iv, ".", (ct), ".", tag. */
const FIXED_SEGMENT_CHARS = 4 + base64urlLength(IV_BYTES) + base64urlLength(TAG_BYTES);

/**
 * The header (with its `p` filler) and the plaintext length that make the decoded blob `innerBytes` long,
 * or the unpadded layout when the JSON does not fit.
 */
function layout(kind: ObjectKind, kid: string, jsonBytes: number, innerBytes: number): { header: string; plaintextBytes: number } {
  const minimum = LENGTH_BYTES + jsonBytes;
  for (let fill = 0; fill <= 3; fill++) {
    const header = headerSegment({ kid, alg: "dir", enc: "A256GCM", kind, ...(fill > 0 ? { p: "0".repeat(fill) } : {}) });
    const ciphertextChars = innerBytes - PREFIX[kind].length - header.length - FIXED_SEGMENT_CHARS;
    // An unpadded base64url text is never 1 (mod 4) characters long; try a longer header then.
    if (ciphertextChars % 4 === 1) continue;
    const plaintextBytes = Math.floor((3 * ciphertextChars) / 4);
    if (plaintextBytes < minimum) break;
    return { header, plaintextBytes };
  }
  return { header: headerSegment({ kid, alg: "dir", enc: "A256GCM", kind }), plaintextBytes: minimum };
}

export function encodeBackup(content: BackupContent, scope: BackupScope, options: EncodeOptions = {}): string {
  const { key, kid } = worldKey(scope);
  const json = Buffer.from(JSON.stringify(content), "utf8");
  const target = backupValueLength(content, options.generation ?? DEFAULT_BACKUP_SIZE_GENERATION);
  // The decoded length whose base64url is `target` characters long (target is a base64url length).
  const { header, plaintextBytes } = layout(content.kind, kid, json.length, Math.floor((3 * target) / 4));
  const aad = Buffer.concat([PREFIX[content.kind], Buffer.from(header, "ascii")]);

  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(aad);
  const length = Buffer.alloc(LENGTH_BYTES);
  length.writeUInt32BE(json.length);
  const parts = [cipher.update(length), cipher.update(json)];
  updateWithZeros(cipher, plaintextBytes - LENGTH_BYTES - json.length, parts);
  parts.push(cipher.final());
  const ciphertext = Buffer.concat(parts);
  const body = `..${iv.toString("base64url")}.${ciphertext.toString("base64url")}.${cipher.getAuthTag().toString("base64url")}`;
  return Buffer.concat([aad, Buffer.from(body, "ascii")]).toString("base64url");
}

/** The header of a blob of this kind, or undefined if the bytes are not one (wrong magic, no header). */
function readHeader(bytes: Buffer, kind: ObjectKind): { header: BlobHeader; headerEnd: number } | undefined {
  const prefix = PREFIX[kind];
  if (bytes.length <= prefix.length || !bytes.subarray(0, prefix.length).equals(prefix)) return undefined;
  const headerEnd = bytes.indexOf(0x2e /* "." */, prefix.length);
  if (headerEnd < 0) return undefined;
  try {
    const header = JSON.parse(Buffer.from(bytes.subarray(prefix.length, headerEnd).toString("ascii"), "base64url").toString("utf8")) as Partial<BlobHeader>;
    if (typeof header !== "object" || header === null || header.alg !== "dir" || header.enc !== "A256GCM" || typeof header.kind !== "string") return undefined;
    return { header: header as BlobHeader, headerEnd };
  } catch {
    return undefined;
  }
}

/**
 * Decode a blob posted to `/{kind}/restore`. Not a blob of this format, or a blob of another kind: 400
 * "Malformed backup blob". Well-formed but not decryptable in this scope, or changed anywhere after the
 * header (ciphertext, padding, IV, tag): 400 "Cannot decrypt backup blob".
 */
export function decodeBackup(value: string, kind: ObjectKind, scope: BackupScope): BackupContent {
  if (!/^[A-Za-z0-9_-]+={0,2}$/.test(value)) throw malformedBackup();
  const bytes = Buffer.from(value, "base64url");
  const read = readHeader(bytes, kind);
  if (!read || read.header.kind !== kind) throw malformedBackup();

  const plaintext = decrypt(bytes, read.headerEnd, scope);
  if (plaintext.length < LENGTH_BYTES) throw malformedBackup();
  const jsonBytes = plaintext.readUInt32BE(0);
  if (LENGTH_BYTES + jsonBytes > plaintext.length) throw malformedBackup();
  let content: unknown;
  try {
    content = JSON.parse(plaintext.subarray(LENGTH_BYTES, LENGTH_BYTES + jsonBytes).toString("utf8"));
  } catch {
    throw malformedBackup();
  }
  if (!isBackupContent(content) || content.kind !== kind) throw malformedBackup();
  return content;
}

/** The authenticated plaintext, or 400 "Cannot decrypt backup blob" for any failure after the header. */
function decrypt(bytes: Buffer, headerEnd: number, scope: BackupScope): Buffer {
  const segments = bytes.subarray(headerEnd + 1).toString("latin1").split(".");
  if (segments.length !== 4 || segments[0] !== "") throw undecryptableBackup();
  const [, ivText, ciphertextText, tagText] = segments;
  const b64 = /^[A-Za-z0-9_-]*$/;
  if (!b64.test(ivText) || !b64.test(ciphertextText) || !b64.test(tagText)) throw undecryptableBackup();
  const iv = Buffer.from(ivText, "base64url");
  const tag = Buffer.from(tagText, "base64url");
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw undecryptableBackup();
  try {
    const decipher = createDecipheriv("aes-256-gcm", worldKey(scope).key, iv);
    decipher.setAAD(bytes.subarray(0, headerEnd));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(Buffer.from(ciphertextText, "base64url")), decipher.final()]);
  } catch {
    throw undecryptableBackup();
  }
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
