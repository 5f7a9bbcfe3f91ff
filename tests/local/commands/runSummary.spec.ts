import { expect } from "chai";
import { LocalEnvironment } from "../../../local/environment";
import { describeSummary, summaryOf } from "../../../local/commands/runSummary";
import { backupBlobNameAt } from "../../../workflows/backupNames";
import { asFormat1, backup, backupBlobs, restore, vaultSpec } from "../e2e/helpers";
import { sharedAzurite } from "../../sharedAzurite";

/** What `kvbr run` prints from a run's Summary, on Summaries the project's own workflows wrote. */
describe("kvbr run: the Summary of a failed run", function () {
  this.timeout(60_000);
  let env: LocalEnvironment;
  before(async () => void (env = await LocalEnvironment.start({ azurite: await sharedAzurite() })));
  after(() => env?.stop());
  afterEach(() => env.clearBlobs());

  it("names each object a backup could not back up, with its status and Key Vault's message", async () => {
    const source = await env.addVault(vaultSpec("src", 3));
    const lost = source.inventory().secrets[1].name;
    source.faults = { unavailableObjects: [lost] };
    const run = await backup(env, source.name);
    expect(run.status).to.equal("Failed");
    const lines = describeSummary(summaryOf(run)!);
    expect(lines[0]).to.match(/^ {2}summary: backup="partial\/[^"]+\.json" complete=false listed=\{"certificates":0,"keys":0,"secrets":3\} backedUp=\{"certificates":0,"keys":0,"secrets":2\} parts=1$/);
    expect(lines.slice(1)).to.deep.equal([`  not backed up: secret '${lost}' (HTTP 503): The service is temporarily unavailable. Retry the request.`]);
  });

  it("names each item a restore did not restore and each name missing from the target", async () => {
    const source = await env.addVault(vaultSpec("src", 3));
    expect((await backup(env, source.name)).status).to.equal("Succeeded");
    const [written] = await backupBlobs(env);
    const container = env.azurite.serviceClient().getContainerClient(env.container);
    const doc = await asFormat1(env, written.name);
    await env.clearBlobs();
    const [corrupt, discarded] = doc.items.map((i) => i.name);
    doc.items[0].value = doc.items[0].value.slice(0, -8);
    const text = JSON.stringify(doc);
    await container.getBlockBlobClient(`backups/${backupBlobNameAt(new Date(), "TAMPERED")}`).upload(text, Buffer.byteLength(text));
    const target = await env.addVault(vaultSpec("dst"));
    target.faults = { discardedRestores: [discarded] };
    const run = await restore(env, target.name);
    expect(run.status).to.equal("Failed");
    const lines = describeSummary(summaryOf(run)!);
    expect(lines.filter((l) => l.startsWith("  not restored: "))).to.have.length(1);
    expect(lines.find((l) => l.startsWith("  not restored: "))).to.match(new RegExp(`^  not restored: secret '${corrupt}': failed \\(HTTP 400\\): .+`));
    expect(lines.filter((l) => l.startsWith("  not in the target"))).to.deep.equal([`  not in the target after the restore: secret/${corrupt.toLowerCase()}`, `  not in the target after the restore: secret/${discarded.toLowerCase()}`].sort());
  });

  it("has nothing to print for a run that stopped before its Summary", async () => {
    const target = await env.addVault(vaultSpec("dst"));
    const run = await restore(env, target.name);
    expect(run.error!.code).to.equal("BackupNotFound");
    expect(summaryOf(run)).to.equal(undefined);
  });
});
