import { backupBlobNameAt } from "../../../workflows/backupNames";
import { expect } from "chai";
import { LocalEnvironment } from "../../../local/environment";
import { backup, backupBlobs, describeRun, restore, summaryOf, vaultSpec } from "./helpers";
import { sharedAzurite } from "../../sharedAzurite";

/** A bad backup document must fail the restore with a clear error before anything is written to the target. */
describe("end to end: restore refuses bad backup documents", function () {
  this.timeout(60_000);
  let env: LocalEnvironment;
  let good: string;
  before(async () => {
    env = await LocalEnvironment.start({ azurite: await sharedAzurite() });
    const source = await env.addVault(vaultSpec("src", 5, 2, 1));
    const b = await backup(env, source.name);
    expect(b.status, describeRun(b)).to.equal("Succeeded");
    // The manifest alone: its parts are cleared with the rest, so only checks made before any part is read can pass.
    const [blob] = await backupBlobs(env);
    good = (await env.azurite.serviceClient().getContainerClient(env.container).getBlobClient(blob.name).downloadToBuffer()).toString("utf8");
    await env.clearBlobs();
  });
  after(() => env?.stop());
  afterEach(() => env.clearBlobs());

  /** Put a document where restore's "latest" finds it, run restore into a fresh empty vault. */
  async function restoreFrom(content: string) {
    await env.azurite.serviceClient().getContainerClient(env.container).getBlockBlobClient(`backups/${backupBlobNameAt(new Date(), "bad")}`).upload(content, Buffer.byteLength(content), {
      blobHTTPHeaders: { blobContentType: "application/json" },
    });
    const target = await env.addVault(vaultSpec("dst"));
    const run = await restore(env, target.name);
    const writes = Object.entries(target.counters.byOperation)
      .filter(([op]) => op.endsWith(".restore"))
      .reduce((n, [, c]) => n + c, 0);
    return { run, writes, target };
  }

  const cases: Array<[string, () => string, string]> = [
    ["corrupt (not JSON)", () => "{this is not json", "BackupInvalid"],
    ["truncated (cut in half)", () => good.slice(0, Math.floor(good.length / 2)), "BackupInvalid"],
    ["truncated (a part removed, counts kept)", () => JSON.stringify({ ...JSON.parse(good), parts: JSON.parse(good).parts.slice(1) }), "BackupInvalid"],
    ["a manifest that lost its parts list", () => JSON.stringify({ ...JSON.parse(good), parts: undefined }), "BackupInvalid"],
    ["a format-1 document without items", () => JSON.stringify({ ...JSON.parse(good), formatVersion: 1, parts: undefined }), "BackupInvalid"],
    ["of an unknown format version", () => JSON.stringify({ ...JSON.parse(good), formatVersion: 3 }), "BackupInvalid"],
    ["of another format", () => JSON.stringify([{ name: "x", value: "y" }]), "BackupInvalid"],
  ];
  for (const [what, content, code] of cases) {
    it(`fails on a document that is ${what}, writing nothing`, async () => {
      const { run, writes, target } = await restoreFrom(content());
      expect(run.status, describeRun(run)).to.equal("Failed");
      expect(run.error!.code).to.equal(code);
      expect(run.error!.message).to.contain("Nothing was restored");
      expect(writes).to.equal(0);
      expect(target.inventory()).to.deep.equal({ secrets: [], keys: [], certificates: [] });
    });
  }

  it("fails naming every part it could not read when the parts are gone, and writes nothing", async () => {
    const { run, writes } = await restoreFrom(good);
    expect(run.status, describeRun(run)).to.equal("Failed");
    expect(run.error!.code).to.equal("RestoreIncomplete");
    expect(writes).to.equal(0);
    const unread = (summaryOf(run).notRestored as Array<{ kind: string; error: string }>).map((n) => [n.kind, n.error.replace(/parts\/[^ ]+\//, "parts/…/")]);
    expect(unread).to.deep.equal(
      ["certificate", "key", "secret"].map((k, i) => [k, `Part parts/…/${k}-0.json of ${[1, 2, 5][i]} object(s) could not be read or is not a valid part; it was not restored.`]),
    );
  });

  it("fails when there is no backup at all", async () => {
    const target = await env.addVault(vaultSpec("dst"));
    const run = await restore(env, target.name);
    expect(run.status).to.equal("Failed");
    expect(run.error!.code).to.equal("BackupNotFound");
  });
});
