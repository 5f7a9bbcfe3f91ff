import { expect } from "chai";
import { EMULATOR_TENANT_ID } from "../../../local/keyvault";
import { errorOf, jwt, kv, useVaults } from "./helpers";
import { signToken } from "../../../local/localTokens";

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

  it("with access policies, answers Azure's 403 unless the caller's object id holds the operation's permission", async () => {
    const oid = "0b5c2a71-4e1d-4c3b-9a60-00000000b4c1";
    const vault = await startVault({ name: "kv-auth", accessPolicies: [{ objectId: oid, permissions: { secrets: ["list", "backup"] } }] });
    vault.setSecret("s", "v");
    const token = signToken({ aud: "https://vault.azure.net", oid: oid.toUpperCase(), appid: "app-1", iss: "https://sts.windows.net/t/" });
    expect((await kv(vault, "GET", "secrets", { token })).status, "list, object id in another case").to.equal(200);
    expect((await kv(vault, "POST", "secrets/s/backup", { token })).status).to.equal(200);
    const get = await kv(vault, "GET", "secrets/s", { token });
    expect(get.status).to.equal(403);
    expect(get.body).to.deep.equal({
      error: {
        code: "Forbidden",
        message: `The user, group or application 'appid=app-1;oid=${oid.toUpperCase()};iss=https://sts.windows.net/t/' does not have secrets get permission on key vault 'kv-auth;location=westeurope'. For help resolving this issue, please see https://go.microsoft.com/fwlink/?linkid=2125287`,
        innererror: { code: "AccessDenied" },
      },
    });
    expect((await kv(vault, "GET", "keys", { token })).status, "no grant for keys").to.equal(403);
    const other = signToken({ aud: "https://vault.azure.net", oid: "someone-else" });
    expect((await kv(vault, "GET", "secrets", { token: other })).status).to.equal(403);
    // Tokens not signed here, expired, or opaque do not authenticate at all where policies apply.
    const forged = jwt({ aud: "https://vault.azure.net", oid });
    expect(errorOf(await kv(vault, "GET", "secrets", { token: forged }))).to.deep.include({ code: "Unauthorized" });
    const expired = signToken({ aud: "https://vault.azure.net", oid, exp: Math.floor(Date.now() / 1000) - 60 });
    expect((await kv(vault, "GET", "secrets", { token: expired })).status).to.equal(401);
    expect((await kv(vault, "GET", "secrets", { token: "fake" })).status, "an opaque token").to.equal(401);
    vault.accessPolicies = [];
    expect((await kv(vault, "GET", "secrets", { token })).status, "a vault without policies refuses everyone").to.equal(403);
    vault.accessPolicies = undefined;
    expect((await kv(vault, "GET", "secrets", { token: "fake" })).status, "no authorization configured").to.equal(200);
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
