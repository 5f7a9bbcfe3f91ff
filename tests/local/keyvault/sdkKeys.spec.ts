import { expect } from "chai";
import { seedVault } from "../../../local/keyvault";
import { keyClient, statusOf, useVaults } from "./helpers";

/** Fidelity: the official KeyClient (4.10.2) against the emulator. */
describe("keyvault emulator: KeyClient fidelity", () => {
  const startVault = useVaults();

  it("creates RSA and EC keys, gets them and lists their versions", async () => {
    const vault = await startVault();
    const client = keyClient(vault);
    const rsa1 = await client.createRsaKey("signing");
    const rsa2 = await client.createKey("signing", "RSA");
    const ec = await client.createEcKey("ec-key");

    expect(rsa1.keyType).to.equal("RSA");
    expect(rsa1.key?.n).to.have.length(256);
    expect(ec.keyType).to.equal("EC");
    expect(ec.key?.crv).to.equal("P-256");
    const current = await client.getKey("signing");
    expect(current.properties.version).to.equal(rsa2.properties.version);
    expect(current.id).to.equal(`${vault.url}keys/signing/${rsa2.properties.version}`);

    const versions: string[] = [];
    for await (const p of client.listPropertiesOfKeyVersions("signing")) versions.push(p.version ?? "");
    expect(versions).to.deep.equal([rsa1.properties.version, rsa2.properties.version]);
  });

  it("lists past one page with listPropertiesOfKeys, managed certificate keys included and flagged", async () => {
    const vault = await startVault();
    seedVault(vault, { secrets: 0, keys: 26, certificates: 1 });
    const names: string[] = [];
    const managed: string[] = [];
    for await (const p of keyClient(vault).listPropertiesOfKeys()) {
      names.push(p.name);
      if (p.managed) managed.push(p.name);
    }
    expect(names).to.have.length(27);
    expect(managed).to.deep.equal(["cert-0001"]);
  });

  it("backs up, deletes (poller), purges and restores a key with the same version ids and material", async () => {
    const vault = await startVault();
    const client = keyClient(vault);
    const v1 = await client.createRsaKey("wrapping");
    const v2 = await client.createRsaKey("wrapping");
    const backup = (await client.backupKey("wrapping")) ?? new Uint8Array();

    const deleted = await (await client.beginDeleteKey("wrapping", { intervalInMs: 0 })).pollUntilDone();
    expect(deleted.properties.recoveryId).to.equal(`${vault.url}deletedkeys/wrapping`);
    await client.purgeDeletedKey("wrapping");

    const restored = await client.restoreKeyBackup(backup);
    expect(restored.properties.version).to.equal(v2.properties.version);
    expect(Buffer.from(restored.key?.n ?? []).equals(Buffer.from(v2.key?.n ?? []))).to.equal(true);
    const versions: string[] = [];
    for await (const p of client.listPropertiesOfKeyVersions("wrapping")) versions.push(p.version ?? "");
    expect(versions).to.deep.equal([v1.properties.version, v2.properties.version]);
  });

  it("answers 409 Conflict when restoring over a live key and over a soft-deleted one", async () => {
    const vault = await startVault();
    const client = keyClient(vault);
    await client.createEcKey("dup");
    const backup = (await client.backupKey("dup")) ?? new Uint8Array();

    const live = await statusOf(client.restoreKeyBackup(backup));
    expect(live.statusCode).to.equal(409);
    expect(live.message).to.contain(`There was a conflict restoring the key '${vault.url}keys/dup/`);

    await (await client.beginDeleteKey("dup", { intervalInMs: 0 })).pollUntilDone();
    expect((await statusOf(client.restoreKeyBackup(backup))).statusCode).to.equal(409);
  });

  it("refuses to back up or delete the key of a certificate (403)", async () => {
    const vault = await startVault();
    vault.createCertificate("web");
    const client = keyClient(vault);
    const backup = await statusOf(client.backupKey("web"));
    expect(backup.statusCode).to.equal(403);
    expect(backup.message).to.contain('Operation "backup" is not allowed on this Key, since it is associated with a certificate.');
    expect((await statusOf(client.beginDeleteKey("web"))).statusCode).to.equal(403);
  });
});
