import { expect } from "chai";
import { seedVault } from "../../../local/keyvault";
import { secretClient, statusOf, useVaults } from "./helpers";

/** Fidelity: the official SecretClient (4.11.2) against the emulator, over plain http with the challenge flow. */
describe("keyvault emulator: SecretClient fidelity", () => {
  const startVault = useVaults();

  it("sets versions, gets the current one and any version, and lists the versions", async () => {
    const vault = await startVault();
    const client = secretClient(vault);
    const first = await client.setSecret("db-password", "one", { contentType: "text/plain", tags: { env: "test" } });
    const second = await client.setSecret("db-password", "two");

    const current = await client.getSecret("db-password");
    expect(current.value).to.equal("two");
    expect(current.properties.version).to.equal(second.properties.version);
    expect((await client.getSecret("db-password", { version: first.properties.version })).value).to.equal("one");
    expect(first.properties.contentType).to.equal("text/plain");
    expect(first.properties.tags).to.deep.equal({ env: "test" });

    const versions: string[] = [];
    for await (const p of client.listPropertiesOfSecretVersions("db-password")) versions.push(p.version ?? "");
    expect(versions).to.deep.equal([first.properties.version, second.properties.version]);
    expect(vault.inventory().secrets[0].versions).to.deep.equal(versions);
  });

  it("lists past one page with listPropertiesOfSecrets (default page of 25) and by pages of a chosen size", async () => {
    const vault = await startVault();
    seedVault(vault, { secrets: 30, keys: 0, certificates: 0 });
    const client = secretClient(vault);

    const names: string[] = [];
    for await (const p of client.listPropertiesOfSecrets()) names.push(p.name);
    expect(names).to.have.length(30);
    expect(names[0]).to.equal("secret-0001");
    expect(names[29]).to.equal("secret-0030");
    // The client's first request is the unauthenticated challenge (401), then two pages.
    expect(vault.counters.byOperation["secrets.list"]).to.equal(3);
    expect(vault.counters.byStatus["401"]).to.equal(1);

    const sizes: number[] = [];
    for await (const page of client.listPropertiesOfSecrets().byPage({ maxPageSize: 12 })) sizes.push(page.length);
    expect(sizes).to.deep.equal([12, 12, 6]);
  });

  it("backs up, deletes (poller), purges and restores a secret with all its versions and attributes", async () => {
    const vault = await startVault();
    const client = secretClient(vault);
    const v1 = await client.setSecret("api-key", "old", { enabled: false });
    const v2 = await client.setSecret("api-key", "new", { contentType: "text/plain" });
    const backup = await client.backupSecret("api-key");
    expect(backup).to.be.instanceOf(Uint8Array);

    const deleted = await (await client.beginDeleteSecret("api-key", { intervalInMs: 0 })).pollUntilDone();
    expect(deleted.recoveryId).to.equal(`${vault.url}deletedsecrets/api-key`);
    expect(deleted.properties.deletedOn).to.be.instanceOf(Date);
    expect((await client.getDeletedSecret("api-key")).name).to.equal("api-key");
    await client.purgeDeletedSecret("api-key");
    expect(vault.inventory().secrets).to.deep.equal([]);

    const restored = await client.restoreSecretBackup(backup ?? new Uint8Array());
    expect(restored.name).to.equal("api-key");
    expect(restored.version).to.equal(v2.properties.version);
    const got = await client.getSecret("api-key");
    expect(got.value).to.equal("new");
    expect(got.properties.contentType).to.equal("text/plain");
    const versions: Array<{ version?: string; enabled?: boolean }> = [];
    for await (const p of client.listPropertiesOfSecretVersions("api-key")) versions.push({ version: p.version, enabled: p.enabled });
    expect(versions).to.deep.equal([
      { version: v1.properties.version, enabled: false },
      { version: v2.properties.version, enabled: true },
    ]);
  });

  it("answers 409 Conflict when restoring over a secret that exists", async () => {
    const vault = await startVault();
    const client = secretClient(vault);
    await client.setSecret("taken", "x");
    const backup = await client.backupSecret("taken");
    const failure = await statusOf(client.restoreSecretBackup(backup ?? new Uint8Array()));
    expect(failure.statusCode).to.equal(409);
    expect(failure.code).to.equal("Conflict");
    expect(failure.message).to.contain(`There was a conflict restoring the secret '${vault.url}secrets/taken/`);
  });

  it("answers 409 Conflict when the name is soft-deleted, and restores once it is purged", async () => {
    const vault = await startVault();
    const client = secretClient(vault);
    await client.setSecret("gone", "x");
    const backup = (await client.backupSecret("gone")) ?? new Uint8Array();
    await (await client.beginDeleteSecret("gone", { intervalInMs: 0 })).pollUntilDone();

    expect((await statusOf(client.restoreSecretBackup(backup))).statusCode).to.equal(409);
    await client.purgeDeletedSecret("gone");
    expect((await client.restoreSecretBackup(backup)).name).to.equal("gone");
  });

  it("recovers a soft-deleted secret and refuses a new value on a soft-deleted name", async () => {
    const vault = await startVault();
    const client = secretClient(vault);
    await client.setSecret("kept", "value");
    await (await client.beginDeleteSecret("kept", { intervalInMs: 0 })).pollUntilDone();

    const refused = await statusOf(client.setSecret("kept", "other"));
    expect(refused.statusCode).to.equal(409);
    expect(refused.message).to.contain("deleted but recoverable");

    await (await client.beginRecoverDeletedSecret("kept", { intervalInMs: 0 })).pollUntilDone();
    expect((await client.getSecret("kept")).value).to.equal("value");
  });

  it("restores into another vault of the same subscription and geography, with that vault's ids", async () => {
    const source = await startVault();
    const target = await startVault();
    const version = source.setSecret("shared", "value");
    const backup = (await secretClient(source).backupSecret("shared")) ?? new Uint8Array();

    const restored = await secretClient(target).restoreSecretBackup(backup);
    expect(restored.id).to.equal(`${target.url}secrets/shared/${version}`);
    expect((await secretClient(target).getSecret("shared")).value).to.equal("value");
  });

  it("refuses to read a disabled secret's value (403) and to back up a certificate's secret (403)", async () => {
    const vault = await startVault();
    vault.setSecret("off", "x", { enabled: false });
    vault.createCertificate("tls");
    const client = secretClient(vault);
    expect((await statusOf(client.getSecret("off"))).statusCode).to.equal(403);
    const managed = await statusOf(client.backupSecret("tls"));
    expect(managed.statusCode).to.equal(403);
    expect(managed.message).to.contain("associated with a certificate");
  });
});
