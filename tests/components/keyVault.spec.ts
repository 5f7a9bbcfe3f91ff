import { mocks, promiseOf, settled } from "../mocks";
import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import { KeyVault, withTrailingSlash } from "../../components/keyVault";
import { childrenOf, recorded } from "./helpers";

const TENANT = "99999999-0000-0000-0000-0000000000ee";

interface VaultProperties {
  tenantId?: string;
  sku?: unknown;
  enableSoftDelete?: boolean;
  softDeleteRetentionInDays?: number;
  enablePurgeProtection?: boolean;
  enableRbacAuthorization?: boolean;
  accessPolicies?: unknown;
  publicNetworkAccess?: string;
}

async function vaultProperties(vault: KeyVault, name: string): Promise<VaultProperties> {
  await settled(vault.vaultUri, vault.vaultName);
  return recorded(`${name}-vault`).inputs.properties as VaultProperties;
}

describe("KeyVault", () => {
  it("creates a standard vault in the tenant, named as asked", async () => {
    const vault = new KeyVault("kv-basic", { resourceGroupName: "rg-kv", location: "westeurope", vaultName: "kvbasic-src-abc123", tenantId: TENANT });
    const properties = await vaultProperties(vault, "kv-basic");

    const resource = recorded("kv-basic-vault");
    expect(resource.type).to.equal("azure-native:keyvault:Vault");
    expect(resource.inputs.vaultName).to.equal("kvbasic-src-abc123");
    expect(resource.inputs.resourceGroupName).to.equal("rg-kv");
    expect(resource.inputs.location).to.equal("westeurope");
    expect(properties.sku).to.deep.equal({ family: "A", name: "standard" });
    expect(properties.tenantId).to.equal(TENANT);
    expect(properties.publicNetworkAccess).to.equal("Enabled");
  });

  it("turns soft delete on with 90 days by default", async () => {
    const vault = new KeyVault("kv-soft", { resourceGroupName: "rg-kv", location: "westeurope", vaultName: "kvsoft", tenantId: TENANT });
    const properties = await vaultProperties(vault, "kv-soft");

    expect(properties.enableSoftDelete).to.equal(true);
    expect(properties.softDeleteRetentionInDays).to.equal(90);
  });

  it("passes the retention it is given", async () => {
    const vault = new KeyVault("kv-retention", {
      resourceGroupName: "rg-kv",
      location: "westeurope",
      vaultName: "kvretention",
      tenantId: TENANT,
      softDeleteRetentionInDays: 7,
    });
    expect((await vaultProperties(vault, "kv-retention")).softDeleteRetentionInDays).to.equal(7);
  });

  it("leaves purge protection out (not false) when it is off", async () => {
    const off = new KeyVault("kv-purge-off", { resourceGroupName: "rg-kv", location: "westeurope", vaultName: "kvpurgeoff", tenantId: TENANT });
    const explicit = new KeyVault("kv-purge-false", {
      resourceGroupName: "rg-kv",
      location: "westeurope",
      vaultName: "kvpurgefalse",
      tenantId: TENANT,
      enablePurgeProtection: false,
    });

    expect(await vaultProperties(off, "kv-purge-off")).not.to.have.property("enablePurgeProtection");
    expect(await vaultProperties(explicit, "kv-purge-false")).not.to.have.property("enablePurgeProtection");
  });

  it("sets purge protection true when it is on", async () => {
    const vault = new KeyVault("kv-purge-on", {
      resourceGroupName: "rg-kv",
      location: "westeurope",
      vaultName: "kvpurgeon",
      tenantId: TENANT,
      enablePurgeProtection: true,
    });
    expect((await vaultProperties(vault, "kv-purge-on")).enablePurgeProtection).to.equal(true);
  });

  it("uses access policies, not RBAC, and declares no inline access policies", async () => {
    const vault = new KeyVault("kv-access", { resourceGroupName: "rg-kv", location: "westeurope", vaultName: "kvaccess", tenantId: TENANT });
    const properties = await vaultProperties(vault, "kv-access");

    expect(properties.enableRbacAuthorization).to.equal(false);
    expect(properties).not.to.have.property("accessPolicies");
  });

  it("accepts output-valued name and tenant", async () => {
    const vault = new KeyVault("kv-outputs", {
      resourceGroupName: pulumi.output("rg-kv"),
      location: "westeurope",
      vaultName: pulumi.output("kvoutputs"),
      tenantId: pulumi.output(TENANT),
    });
    const properties = await vaultProperties(vault, "kv-outputs");
    expect(properties.tenantId).to.equal(TENANT);
    expect(await promiseOf(vault.vaultName)).to.equal("kvoutputs");
  });

  it("exposes name, id and a vaultUri with a trailing slash", async () => {
    const vault = new KeyVault("kv-uri", { resourceGroupName: "rg-kv", location: "westeurope", vaultName: "kvuri-dst-abc123", tenantId: TENANT });

    expect(await promiseOf(vault.vaultUri)).to.equal("https://kvuri-dst-abc123.vault.azure.net/");
    expect(await promiseOf(vault.vaultName)).to.equal("kvuri-dst-abc123");
    // The mocks spell the provider namespace "Microsoft.Keyvault"; Azure ids compare case-insensitively.
    expect(await promiseOf(vault.vaultId)).to.match(
      /^\/subscriptions\/00000000-0000-0000-0000-000000000001\/resourceGroups\/rg-kv\/providers\/Microsoft\.KeyVault\/vaults\/kvuri-dst-abc123$/i,
    );
  });

  it("parents the vault to the component", async () => {
    const vault = new KeyVault("kv-tree", { resourceGroupName: "rg-kv", location: "westeurope", vaultName: "kvtree", tenantId: TENANT });
    await settled(vault.vaultUri);

    expect(recorded("kv-tree").type).to.equal("kvbr:keyvault:KeyVault");
    expect(childrenOf("kv-tree")).to.deep.equal([["azure-native:keyvault:Vault", "kv-tree-vault"]]);
    expect(mocks.unmockedCalls).to.deep.equal([]);
  });

  describe("withTrailingSlash", () => {
    it("adds a slash when there is none", () => {
      expect(withTrailingSlash("https://v.vault.azure.net")).to.equal("https://v.vault.azure.net/");
    });
    it("keeps a slash that is there", () => {
      expect(withTrailingSlash("https://v.vault.azure.net/")).to.equal("https://v.vault.azure.net/");
    });
  });
});
