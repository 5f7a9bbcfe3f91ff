import { expect } from "chai";
import { EMULATOR_TENANT_ID } from "../../../local/keyvault";
import { errorOf, jwt, kv, useVaults } from "./helpers";

/** What a Logic App HTTP action with a managed identity meets: the challenge, audience checks, api-version. */
describe("keyvault emulator: authentication and api-version", () => {
  const startVault = useVaults();

  it("answers a request without a bearer token with the 401 challenge and does not process it", async () => {
    const vault = await startVault();
    const answer = await kv(vault, "PUT", "secrets/unauthenticated", { token: null, body: { value: "x" } });

    expect(answer.status).to.equal(401);
    expect(answer.headers.get("www-authenticate")).to.equal(
      `Bearer authorization="https://login.microsoftonline.com/${EMULATOR_TENANT_ID}", resource="https://vault.azure.net"`,
    );
    expect(errorOf(answer)).to.deep.equal({ code: "Unauthorized", message: "AKV10000: Request is missing a Bearer or PoP token." });
    expect(vault.inventory().secrets).to.deep.equal([]);
    expect(vault.counters.byStatus).to.deep.equal({ "401": 1 });
    expect(vault.counters.byOperation).to.deep.equal({ "secrets.set": 1 });
  });

  it("checks the audience of a JWT: the Key Vault resource with or without a trailing slash", async () => {
    const vault = await startVault();
    vault.setSecret("s", "v");
    for (const aud of ["https://vault.azure.net", "https://vault.azure.net/"]) {
      expect((await kv(vault, "GET", "secrets/s", { token: jwt({ aud }) })).status, aud).to.equal(200);
    }
    const wrong = await kv(vault, "GET", "secrets/s", { token: jwt({ aud: "https://management.azure.com/" }) });
    expect(wrong.status).to.equal(401);
    expect(errorOf(wrong).message).to.equal("AKV10022: Invalid audience. Expected https://vault.azure.net, found: https://management.azure.com/.");
    expect(wrong.headers.get("www-authenticate")).to.contain('resource="https://vault.azure.net"');
    expect((await kv(vault, "GET", "secrets/s", { token: jwt({ sub: "no audience" }) })).status).to.equal(401);
  });

  it("accepts an opaque token, as the SDK test credential sends", async () => {
    const vault = await startVault();
    vault.setSecret("s", "v");
    const answer = await kv(vault, "GET", "secrets/s", { token: "fake" });
    expect(answer.status).to.equal(200);
    expect((answer.body as { value: string }).value).to.equal("v");
  });

  it("requires a supported api-version: missing or unknown is a 400, 7.x and 2025-07-01 are served", async () => {
    const vault = await startVault();
    vault.setSecret("s", "v");
    const missing = await kv(vault, "GET", "secrets/s", { apiVersion: null });
    expect(missing.status).to.equal(400);
    expect(errorOf(missing).code).to.equal("BadParameter");
    expect((await kv(vault, "GET", "secrets/s", { apiVersion: "2099-01-01" })).status).to.equal(400);
    for (const version of ["7.2", "7.4", "7.6-preview.1", "2025-07-01"]) {
      expect((await kv(vault, "GET", "secrets/s", { apiVersion: version })).status, version).to.equal(200);
    }
  });

  it("answers 404 in Azure's shape for unknown objects and unknown paths", async () => {
    const vault = await startVault();
    const missing = await kv(vault, "GET", "keys/nothing");
    expect(missing.status).to.equal(404);
    expect(errorOf(missing).code).to.equal("KeyNotFound");
    expect(errorOf(missing).message).to.match(/^A key with \(name\/id\) nothing was not found in this key vault\./);
    const deleted = await kv(vault, "GET", "deletedcertificates/nothing");
    expect(errorOf(deleted)).to.deep.equal({ code: "CertificateNotFound", message: "Deleted Certificate not found: nothing" });
    expect((await kv(vault, "GET", "storage")).status).to.equal(404);
    expect(vault.counters.byOperation.unknown).to.equal(1);
  });
});
