import { promiseOf } from "../mocks";
import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import { VaultAccess } from "../../components/vaultAccess";
import { permissionsFor } from "../../plan/vaultPermissions";
import { childrenOf, messageOf, untilRecorded } from "./helpers";

describe("VaultAccess", () => {
  describe("permissionsFor", () => {
    it("backup: list and backup for every kind", () => {
      expect(permissionsFor("backup", ["secrets", "keys", "certificates"])).to.deep.equal({
        certificates: ["list", "backup"],
        keys: ["list", "backup"],
        secrets: ["list", "backup"],
      });
    });

    it("restore: restore and list for every kind", () => {
      expect(permissionsFor("restore", ["certificates", "keys", "secrets"])).to.deep.equal({
        certificates: ["restore", "list"],
        keys: ["restore", "list"],
        secrets: ["restore", "list"],
      });
    });

    it("grants nothing at all for a disabled kind", () => {
      const backup = permissionsFor("backup", ["secrets"]);
      expect(backup).to.deep.equal({ secrets: ["list", "backup"] });
      expect(backup).not.to.have.property("keys");
      expect(backup).not.to.have.property("certificates");

      expect(permissionsFor("restore", ["keys", "certificates"])).to.deep.equal({
        certificates: ["restore", "list"],
        keys: ["restore", "list"],
      });
      expect(permissionsFor("backup", ["keys"])).to.deep.equal({ keys: ["list", "backup"] });
    });

    it("never grants get, set, delete, purge or any other permission", () => {
      for (const profile of ["backup", "restore"] as const) {
        const granted = Object.values(permissionsFor(profile, ["secrets", "keys", "certificates"])).flat();
        expect(new Set(granted)).to.deep.equal(new Set(profile === "backup" ? ["list", "backup"] : ["restore", "list"]));
      }
    });

    it("gives each kind its own array (no shared mutable state)", () => {
      const first = permissionsFor("backup", ["secrets", "keys"]);
      first.secrets?.push("purge");
      expect(first.keys).to.deep.equal(["list", "backup"]);
      expect(permissionsFor("backup", ["secrets"])).to.deep.equal({ secrets: ["list", "backup"] });
    });

    it("refuses an empty list of kinds", () => {
      expect(messageOf(() => permissionsFor("backup", []))).to.equal("permissionsFor(backup): kinds must name at least one of certificates, keys, secrets");
      expect(messageOf(() => permissionsFor("restore", []))).to.equal("permissionsFor(restore): kinds must name at least one of certificates, keys, secrets");
    });
  });

  it("creates one standalone AccessPolicy for the principal with the profile's permissions", async () => {
    const access = new VaultAccess("va-backup", {
      resourceGroupName: "rg-va",
      vaultName: "vasource",
      tenantId: "tenant-va",
      principalId: pulumi.output("principal-va-backup"),
      profile: "backup",
      kinds: ["secrets", "keys"],
    });
    const policy = await untilRecorded("va-backup-policy");

    expect(policy.type).to.equal("azure-native:keyvault:AccessPolicy");
    expect(policy.parent).to.equal("va-backup");
    expect(policy.inputs).to.deep.equal({
      resourceGroupName: "rg-va",
      vaultName: "vasource",
      policy: {
        tenantId: "tenant-va",
        objectId: "principal-va-backup",
        permissions: { keys: ["list", "backup"], secrets: ["list", "backup"] },
      },
    });
    expect(access.permissions).to.deep.equal({ keys: ["list", "backup"], secrets: ["list", "backup"] });
    await promiseOf(access.urn);
    expect(childrenOf("va-backup")).to.deep.equal([["azure-native:keyvault:AccessPolicy", "va-backup-policy"]]);
  });

  it("restore profile on the vault it is given", async () => {
    new VaultAccess("va-restore", {
      resourceGroupName: "rg-va",
      vaultName: pulumi.output("vatarget"),
      tenantId: "tenant-va",
      principalId: "principal-va-restore",
      profile: "restore",
      kinds: ["certificates"],
    });
    const policy = await untilRecorded("va-restore-policy");

    expect(policy.inputs).to.deep.equal({
      resourceGroupName: "rg-va",
      vaultName: "vatarget",
      policy: { tenantId: "tenant-va", objectId: "principal-va-restore", permissions: { certificates: ["restore", "list"] } },
    });
  });

  it("fails at construction, before any policy exists, when kinds is empty", () => {
    const message = messageOf(
      () =>
        new VaultAccess("va-empty", { resourceGroupName: "rg-va", vaultName: "v", tenantId: "t", principalId: "p", profile: "restore", kinds: [] }),
    );
    expect(message).to.equal("permissionsFor(restore): kinds must name at least one of certificates, keys, secrets");
  });
});
