import { expect } from "chai";
import { LocalEnvironment } from "../../../local/environment";
import { runWorkflow } from "../../../local/engine/run";
import { RunRecord } from "../../../local/engine/runRecord";
import { buildBackupWorkflow } from "../../../workflows/backup";
import { backup, describeRun, vaultSpec } from "./helpers";

/** Every way a backup can come out short ends Failed, under partial/, and says why. */
describe("end to end: a backup is complete or says what is missing", function () {
  this.timeout(120_000);
  let env: LocalEnvironment;
  before(async () => {
    env = await LocalEnvironment.start();
  });
  after(() => env?.stop());
  afterEach(() => env.clearBlobs());

  const failures = async (): Promise<Array<{ kind: string; error: string }>> => {
    const [blob] = await env.listBlobs();
    expect(blob.name).to.match(/^partial\//);
    const doc = JSON.parse((await env.azurite.serviceClient().getContainerClient(env.container).getBlobClient(blob.name).downloadToBuffer()).toString("utf8"));
    expect(doc.complete).to.equal(false);
    return doc.failures;
  };
  const incomplete = (run: RunRecord) => {
    expect(run.status, describeRun(run)).to.equal("Failed");
    expect(run.error!.code).to.equal("BackupIncomplete");
  };

  it("fails when a listing reaches its count of 5,000 pages with a nextLink still pending", async () => {
    const source = await env.addVault(vaultSpec("src", 3));
    source.faults = { endlessPages: true };
    const run = await backup(env, source.name, buildBackupWorkflow({ kinds: ["secrets"] }));
    incomplete(run);
    expect(source.counters.byOperation["secrets.list"]).to.equal(5000);
    expect(await failures()).to.deep.include({ kind: "secret", name: null, status: null, error: "The listing of secrets stopped before its last page (its count or timeout was reached); the objects after it are missing." });
  });

  it("fails when a listing runs out of time with a nextLink still pending", async () => {
    const source = await env.addVault(vaultSpec("src", 3));
    source.faults = { endlessPages: true, latencyMs: 5 };
    // One day of Until timeout, scaled to under 10 ms: the loop times out after a few pages.
    const run = await runWorkflow(buildBackupWorkflow({ kinds: ["secrets"] }), {
      parameters: { ...env.projectParameters(source.name) },
      connectors: { azureblob: env.blobConnector },
      timeScale: 1e-7,
    });
    incomplete(run);
    expect(run.actions.List_all_secrets.status).to.equal("TimedOut");
    expect((await failures()).map((f) => f.error)).to.deep.equal(["The listing of secrets stopped before its last page (its count or timeout was reached); the objects after it are missing."]);
  });

  it("fails when a listed page cannot be read into the backup list", async () => {
    const source = await env.addVault(vaultSpec("src", 3));
    source.faults = { malformedPages: true };
    const run = await backup(env, source.name, buildBackupWorkflow({ kinds: ["secrets"] }));
    incomplete(run);
    expect((await failures()).map((f) => f.error)).to.deep.equal(["A listed page could not be read into the backup list; its objects are missing."]);
  });

  it("fails naming the write when the document cannot be stored", async () => {
    const source = await env.addVault(vaultSpec("src", 2));
    await env.azurite.serviceClient().getContainerClient(env.container).delete();
    try {
      const run = await backup(env, source.name);
      expect(run.status).to.equal("Failed");
      expect(run.error!.code).to.equal("BackupNotWritten");
      expect(run.error!.message).to.contain("Backed up 2 of 2 listed object(s)");
    } finally {
      await env.azurite.serviceClient().getContainerClient(env.container).create();
    }
  });
});
