import { expect } from "chai";
import { DEFAULT_GEOGRAPHY, DEFAULT_SUBSCRIPTION_ID, KeyVaultEmulator, backupValueLength, seedVault } from "../../../local/keyvault";
import { decodeBackup, encodeBackup } from "../../../local/keyvault/backupBlob";
import { BackupSizeGeneration, PLAINTEXT_MODEL } from "../../../local/keyvault/backupSize";
import { BackupContent, VaultStore } from "../../../local/keyvault/store";
import { ObjectKind } from "../../../local/keyvault/types";
import { errorOf, kv, useVaults } from "./helpers";

/**
 * Azure's recorded backup `value` lengths (Content-Length of `{"value":"..."}` minus 12), each with the
 * object it was recorded for; the sources are listed in local/keyvault/backupSize.ts.
 */
const RECORDED = {
  /** azure-sdk-for-js, 2022-10-12 and, the same test, 2022-11-11. */
  secretRsa: { name: "backupRestoreSecretName-canbackupasecret-", lengths: [3779, 3807] },
  /** azure-sdk-for-net BackupSecret.json, 2022-10-31. */
  secretBackupRestore: { name: "1043150313", length: 3608 },
  /** azure-sdk-for-js recording_can_timeout_deleting_a_secret, 2022-04-26. */
  secretLongName: { name: "backupRestoreSecretName-cantimeoutdeletingasecret-", length: 3807 },
  /** azure-cli test_keyvault_secret.yaml: 2 versions, 2022-06-21 and 2025-03-11. */
  secretTwoVersions: { name: "secret1", length2022: 5115, length2025: 5883 },
  /** azure-sdk-for-js recording_can_generate_a_backup_of_a_key, 2022-11-09. */
  rsaKey: { name: "backupRestoreKeyName-cangenerateabackupofakey-", length: 9548 },
  /** azure-cli test_keyvault_key.yaml: 2 versions, 2022-04-07. */
  rsaKeyTwoVersions: { name: "key1-000004", length: 13132 },
  /** azure-sdk-for-net BackupKey.json, EC P-256, 2022-10-31. */
  ecKey: { name: "1826000342", length: 5226 },
  /** azure-sdk-for-js recording_can_restore_a_certificate, 2022-11-14. */
  certificate: { name: "backupRestoreCertificateName-canrestoreacertificate-", length: 42146 },
};

/** The first characters of recorded values: the magic prefixes (secret S1, key K1, certificate C1). */
const RECORDED_PREFIX = {
  secrets: "KUF6dXJlS2V5VmF1bHRTZWNyZXRCYWNrdXBWMS5taWNyb3NvZnQuY29t",
  keys: "JkF6dXJlS2V5VmF1bHRLZXlCYWNrdXBWMS5taWNyb3NvZnQuY29t",
  certificates: "JkF6dXJlS2V5VmF1bHRLZXlCYWNrdXBWMS5taWNyb3NvZnQuY29t",
};

const SCOPE = { subscriptionId: DEFAULT_SUBSCRIPTION_ID, geography: DEFAULT_GEOGRAPHY };
const BASE = "https://kv.vault.azure.net/";

const within = (actual: number, expected: number, share: number, what: string): void => {
  expect(Math.abs(actual - expected) / expected, `${what}: ${actual} vs ${expected}`).to.be.at.most(share);
};

/** The recorded objects, rebuilt in a store (the same names, values, tags, versions and key types). */
function recordedObjects(): VaultStore {
  const store = new VaultStore(BASE);
  store.setSecret(RECORDED.secretRsa.name, { value: "RSA" });
  store.setSecret(RECORDED.secretBackupRestore.name, { value: "BackupRestore" });
  store.setSecret(RECORDED.secretLongName.name, { value: "RSA" });
  store.setSecret(RECORDED.secretTwoVersions.name, { value: "ABC123", tags: { "file-encoding": "utf-8" } });
  store.setSecret(RECORDED.secretTwoVersions.name, { value: "DEF456", tags: { test: "foo", "file-encoding": "utf-8" }, contentType: "test type", enabled: false });
  store.createKey(RECORDED.rsaKey.name, { kty: "RSA" });
  store.createKey(RECORDED.rsaKeyTwoVersions.name, { kty: "RSA" });
  store.createKey(RECORDED.rsaKeyTwoVersions.name, { kty: "RSA", keyOps: ["encrypt", "decrypt"], tags: { test: "foo" } });
  store.createKey(RECORDED.ecKey.name, { kty: "EC" });
  store.createCertificate(RECORDED.certificate.name, { subject: "cn=MyCert" });
  return store;
}

const secretWith = (name: string, values: string[]): BackupContent => {
  const store = new VaultStore(BASE);
  for (const value of values) store.setSecret(name, { value });
  return store.backupContent("secrets", name);
};

describe("keyvault emulator: backup blob size model", () => {
  const store = recordedObjects();
  const length = (kind: ObjectKind, name: string, generation: BackupSizeGeneration): number => backupValueLength(store.backupContent(kind, name), generation);

  it("gives the recorded 2022 lengths for the recorded objects, within 1%", () => {
    for (const recorded of RECORDED.secretRsa.lengths) within(length("secrets", RECORDED.secretRsa.name, "2022"), recorded, 0.01, "secret, 3-character value");
    within(length("secrets", RECORDED.secretBackupRestore.name, "2022"), RECORDED.secretBackupRestore.length, 0.01, "secret BackupRestore");
    within(length("secrets", RECORDED.secretLongName.name, "2022"), RECORDED.secretLongName.length, 0.01, "secret with a 50-character name");
    within(length("secrets", RECORDED.secretTwoVersions.name, "2022"), RECORDED.secretTwoVersions.length2022, 0.01, "secret, 2 versions");
    within(length("keys", RECORDED.rsaKey.name, "2022"), RECORDED.rsaKey.length, 0.01, "RSA-2048 key");
    within(length("keys", RECORDED.rsaKeyTwoVersions.name, "2022"), RECORDED.rsaKeyTwoVersions.length, 0.01, "RSA-2048 key, 2 versions");
    within(length("keys", RECORDED.ecKey.name, "2022"), RECORDED.ecKey.length, 0.01, "EC P-256 key");
    within(length("certificates", RECORDED.certificate.name, "2022"), RECORDED.certificate.length, 0.01, "self-signed certificate");
  });

  it("gives the recorded 2025 length for the object recorded in 2025, and never less than 2022", () => {
    within(length("secrets", RECORDED.secretTwoVersions.name, "2025"), RECORDED.secretTwoVersions.length2025, 0.01, "secret, 2 versions, 2025");
    for (const [kind, name] of [
      ["secrets", RECORDED.secretRsa.name],
      ["keys", RECORDED.rsaKey.name],
      ["keys", RECORDED.ecKey.name],
      ["certificates", RECORDED.certificate.name],
    ] as const) {
      expect(length(kind, name, "2025"), `${kind}/${name}`).to.be.above(length(kind, name, "2022"));
    }
  });

  it("grows with every version by the per-version share, near linearly up to the 500-version limit", () => {
    const name = "app-secret";
    const value = "0123456789abcdef0123";
    const sizes = [1, 2, 3, 10, 100, 500].map((n) => backupValueLength(secretWith(name, Array(n).fill(value)), "2022"));
    for (let i = 1; i < sizes.length; i++) expect(sizes[i]).to.be.above(sizes[i - 1]);
    // A version is 754 + 3·name + value bytes of plaintext; the blob is base64url of base64url: ×16/9.
    const perVersionChars = ((PLAINTEXT_MODEL.perVersion + 3 * name.length + value.length) * 16) / 9;
    within(sizes[5] - sizes[0], 499 * perVersionChars, 0.005, "499 more versions");
    // The recorded pair: a second small version added 5,115 - 3,608 = 1,507 characters (with tags).
    within(sizes[1] - sizes[0], 1507, 0.1, "one more small version");
    expect(sizes[5], "a 500-version secret is some 720,000 characters").to.be.within(700_000, 740_000);
  });

  it("grows with the value byte for byte, up to a 25 KB secret", () => {
    const small = backupValueLength(secretWith("big", ["abc"]), "2022");
    const large = backupValueLength(secretWith("big", ["x".repeat(25 * 1024)]), "2022");
    // Each value byte is one plaintext byte, and two base64url layers make it 16/9 characters (±1 block).
    expect(large - small).to.be.closeTo(((25 * 1024 - 3) * 16) / 9, 40);
    const multibyte = backupValueLength(secretWith("big", ["é".repeat(1000)]), "2022");
    expect(multibyte - small, "UTF-8 bytes, not characters").to.be.closeTo(((2000 - 3) * 16) / 9, 40);
  });

  it("sizes keys by type and size: EC below RSA, RSA-4096 above RSA-2048", () => {
    const keys = new VaultStore(BASE);
    keys.createKey("k-ec", { kty: "EC" });
    keys.createKey("k-rsa", { kty: "RSA" });
    const n4096 = Buffer.alloc(512, 0xff).toString("base64url");
    keys.createKey("k-big", { kty: "RSA", jwk: { kty: "RSA", key_ops: ["sign", "verify"], n: n4096, e: "AQAB" } });
    const [ec, rsa, big] = ["k-ec", "k-rsa", "k-big"].map((n) => backupValueLength(keys.backupContent("keys", n), "2022"));
    // The recorded gap between an RSA-2048 and an EC P-256 key (9,548 vs 5,226, names of 46 and 10).
    within(rsa - ec, RECORDED.rsaKey.length - RECORDED.ecKey.length - ((46 - 10) * 3 * 16) / 9, 0.05, "RSA-2048 minus EC");
    expect(big).to.be.above(rsa + 3000);
  });

  it("puts a certificate's key and secret inside it: more than the two blobs together", () => {
    const certificates = recordedObjects();
    const content = certificates.backupContent("certificates", RECORDED.certificate.name);
    const key = content.objects.find((o) => o.kind === "keys");
    const secret = content.objects.find((o) => o.kind === "secrets");
    if (!key || !secret) throw new Error("certificate backup without its key and secret");
    const keyBlob = backupValueLength({ kind: "keys", name: key.name, objects: [key] }, "2022");
    const secretBlob = backupValueLength({ kind: "secrets", name: secret.name, objects: [secret] }, "2022");
    const certificate = backupValueLength(content, "2022");
    expect(certificate).to.be.above(((keyBlob + secretBlob) * 16) / 9);
    // A second version of the certificate adds a version of all three.
    certificates.createCertificate(RECORDED.certificate.name, { subject: "cn=MyCert" });
    const twoVersions = backupValueLength(certificates.backupContent("certificates", RECORDED.certificate.name), "2022");
    expect(twoVersions - certificate).to.be.within(20_000, 30_000);
  });
});

describe("keyvault emulator: backup blobs at Azure's size", () => {
  const startVault = useVaults();

  const backupOf = async (vault: KeyVaultEmulator, path: string): Promise<string> => {
    const answer = await kv(vault, "POST", `${path}/backup`);
    expect(answer.status, JSON.stringify(answer.body)).to.equal(200);
    return (answer.body as { value: string }).value;
  };

  it("start with Azure's magic text, by kind, as the recorded values do", async () => {
    const vault = await startVault();
    vault.setSecret("s", "v");
    vault.createKey("k");
    vault.createCertificate("c");
    for (const [kind, name] of [["secrets", "s"], ["keys", "k"], ["certificates", "c"]] as const) {
      const blob = await backupOf(vault, `${kind}/${name}`);
      expect(blob.startsWith(RECORDED_PREFIX[kind]), kind).to.equal(true);
      expect(blob).to.match(/^[A-Za-z0-9_-]+$/);
    }
  });

  it("are the model's size, to the character, for every object of a seeded vault, and restore", async () => {
    const source = await startVault();
    const target = await startVault();
    seedVault(source, { secrets: 7, keys: 5, certificates: 4 }, { versions: 3 });
    const inventory = source.inventory();
    const objects: [ObjectKind, string][] = [
      ...inventory.secrets.filter((s) => !s.managed).map((s) => ["secrets", s.name] as [ObjectKind, string]),
      ...inventory.keys.filter((k) => !k.managed).map((k) => ["keys", k.name] as [ObjectKind, string]),
      ...inventory.certificates.map((c) => ["certificates", c.name] as [ObjectKind, string]),
    ];
    const sizes: Record<string, number> = {};
    for (const [kind, name] of objects) {
      const blob = await backupOf(source, `${kind}/${name}`);
      expect(blob.length, `${kind}/${name}`).to.equal(backupValueLength(decodeBackup(blob, kind, SCOPE)));
      sizes[`${kind}/${name}`] = blob.length;
      expect((await kv(target, "POST", `${kind}/restore`, { body: { value: blob } })).status, `${kind}/${name}`).to.equal(200);
    }
    expect(target.inventory()).to.deep.equal(inventory);
    // Realistic sizes: a 1-version seeded RSA certificate is about the recorded certificate (plus 2025).
    expect(sizes["certificates/cert-0002"]).to.be.within(42_000, 48_000);
    expect(sizes["certificates/cert-0001"], "3 versions: each more adds its key and secret too").to.be.within(85_000, 100_000);
    expect(sizes["keys/key-0002"]).to.be.within(9_500, 10_500);
    expect(sizes["secrets/secret-0002"]).to.be.within(4_000, 4_800);
  });

  it("reproduce the recorded lengths over HTTP for the recorded objects, sized as 2022", async () => {
    const vault = await startVault({ backupSizeGeneration: "2022" });
    expect((await kv(vault, "PUT", `secrets/${RECORDED.secretRsa.name}`, { body: { value: "RSA" } })).status).to.equal(200);
    expect((await kv(vault, "POST", `keys/${RECORDED.rsaKey.name}/create`, { body: { kty: "RSA" } })).status).to.equal(200);
    expect((await kv(vault, "POST", `keys/${RECORDED.ecKey.name}/create`, { body: { kty: "EC" } })).status).to.equal(200);
    const policy = { key_props: { kty: "RSA" }, x509_props: { subject: "cn=MyCert" }, issuer: { name: "Self" } };
    expect((await kv(vault, "POST", `certificates/${RECORDED.certificate.name}/create`, { body: { policy } })).status).to.equal(202);
    within((await backupOf(vault, `secrets/${RECORDED.secretRsa.name}`)).length, RECORDED.secretRsa.lengths[0], 0.01, "secret");
    within((await backupOf(vault, `keys/${RECORDED.rsaKey.name}`)).length, RECORDED.rsaKey.length, 0.01, "RSA key");
    within((await backupOf(vault, `keys/${RECORDED.ecKey.name}`)).length, RECORDED.ecKey.length, 0.01, "EC key");
    within((await backupOf(vault, `certificates/${RECORDED.certificate.name}`)).length, RECORDED.certificate.length, 0.01, "certificate");
  });

  it("fail restore when changed anywhere, in the padding too, and the intact blob still restores", async () => {
    const vault = await startVault();
    vault.createCertificate("web");
    const blob = await backupOf(vault, "certificates/web");
    await kv(vault, "DELETE", "certificates/web");
    await kv(vault, "DELETE", "deletedcertificates/web");

    const inner = Buffer.from(blob, "base64url").toString("latin1");
    const dots = [...inner.matchAll(/\./g)].map((m) => m.index ?? 0).filter((i) => i > 42);
    expect(dots, "header . key . iv . ciphertext . tag").to.have.length(4);
    const [, ivStart, ciphertextStart, tagStart] = dots.map((d) => d + 1);
    const content = decodeBackup(blob, "certificates", SCOPE);
    const jsonBytes = Buffer.byteLength(JSON.stringify(content));
    const paddingBytes = Math.floor(((tagStart - 1 - ciphertextStart) * 3) / 4) - 4 - jsonBytes;
    expect(paddingBytes, "most of the blob is padding").to.be.above(15_000);
    const inPadding = (share: number): number => ciphertextStart + Math.floor(((4 + jsonBytes + share * paddingBytes) * 4) / 3);

    const cannotDecrypt = { code: "BadParameter", message: "Cannot decrypt backup blob." };
    const malformed = { code: "Malformed backup blob", message: "Backup blob contains invalid or corrupt version." };
    const cases: [string, number, typeof cannotDecrypt][] = [
      ["magic", 5, malformed],
      ["header", 60, cannotDecrypt],
      ["iv", ivStart + 3, cannotDecrypt],
      ["json", ciphertextStart + 10, cannotDecrypt],
      ["padding, start", inPadding(0.01), cannotDecrypt],
      ["padding, middle", inPadding(0.5), cannotDecrypt],
      ["padding, end", inPadding(0.99), cannotDecrypt],
      ["tag", tagStart + 5, cannotDecrypt],
    ];
    for (const [where, at, expected] of cases) {
      // Swap one base64url character for another, so the blob stays well-formed text.
      const swapped = inner[at] === "A" ? "B" : "A";
      const tampered = Buffer.from(inner.slice(0, at) + swapped + inner.slice(at + 1), "latin1").toString("base64url");
      const answer = await kv(vault, "POST", "certificates/restore", { body: { value: tampered } });
      expect(answer.status, where).to.equal(400);
      if (where === "header") expect([cannotDecrypt, malformed], where).to.deep.include(errorOf(answer));
      else expect(errorOf(answer), where).to.deep.equal(expected);
    }
    expect(vault.inventory()).to.deep.equal({ secrets: [], keys: [], certificates: [] });
    expect((await kv(vault, "POST", "certificates/restore", { body: { value: blob } })).status).to.equal(200);
  });

  it("refuse a certificate blob at /keys/restore although both carry the Key magic", async () => {
    const vault = await startVault();
    vault.createCertificate("c");
    const blob = await backupOf(vault, "certificates/c");
    const answer = await kv(vault, "POST", "keys/restore", { body: { value: blob } });
    expect(answer.status).to.equal(400);
    expect(errorOf(answer).code).to.equal("Malformed backup blob");
  });

  it("cost well under a millisecond to encode and decode, even for a certificate", () => {
    const store = new VaultStore(BASE);
    store.setSecret("s", { value: "value" });
    store.createKey("k", { kty: "RSA" });
    store.createCertificate("c");
    for (const [kind, name] of [["secrets", "s"], ["keys", "k"], ["certificates", "c"]] as const) {
      const content = store.backupContent(kind, name);
      const rounds = 200;
      const start = process.hrtime.bigint();
      for (let i = 0; i < rounds; i++) decodeBackup(encodeBackup(content, SCOPE), kind, SCOPE);
      const perObjectMs = Number(process.hrtime.bigint() - start) / 1e6 / rounds;
      expect(perObjectMs, kind).to.be.below(2);
    }
  });
});
