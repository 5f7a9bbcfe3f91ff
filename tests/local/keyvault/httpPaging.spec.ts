import { expect } from "chai";
import { seedVault } from "../../../local/keyvault";
import { errorOf, kv, lastSegment, listAll, pageOf, secretClient, useVaults } from "./helpers";

interface Item {
  id?: string;
  kid?: string;
  managed?: boolean;
}

/** List paging as the workflows' Until loop does it: follow nextLink as is, stop only when it is null. */
describe("keyvault emulator: list paging", () => {
  const startVault = useVaults();

  it("pages by maxresults with absolute nextLinks carrying their own api-version and $skiptoken", async () => {
    const vault = await startVault();
    seedVault(vault, { secrets: 23, keys: 0, certificates: 0 });
    const { items, pages } = await listAll<Item>(vault, "secrets?maxresults=10");

    expect(pages.map((p) => p.value.length)).to.deep.equal([10, 10, 3]);
    for (const link of pages.slice(0, 2).map((p) => p.nextLink ?? "")) {
      const url = new URL(link);
      expect(link.startsWith(`${vault.url}secrets?`)).to.equal(true);
      expect(url.searchParams.get("api-version")).to.equal("7.2");
      expect(url.searchParams.get("$skiptoken")).to.be.a("string").and.not.equal("");
      expect(url.searchParams.get("maxresults")).to.equal("10");
    }
    expect(pages[2].nextLink).to.equal(null);
    const names = items.map((i) => lastSegment(i.id ?? ""));
    expect(names).to.deep.equal(vault.inventory().secrets.map((s) => s.name));
  });

  it("serves 25 items a page when maxresults is absent", async () => {
    const vault = await startVault();
    seedVault(vault, { secrets: 0, keys: 30, certificates: 0 });
    const { items, pages } = await listAll<Item>(vault, "keys");
    expect(pages.map((p) => p.value.length)).to.deep.equal([25, 5]);
    // KeyItem names its id `kid`.
    expect(items.every((i) => typeof i.kid === "string" && i.id === undefined)).to.equal(true);
  });

  it("rejects maxresults outside 1..25 and a bad $skiptoken with 400", async () => {
    const vault = await startVault();
    for (const bad of ["0", "26", "abc", "2.5"]) {
      const answer = await kv(vault, "GET", `secrets?maxresults=${bad}`);
      expect(answer.status, bad).to.equal(400);
      expect(errorOf(answer).code).to.equal("BadParameter");
    }
    expect((await kv(vault, "GET", "secrets?maxresults=25")).status).to.equal(200);
    expect((await kv(vault, "GET", "secrets?$skiptoken=not-a-token")).status).to.equal(400);
  });

  it("with emptyPageRate 1 answers an empty page with a nextLink before every real page, and terminates", async () => {
    const vault = await startVault({ faults: { emptyPageRate: 1 } });
    seedVault(vault, { secrets: 12, keys: 0, certificates: 0 });

    const first = pageOf<Item>(await kv(vault, "GET", "secrets?maxresults=5"));
    expect(first.value).to.deep.equal([]);
    expect(first.nextLink).to.be.a("string");

    const { items, pages } = await listAll<Item>(vault, "secrets?maxresults=5");
    expect(pages.map((p) => p.value.length)).to.deep.equal([0, 5, 0, 5, 0, 2]);
    expect(items.map((i) => lastSegment(i.id ?? ""))).to.deep.equal(vault.inventory().secrets.map((s) => s.name));
  });

  it("lets the SecretClient list through empty pages too", async () => {
    const vault = await startVault({ faults: { emptyPageRate: 1 } });
    seedVault(vault, { secrets: 27, keys: 0, certificates: 0 });
    let n = 0;
    for await (const p of secretClient(vault).listPropertiesOfSecrets()) n += p.name.startsWith("secret-") ? 1 : 0;
    expect(n).to.equal(27);
    // The challenge, then empty, 25, empty, 2: the client really went through empty pages.
    expect(vault.counters.byOperation["secrets.list"]).to.equal(5);
  });

  it("pages the versions of an object and the deleted objects", async () => {
    const vault = await startVault();
    const versions = [1, 2, 3, 4, 5].map((i) => vault.setSecret("rotated", `v${i}`));
    const listed = await listAll<Item>(vault, "secrets/rotated/versions?maxresults=2");
    expect(listed.pages.map((p) => p.value.length)).to.deep.equal([2, 2, 1]);
    expect(listed.items.map((i) => lastSegment(i.id ?? ""))).to.deep.equal(versions);

    for (const name of ["a", "b", "c"]) {
      vault.setSecret(name, "x");
      expect((await kv(vault, "DELETE", `secrets/${name}`)).status).to.equal(200);
    }
    const deleted = await listAll<Item & { recoveryId?: string }>(vault, "deletedsecrets?maxresults=2");
    expect(deleted.pages.map((p) => p.value.length)).to.deep.equal([2, 1]);
    expect(deleted.items.map((i) => i.recoveryId)).to.deep.equal(["a", "b", "c"].map((n) => `${vault.url}deletedsecrets/${n}`));
  });

  it("marks only a certificate's key and secret as managed in the lists", async () => {
    const vault = await startVault();
    vault.setSecret("plain", "x");
    vault.createKey("plain-key");
    vault.createCertificate("site");
    const secrets = (await listAll<Item>(vault, "secrets")).items;
    const keys = (await listAll<Item>(vault, "keys")).items;
    expect(secrets.map((s) => [lastSegment(s.id ?? ""), s.managed])).to.deep.equal([
      ["plain", undefined],
      ["site", true],
    ]);
    expect(keys.map((k) => [lastSegment(k.kid ?? ""), k.managed])).to.deep.equal([
      ["plain-key", undefined],
      ["site", true],
    ]);
    const certificates = (await listAll<Item & { x5t?: string }>(vault, "certificates")).items;
    expect(certificates).to.have.length(1);
    expect(certificates[0].id).to.equal(`${vault.url}certificates/site`);
    expect(certificates[0].x5t).to.match(/^[A-Za-z0-9_-]{27}$/);
  });
});
