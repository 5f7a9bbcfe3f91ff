import type { PublicJwk } from "./material";
import type { BackupContent, CertificatePolicy, ObjectVersion, VaultObject } from "./store";
import type { ObjectKind } from "./types";

/**
 * How long Azure's backup blob (the base64url `value` of `POST /{kind}/{name}/backup`) is for a given
 * object: the size model the emulator pads its own blobs to, so that every size the project measures (blob
 * files, workflow variables, action inputs and outputs) is measured at real sizes.
 *
 * ## What an Azure blob is (decoded from recorded values)
 *
 *     value = base64url( len | MAGIC | header "." encryptedKey "." iv "." ciphertext "." tag )
 *
 * - `len` is one byte, the length of MAGIC, then MAGIC in ASCII: `)AzureKeyVaultSecretBackupV1.microsoft.com`
 *   (0x29 = 41) for secrets, `&AzureKeyVaultKeyBackupV1.microsoft.com` (0x26 = 38) for keys, and also for
 *   certificates: the recorded certificate backup starts with the Key magic (SOURCE C1). The value starts
 *   `KUF6dXJlS2V5VmF1bHRTZWNyZXRCYWNrdXBWMS5taWNyb3NvZnQuY29t` (secrets) or
 *   `JkF6dXJlS2V5VmF1bHRLZXlCYWNrdXBWMS5taWNyb3NvZnQuY29t` (keys, certificates).
 * - The rest is a JWE in compact form, itself base64url text inside the outer base64url: a 119-character
 *   protected header `{"kid":"<uuid>","alg":"RSA-OAEP-256","enc":"A256CBC-HS512"}` (the kid is a UUID, so
 *   the length is fixed), a 342-character encrypted key (256 bytes: RSA-OAEP under a 2048-bit key), a
 *   22-character IV (16 bytes), the ciphertext, and a 43-character tag (32 bytes, HS512 truncated).
 *   A256CBC pads the plaintext with PKCS#7, so the ciphertext is 16·(⌊P/16⌋+1) bytes for P plaintext bytes.
 *   Every recorded value below decodes to exactly these fields, and every ciphertext is a multiple of 16.
 *
 * So the envelope is exact and only P, the size of what Azure encrypts, is modelled.
 *
 * ## The plaintext model (fitted to the recordings; bytes)
 *
 *     secret      P = F_SECRET + Σ versions (V + 3·name + value + tags + contentType)
 *     key         P = F_KEY + 1.03·D(current) + Σ versions (V + 3·name + 1.09·D(version) + key_ops + tags)
 *     certificate P = F_CERT + policy + Σ versions (V + 3·name + cer + x5t) + |key blob| + |secret blob|
 *
 * - `name` is the object name's length; `value` the secret value's UTF-8 bytes (counted once: the fit
 *   below only works if values are not base64-expanded inside, see the certificate); `tags` the length of
 *   the tags as JSON, `contentType` its length, `key_ops` the key operations as JSON.
 * - D is the DER size of the private key: PKCS#1 for RSA (≈ 4.5·modulus bytes + 40: 1,192 for RSA-2048),
 *   SEC1 for EC (121 for P-256). Only RSA-2048 and P-256 are recorded; other sizes scale through D.
 * - A certificate's blob holds its managed key and secret as whole blobs (|key blob|, |secret blob| are
 *   their value lengths, modelled as above with the same name and versions). That is a hypothesis, chosen
 *   because it makes the certificate's own fixed part (F_CERT + V ≈ 1,834) come out close to a secret's
 *   (F_SECRET + V = 1,554); counting the secret value as base64 (×4/3), or the parts flat, leaves no room
 *   for any fixed part at all.
 *
 * ## Sources (recorded `Content-Length` of `{"value":"..."}` minus 12 = value length)
 *
 * Generation "2022" (Key Vault service 1.9.331 to 1.9.576, April to November 2022):
 * - S1  secret `backupRestoreSecretName-canbackupasecret-`, 1 version, value "RSA": 3,779 chars (2022-10-12,
 *       1.9.538.1); the same test re-recorded 2022-11-11 (1.9.576.1): 3,807 (one AES block more; the real
 *       vault names are sanitised out of these recordings). Azure/azure-sdk-for-js
 *       sdk/keyvault/keyvault-secrets/recordings/node/secret_client__restore_secrets_and_recover_backups/
 *       recording_can_backup_a_secret.json (commits 508ad81d and cdda24d9).
 * - S2  secret `1043150313`, 1 version, value "BackupRestore": 3,608 (2022-10-31, 1.9.538.1).
 *       Azure/azure-sdk-for-net sdk/keyvault/Azure.Security.KeyVault.Secrets/tests/SessionRecords/
 *       SecretClientLiveTests/BackupSecret.json (commit dd27b123).
 * - S3  secret `backupRestoreSecretName-cantimeoutdeletingasecret-`, 1 version, "RSA": 3,807 (2022-04-26,
 *       1.9.378.1). Azure/azure-sdk-for-js keyvault-secrets recordings/node/
 *       secret_client__restore_secrets_and_recover_backups/recording_can_timeout_deleting_a_secret.js
 *       (a find_string hit, id 9742564222; path inferred from the test name).
 * - S4  secret `secret1`, 2 versions ("ABC123" with tags {"file-encoding":"utf-8"}; "DEF456" with tags
 *       {"test":"foo","file-encoding":"utf-8"} and contentType "test type", disabled): 5,115 (2022-06-21,
 *       1.9.422.1). Azure/azure-cli src/azure-cli/azure/cli/command_modules/keyvault/tests/latest/
 *       recordings/test_keyvault_secret.yaml (commit ea468805); the test is test_keyvault_secret in
 *       tests/latest/test_keyvault_commands.py.
 * - K1  RSA-2048 key `backupRestoreKeyName-cangenerateabackupofakey-`, 1 version: 9,548 (2022-11-09,
 *       1.9.576.1). Azure/azure-sdk-for-js sdk/keyvault/keyvault-keys/recordings/node/
 *       keys_client__restore_keys_and_recover_backups/recording_can_generate_a_backup_of_a_key.json.
 * - K2  RSA-2048 key `key1-000004`, 2 versions (the second with key_ops [encrypt, decrypt] and tags
 *       {"test":"foo"}): 13,132 (2022-04-07, 1.9.331.5). Azure/azure-cli .../recordings/
 *       test_keyvault_key.yaml (commit e0b3b6da).
 * - K3  EC P-256 key `1826000342`, 1 version: 5,226 (2022-10-31, 1.9.538.1). Azure/azure-sdk-for-net
 *       sdk/keyvault/Azure.Security.KeyVault.Keys/tests/SessionRecords/KeyClientLiveTests/BackupKey.json
 *       (commit 36d0fec1).
 * - C1  self-signed certificate `backupRestoreCertificateName-canrestoreacertificate-`, 1 version, default
 *       policy (RSA-2048, subject cn=MyCert, application/x-pkcs12, 12 months): 42,146 (2022-11-14,
 *       1.9.576.1). Azure/azure-sdk-for-js sdk/keyvault/keyvault-certificates/recordings/node/
 *       certificates_client__restore_certificates_and_recover_backups/recording_can_restore_a_certificate.json.
 *       Its parts are sized from the same generation's recordings: a DER certificate of 812 bytes (`cer`
 *       1,084 base64 characters, in C1 itself) and a PKCS#12 secret value of 3,496 characters
 *       (recording_can_get_a_certificates_secret_in_pkcs_12_format.json, same folder family, 2022-11-14).
 *
 * Generation "2025" (service 1.9.2203.1, March 2025):
 * - S5  the S4 object re-recorded: 5,883 characters, 768 more than in 2022 (about 437 bytes more
 *       plaintext). Azure/azure-cli .../recordings/test_keyvault_secret.yaml (commit 040d1995).
 *
 * Older blobs are larger and are not modelled: a 3-character secret was 7,698 characters in June 2020
 * (service 1.1.6.0) and a 13-character one 4,944 in July 2021 (1.9.12.0).
 *
 * ## Fitted constants and what is extrapolated
 *
 * - F_SECRET = 800, V = 754, 3 bytes per name character per version: reproduce S1 (2022-10), S2, S3 and S4
 *   exactly; S1 (2022-11) is then 0.74% short.
 * - F_KEY = 1,450, 1.09·D per version, 1.03·D for the current version, with V taken over from secrets:
 *   reproduce K1, K2 and K3 exactly. The split between the per-version and the per-blob share of D is
 *   fixed by K2; that EC keys split the same way is an assumption (only a 1-version EC key is recorded),
 *   as is V being the same for keys as for secrets.
 * - F_CERT = 1,080 reproduces C1 exactly under the nested-blob hypothesis. Certificates with more than one
 *   version, EC certificates and policies other than the default are unrecorded.
 * - 2025: the one comparable recording (S5) is 437 bytes of plaintext larger. It is applied as a fixed
 *   amount per blob, to every kind (and so also to the key and secret blobs inside a certificate). Whether
 *   it is per blob or per version, and whether keys and certificates grew too, is unconfirmed.
 * - Unrecorded, so extrapolated from the formulas: many versions (at most 500 can be backed up), large
 *   values (up to 25 KB; counted byte for byte), RSA-3072/4096 and P-384/P-521 (through D), HSM keys (taken
 *   as their software type), the JSON escaping of unusual characters in values, and the vault's own name
 *   (it appears in the ids inside the blob; its length is not in the model).
 */

export type BackupSizeGeneration = "2022" | "2025";

/** The newest recorded behaviour; see the header for what it rests on. */
export const DEFAULT_BACKUP_SIZE_GENERATION: BackupSizeGeneration = "2025";

/** The magic text at the start of Azure's blob, by kind (certificates use the Key magic, SOURCE C1). */
export const AZURE_BACKUP_MAGIC: Readonly<Record<ObjectKind, string>> = {
  secrets: "AzureKeyVaultSecretBackupV1.microsoft.com",
  keys: "AzureKeyVaultKeyBackupV1.microsoft.com",
  certificates: "AzureKeyVaultKeyBackupV1.microsoft.com",
};

/** The JWE fields around the ciphertext, in characters (decoded from every recorded value). */
export const AZURE_ENVELOPE = {
  headerChars: 119,
  encryptedKeyChars: 342,
  ivChars: 22,
  tagChars: 43,
  dots: 4,
  /** AES-CBC block: the ciphertext is the plaintext padded (PKCS#7) to the next multiple. */
  blockBytes: 16,
} as const;

/** Fitted plaintext constants, in bytes (see the header). */
export const PLAINTEXT_MODEL = {
  secretFixed: 800,
  keyFixed: 1450,
  certificateFixed: 1080,
  perVersion: 754,
  perNameCharPerVersion: 3,
  keyDerPerVersion: 1.09,
  keyDerCurrent: 1.03,
  /** Generation 2025: extra plaintext per blob, from S5 (extrapolated to keys and certificates). */
  extra2025: 437,
} as const;

/** Characters of unpadded base64url for n bytes. */
export const base64urlLength = (bytes: number): number => Math.ceil((4 * bytes) / 3);

/** The length of Azure's `value` for a blob of `kind` whose plaintext is `plaintextBytes`. */
export function azureValueLength(kind: ObjectKind, plaintextBytes: number): number {
  const e = AZURE_ENVELOPE;
  const ciphertext = e.blockBytes * (Math.floor(plaintextBytes / e.blockBytes) + 1);
  const inner = 1 + AZURE_BACKUP_MAGIC[kind].length + e.headerChars + e.encryptedKeyChars + e.ivChars + base64urlLength(ciphertext) + e.tagChars + e.dots;
  return base64urlLength(inner);
}

const utf8 = (s: string): number => Buffer.byteLength(s, "utf8");
const tagsBytes = (tags: Record<string, string> | undefined): number => (tags && Object.keys(tags).length > 0 ? utf8(JSON.stringify(tags)) : 0);

const EC_PRIVATE_DER: Record<string, number> = { "P-256": 121, "P-256K": 118, "P-384": 167, "P-521": 223 };

/** DER size of the private key behind a public JWK: PKCS#1 for RSA, SEC1 for EC (see the header). */
export function privateKeyDerBytes(jwk: PublicJwk): number {
  if (jwk.kty === "EC") return EC_PRIVATE_DER[jwk.crv ?? "P-256"] ?? EC_PRIVATE_DER["P-256"];
  const modulusBytes = jwk.n ? Buffer.from(jwk.n, "base64url").length : 256;
  return Math.round(4.5 * modulusBytes + 40);
}

const versionBase = (name: string): number => PLAINTEXT_MODEL.perVersion + PLAINTEXT_MODEL.perNameCharPerVersion * name.length;
const extra = (generation: BackupSizeGeneration): number => (generation === "2025" ? PLAINTEXT_MODEL.extra2025 : 0);

function secretPlaintext(object: VaultObject, generation: BackupSizeGeneration): number {
  let p = PLAINTEXT_MODEL.secretFixed + extra(generation);
  for (const v of object.versions as ObjectVersion<"secrets">[]) {
    p += versionBase(object.name) + utf8(v.payload.value) + tagsBytes(v.tags) + (v.contentType ? utf8(v.contentType) : 0);
  }
  return p;
}

function keyPlaintext(object: VaultObject, generation: BackupSizeGeneration): number {
  const versions = object.versions as ObjectVersion<"keys">[];
  const current = versions[versions.length - 1];
  let p = PLAINTEXT_MODEL.keyFixed + extra(generation) + PLAINTEXT_MODEL.keyDerCurrent * privateKeyDerBytes(current.payload.jwk);
  for (const v of versions) {
    p += versionBase(object.name) + PLAINTEXT_MODEL.keyDerPerVersion * privateKeyDerBytes(v.payload.jwk) + utf8(JSON.stringify(v.payload.jwk.key_ops)) + tagsBytes(v.tags);
  }
  return Math.round(p);
}

/**
 * The certificate policy as Key Vault returns it for a self-signed certificate created with the given
 * subject, key type, content type and validity (the shape recorded in C1), without its id. Its JSON length
 * is the policy's share of the plaintext.
 */
export function policyDocument(policy: CertificatePolicy): Record<string, unknown> {
  return {
    key_props: { exportable: true, kty: policy.kty, ...(policy.kty === "EC" ? { crv: "P-256" } : { key_size: 2048 }), reuse_key: false },
    secret_props: { contentType: policy.contentType },
    x509_props: {
      subject: policy.subject,
      sans: {},
      ekus: ["1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"],
      key_usage: policy.kty === "EC" ? ["digitalSignature"] : ["digitalSignature", "keyEncipherment"],
      validity_months: policy.validityMonths,
      basic_constraints: { ca: false },
    },
    lifetime_actions: [{ trigger: { lifetime_percentage: 80 }, action: { action_type: "AutoRenew" } }],
    issuer: { name: "Self" },
    attributes: { enabled: true, created: policy.created, updated: policy.updated },
  };
}

function certificatePlaintext(content: BackupContent, object: VaultObject, generation: BackupSizeGeneration): number {
  let p = PLAINTEXT_MODEL.certificateFixed + extra(generation);
  if (object.policy) p += utf8(JSON.stringify(policyDocument(object.policy)));
  for (const v of object.versions as ObjectVersion<"certificates">[]) {
    p += versionBase(object.name) + v.payload.cer.length + v.payload.x5t.length + tagsBytes(v.tags);
  }
  // The managed key and secret travel as whole blobs inside (the nested-blob hypothesis).
  for (const member of content.objects) {
    if (member === object || member.kind === "certificates") continue;
    p += backupValueLength({ kind: member.kind, name: member.name, objects: [member] }, generation);
  }
  return p;
}

/** Modelled plaintext bytes of Azure's blob for this backup content. */
export function backupPlaintextBytes(content: BackupContent, generation: BackupSizeGeneration = DEFAULT_BACKUP_SIZE_GENERATION): number {
  const main = content.objects.find((o) => o.kind === content.kind && o.name === content.name);
  if (!main) throw new Error(`backup content for ${content.kind}/${content.name} without its main object`);
  switch (content.kind) {
    case "secrets":
      return secretPlaintext(main, generation);
    case "keys":
      return keyPlaintext(main, generation);
    case "certificates":
      return certificatePlaintext(content, main, generation);
  }
}

/**
 * The length Azure's base64url `value` would have for this backup: the target the emulator pads its blob
 * to. Pure: depends only on the content and the generation.
 */
export function backupValueLength(content: BackupContent, generation: BackupSizeGeneration = DEFAULT_BACKUP_SIZE_GENERATION): number {
  return azureValueLength(content.kind, backupPlaintextBytes(content, generation));
}
