import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { VAULT_CONTROL_PLANE } from "../../components/keyVault";

const ROOT = path.join(__dirname, "..", "..");
const azureNative = (file: string) => fs.readFileSync(path.join(ROOT, "node_modules", "@pulumi", "azure-native", file), "utf8");

/**
 * The vault resources' control-plane API version is a pinned fact: a newer azure-native may call another
 * version (2026-02-01 makes new vaults RBAC by default), so changing it must be a decision, made here.
 */
describe("Key Vault control-plane API version", () => {
  it("is pinned: package.json names azure-native exactly, and the lockfile installs that version", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { dependencies: Record<string, string> };
    expect(pkg.dependencies["@pulumi/azure-native"]).to.equal(VAULT_CONTROL_PLANE.azureNative);
    expect((JSON.parse(azureNative("package.json")) as { version: string }).version).to.equal(VAULT_CONTROL_PLANE.azureNative);
  });

  it("is the version the installed Vault resource and getVault function call", () => {
    for (const file of ["keyvault/vault.d.ts", "keyvault/getVault.d.ts"]) {
      expect(azureNative(file), file).to.match(new RegExp(`Uses Azure REST API version ${VAULT_CONTROL_PLANE.apiVersion.replace(/-/g, "\\-")}\\b`));
    }
  });

  it("offers 2026-02-01, the version the upgrade path moves to, as a local package of the installed azure-native", () => {
    expect(azureNative("keyvault/vault.d.ts")).to.match(/Other available API versions: [^\n]*\b2026-02-01\b/);
  });
});
