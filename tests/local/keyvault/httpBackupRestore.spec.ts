import { expect } from "chai";
import { KeyVaultEmulator } from "../../../local/keyvault";
import { KvAnswer, errorOf, kv, listAll, useVaults } from "./helpers";

const backupOf = async (vault: KeyVaultEmulator, path: string): Promise<string> => {
  const answer = await kv(vault, "POST", `${path}/backup`);
  expect(answer.status, JSON.stringify(answer.body)).to.equal(200);
  return (answer.body as { value: string }).value;
};

const restore = (vault: KeyVaultEmulator, kind: string, value: unknown): Promise<KvAnswer> => kv(vault, "POST", `${kind}/restore`, { body: { value } });

/** Backup and restore as the workflows call them: POST .../backup, store the value verbatim, POST .../restore. */
describe("keyvault emulator: backup and restore over HTTP", () => {
  const startVault = useVaults();

  it("returns a base64url blob holding every version and attribute, restored with the same version ids", async () => {
    const vault = await startVault();
    const v1 = vault.setSecret("conn", "first", { contentType: "text/plain", tags: { app: "a" } });
    const v2 = vault.setSecret("conn", "second", { enabled: false });
    const blob = await backupOf(vault, "secrets/conn");
    expect(blob).to.match(/^[A-Za-z0-9_-]+$/);
    expect(Buffer.from(blob, "base64url").toString("latin1")).not.to.contain("first");

    expect((await kv(vault, "DELETE", "secrets/conn")).status).to.equal(200);
    expect((await kv(vault, "DELETE", "deletedsecrets/conn")).status).to.equal(204);
    const restored = await restore(vault, "secrets", blob);
    expect(restored.status).to.equal(200);
    const bundle = restored.body as { id: string; value?: string; attributes: { enabled: boolean } };
    expect(bundle.id).to.equal(`${vault.url}secrets/conn/${v2}`);
    expect(bundle.value, "restore answers without the secret value").to.equal(undefined);
    expect(bundle.attributes.enabled).to.equal(false);

    expect(vault.inventory().secrets).to.deep.equal([{ name: "conn", versions: [v1, v2], enabled: false, managed: false }]);
    const first = (await kv(vault, "GET", `secrets/conn/${v1}`)).body as { value: string; contentType: string; tags: Record<string, string> };
    expect([first.value, first.contentType, first.tags]).to.deep.equal(["first", "text/plain", { app: "a" }]);
  });

  it("refuses backup and delete of a certificate's managed key and secret with 403", async () => {
    const vault = await startVault();
    vault.createCertificate("portal");
    for (const kind of ["keys", "secrets"]) {
      const backup = await kv(vault, "POST", `${kind}/portal/backup`);
      expect(backup.status, kind).to.equal(403);
      expect(errorOf(backup).code).to.equal("Forbidden");
      expect(errorOf(backup).message).to.contain("since it is associated with a certificate. Perform the operation on the corresponding certificate.");
    }
    const del = await kv(vault, "DELETE", "secrets/portal");
    expect(del.status).to.equal(403);
    expect(errorOf(del).innererror).to.deep.equal({ code: "SecretManagedByKeyVault" });
    expect(vault.inventory().secrets.map((s) => s.name)).to.deep.equal(["portal"]);
  });

  it("creates a certificate over HTTP as a completed operation with its managed key and secret", async () => {
    const vault = await startVault();
    const created = await kv(vault, "POST", "certificates/web/create", { body: { policy: { x509_props: { subject: "CN=web.example.test" }, issuer: { name: "Self" } } } });
    expect(created.status).to.equal(202);
    const operation = created.body as { status: string; target: string; id: string };
    expect(operation.status).to.equal("completed");
    expect(operation.target).to.equal(`${vault.url}certificates/web`);
    expect(created.headers.get("location")).to.match(new RegExp(`^${vault.url}certificates/web/pending\\?`));
    expect(((await kv(vault, "GET", "certificates/web/pending")).body as { status: string }).status).to.equal("completed");

    const certificate = (await kv(vault, "GET", "certificates/web/")).body as { id: string; kid: string; sid: string; policy: { x509_props: { subject: string } } };
    const version = certificate.id.split("/").pop();
    expect(certificate.kid).to.equal(`${vault.url}keys/web/${version}`);
    expect(certificate.sid).to.equal(`${vault.url}secrets/web/${version}`);
    expect(certificate.policy.x509_props.subject).to.equal("CN=web.example.test");
    const secret = (await kv(vault, "GET", "secrets/web")).body as { managed: boolean; kid: string; contentType: string };
    expect([secret.managed, secret.kid, secret.contentType]).to.deep.equal([true, certificate.kid, "application/x-pkcs12"]);
  });

  it("backs up a certificate with its key and secret; delete takes all three, restore recreates all three", async () => {
    const vault = await startVault();
    const v1 = vault.createCertificate("api", { subject: "CN=api" });
    const v2 = vault.createCertificate("api", { subject: "CN=api" });
    const before = vault.inventory();
    const blob = await backupOf(vault, "certificates/api");

    const deleted = await kv(vault, "DELETE", "certificates/api");
    expect(deleted.status).to.equal(200);
    expect((deleted.body as { recoveryId: string }).recoveryId).to.equal(`${vault.url}deletedcertificates/api`);
    expect(vault.inventory()).to.deep.equal({ secrets: [], keys: [], certificates: [] });
    const deletedSecrets = (await listAll<{ id: string; managed?: boolean }>(vault, "deletedsecrets")).items;
    expect(deletedSecrets.map((s) => [s.id, s.managed])).to.deep.equal([[`${vault.url}secrets/api`, true]]);

    expect((await restore(vault, "certificates", blob)).status, "409 while soft-deleted").to.equal(409);
    expect((await kv(vault, "DELETE", "deletedcertificates/api")).status).to.equal(204);
    expect((await listAll(vault, "deletedkeys")).items).to.deep.equal([]);

    const restored = await restore(vault, "certificates", blob);
    expect(restored.status).to.equal(200);
    expect((restored.body as { id: string }).id).to.equal(`${vault.url}certificates/api/${v2}`);
    expect(vault.inventory()).to.deep.equal(before);
    expect(vault.inventory().keys).to.deep.equal([{ name: "api", versions: [v1, v2], enabled: true, managed: true }]);
  });

  it("refuses a certificate restore while its name is in use, with the certificate wording", async () => {
    const vault = await startVault();
    vault.createCertificate("busy");
    const blob = await backupOf(vault, "certificates/busy");
    const answer = await restore(vault, "certificates", blob);
    expect(answer.status).to.equal(409);
    expect(errorOf(answer).code).to.equal("Conflict");
    expect(errorOf(answer).message).to.match(/^There was a conflict restoring the certificate '/);
  });

  it("restores only within the same subscription and geography", async () => {
    const source = await startVault({ subscriptionId: "11111111-1111-1111-1111-111111111111", geography: "europe" });
    const sameScope = await startVault({ subscriptionId: "11111111-1111-1111-1111-111111111111", geography: "Europe" });
    const otherSubscription = await startVault({ subscriptionId: "22222222-2222-2222-2222-222222222222", geography: "europe" });
    const otherGeography = await startVault({ subscriptionId: "11111111-1111-1111-1111-111111111111", geography: "unitedstates" });
    source.createKey("k", { kty: "EC" });
    const blob = await backupOf(source, "keys/k");

    for (const foreign of [otherSubscription, otherGeography]) {
      const answer = await restore(foreign, "keys", blob);
      expect(answer.status).to.equal(400);
      expect(errorOf(answer)).to.deep.equal({ code: "BadParameter", message: "Cannot decrypt backup blob." });
      expect(foreign.inventory().keys).to.deep.equal([]);
    }
    const restored = await restore(sameScope, "keys", blob);
    expect(restored.status).to.equal(200);
    expect((restored.body as { key: { kid: string } }).key.kid.startsWith(`${sameScope.url}keys/k/`)).to.equal(true);
  });

  it("rejects corrupt blobs: not a backup, truncated, another kind's, or tampered with", async () => {
    const vault = await startVault();
    vault.setSecret("s", "v");
    const blob = await backupOf(vault, "secrets/s");
    await kv(vault, "DELETE", "secrets/s");
    await kv(vault, "DELETE", "deletedsecrets/s");

    const malformed = { code: "Malformed backup blob", message: "Backup blob contains invalid or corrupt version." };
    for (const value of ["AAAAAAAAAAAAAAAAAAAAAAAAAAAA", blob.slice(0, 30), "not base64url!"]) {
      const answer = await restore(vault, "secrets", value);
      expect(answer.status, value).to.equal(400);
      expect(errorOf(answer)).to.deep.equal(malformed);
    }
    expect(errorOf(await restore(vault, "keys", blob))).to.deep.equal(malformed);

    const bytes = Buffer.from(blob, "base64url");
    bytes[bytes.length - 1] ^= 0xff;
    const tampered = await restore(vault, "secrets", bytes.toString("base64url"));
    expect(tampered.status).to.equal(400);
    expect(errorOf(tampered).message).to.equal("Cannot decrypt backup blob.");
    expect(vault.inventory().secrets).to.deep.equal([]);
    expect((await restore(vault, "secrets", blob)).status, "the intact blob still restores").to.equal(200);
  });

  it("rejects a restore without a value with 400", async () => {
    const vault = await startVault();
    for (const body of [{}, { value: "" }, { value: 42 }]) {
      const answer = await kv(vault, "POST", "secrets/restore", { body });
      expect(answer.status, JSON.stringify(body)).to.equal(400);
      expect(errorOf(answer).code).to.equal("BadParameter");
    }
    expect((await kv(vault, "POST", "keys/restore")).status, "no body at all").to.equal(400);
  });

  it("answers 404 for a backup of an object that does not exist or is soft-deleted", async () => {
    const vault = await startVault();
    vault.setSecret("s", "v");
    await kv(vault, "DELETE", "secrets/s");
    for (const path of ["secrets/s/backup", "secrets/none/backup", "certificates/none/backup"]) {
      expect((await kv(vault, "POST", path)).status, path).to.equal(404);
    }
  });
});
