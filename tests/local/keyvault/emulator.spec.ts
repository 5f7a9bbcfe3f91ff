import { expect } from "chai";
import { KeyVaultEmulator, KeyVaultError, seedVault } from "../../../local/keyvault";
import { kv, useVaults } from "./helpers";

/** Seeding, inventory and lifecycle: what the engine and the CLI use directly. */
describe("keyvault emulator: seeding, inventory and lifecycle", () => {
  const startVault = useVaults();

  it("seeds deterministic names, several versions on every third object and one disabled secret", async () => {
    const vault = await startVault();
    seedVault(vault, { secrets: 5, keys: 4, certificates: 2 }, { versions: 4 });
    const inventory = vault.inventory();

    const secrets = inventory.secrets.filter((s) => !s.managed);
    expect(secrets.map((s) => s.name)).to.deep.equal(["secret-0001", "secret-0002", "secret-0003", "secret-0004", "secret-0005"]);
    expect(secrets.map((s) => s.versions.length)).to.deep.equal([4, 1, 1, 4, 1]);
    expect(secrets.filter((s) => !s.enabled).map((s) => s.name)).to.deep.equal(["secret-0002"]);
    expect(inventory.keys.filter((k) => !k.managed).map((k) => k.name)).to.deep.equal(["key-0001", "key-0002", "key-0003", "key-0004"]);
    expect(inventory.certificates.map((c) => [c.name, c.versions.length])).to.deep.equal([
      ["cert-0001", 4],
      ["cert-0002", 1],
    ]);
    // Each certificate brings its managed key and secret, with the certificate's version ids.
    for (const kind of ["keys", "secrets"] as const) {
      const managed = inventory[kind].filter((o) => o.managed);
      expect(managed.map((o) => o.name), kind).to.deep.equal(["cert-0001", "cert-0002"]);
      expect(managed[0].versions).to.deep.equal(inventory.certificates[0].versions);
    }
  });

  it("accepts a wider spec object (the CLI's NAME=S,K,C) and refuses bad counts", async () => {
    const vault = await startVault();
    seedVault(vault, { name: "main", secrets: 1, keys: 0, certificates: 0 } as { secrets: number; keys: number; certificates: number });
    expect(vault.inventory().secrets.map((s) => [s.name, s.enabled])).to.deep.equal([["secret-0001", false]]);
    expect(() => seedVault(vault, { secrets: -1, keys: 0, certificates: 0 })).to.throw(/secrets/);
    expect(() => seedVault(vault, { secrets: 0, keys: 0, certificates: 0 }, { versions: 0 })).to.throw(/versions/);
  });

  it("compares object names case-insensitively, as Key Vault does: another case is the same object", async () => {
    const vault = await startVault();
    vault.setSecret("Db-Password", "one");
    vault.setSecret("db-password", "two");
    const secrets = vault.inventory().secrets;
    expect(secrets.map((s) => [s.name, s.versions.length])).to.deep.equal([["Db-Password", 2]]);
    vault.softDelete("secrets", "DB-PASSWORD");
    expect(vault.inventory().secrets).to.deep.equal([]);
    expect(() => vault.setSecret("db-password", "three")).to.throw(KeyVaultError, /deleted/i);
  });

  it("keeps a deleted object for the vault's retention, and refuses a purge under purge protection with Azure's 403", async () => {
    const vault = await startVault({ name: "kv-protected", softDeleteRetentionDays: 7, purgeProtection: true });
    vault.setSecret("s", "v");
    expect((await kv(vault, "DELETE", "secrets/s")).status).to.equal(200);
    const deleted = (await kv(vault, "GET", "deletedsecrets/s")).body as { deletedDate: number; scheduledPurgeDate: number };
    expect(deleted.scheduledPurgeDate - deleted.deletedDate).to.equal(7 * 86_400);
    const purge = await kv(vault, "DELETE", "deletedsecrets/s");
    expect(purge.status).to.equal(403);
    expect((purge.body as { error: { message: string } }).error.message).to.equal(
      'Operation "purge" is not allowed because purge protection is enabled for this vault. Key Vault service will automatically purge it after the retention period has passed.\r\nVault: kv-protected;location=westeurope',
    );
    expect((await kv(vault, "POST", "deletedsecrets/s/recover")).status).to.equal(200);
  });

  it("leaves soft-deleted objects out of the inventory and keeps it sorted by name", async () => {
    const vault = await startVault();
    for (const name of ["zeta", "alpha", "mid"]) vault.setSecret(name, "x");
    await kv(vault, "DELETE", "secrets/mid");
    expect(vault.inventory().secrets.map((s) => s.name)).to.deep.equal(["alpha", "zeta"]);
  });

  it("applies Key Vault's rules to seeding too", async () => {
    const vault = await startVault();
    vault.createCertificate("cert");
    expect(() => vault.setSecret("cert", "x")).to.throw(KeyVaultError, /associated with a certificate/);
    vault.setSecret("plain", "x");
    expect(() => vault.createCertificate("plain")).to.throw(KeyVaultError);
    expect(() => vault.setSecret("bad name", "x")).to.throw(KeyVaultError, /invalid name/);
    await kv(vault, "DELETE", "secrets/plain");
    expect(() => vault.setSecret("plain", "y")).to.throw(KeyVaultError, /deleted but recoverable/);
  });

  it("gives each vault its own port and URL with a trailing slash", async () => {
    const a = await startVault({ name: "first" });
    const b = await startVault({ name: "second" });
    expect(a.name).to.equal("first");
    expect(a.url).to.match(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(b.url).not.to.equal(a.url);
  });

  it("stops cleanly, closing kept-alive connections, and can be stopped twice", async () => {
    const vault = await KeyVaultEmulator.start({ name: "short-lived" });
    vault.setSecret("s", "v");
    expect((await kv(vault, "GET", "secrets/s")).status).to.equal(200);
    await vault.stop();
    await vault.stop();
    let failed = false;
    await kv(vault, "GET", "secrets/s").catch(() => (failed = true));
    expect(failed).to.equal(true);
  });
});
