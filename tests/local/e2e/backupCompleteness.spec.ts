import { expect } from "chai";
import { LocalEnvironment } from "../../../local/environment";
import { runWorkflow } from "../../../local/engine/run";
import { RunRecord } from "../../../local/engine/runRecord";
import { backup, backupBlobs, blobJson, describeRun, readBackup, summaryOf, TEST_TIME_SCALE, useEnvironment, vaultSpec } from "./helpers";
import { BackupFailure, BackupManifest } from "../../../workflows/backupDocument";
import { Rewrite, vaultProxy } from "./vaultProxy";
import { projectDefinition } from "../../../local/projectWorkflows";

/** Every way a backup can come out short ends Failed, under partial/, and says why. */
describe("end to end: a backup is complete or says what is missing", function () {
  this.timeout(120_000);
  let env: LocalEnvironment;
  useEnvironment((started) => (env = started));

  const failures = async (): Promise<BackupFailure[]> => {
    const [blob] = await backupBlobs(env);
    expect(blob.name).to.match(/^partial\//);
    const doc = await blobJson<BackupManifest>(env, blob.name);
    expect(doc.complete).to.equal(false);
    return doc.failures;
  };
  const incomplete = (run: RunRecord) => {
    expect(run.status, describeRun(run)).to.equal("Failed");
    expect(run.error!.code).to.equal("BackupIncomplete");
  };

  it("fails when a listing reaches its count (5,000 pages, lowered to 50 through the engine's limits) with a nextLink still pending", async () => {
    const source = await env.addVault(vaultSpec("src", 3));
    source.faults = { endlessPages: true };
    const run = await runWorkflow(projectDefinition("backup", { changes: { kinds: ["secrets"] } }), { ...env.projectRun("backup", source.name), timeScale: TEST_TIME_SCALE, limits: { untilCount: 50 } });
    incomplete(run);
    expect(source.counters.byOperation["secrets.list"]).to.equal(50);
    expect(await failures()).to.deep.include({ kind: "secret", name: null, status: null, error: "The listing of secrets stopped before its last page (its count or timeout was reached); the objects after it are missing." });
  });

  it("fails when a listing runs out of time with a nextLink still pending", async () => {
    const source = await env.addVault(vaultSpec("src", 3));
    source.faults = { endlessPages: true, latencyMs: 5 };
    // One day of Until timeout, scaled to under 10 ms: the loop times out after a few pages.
    const run = await runWorkflow(projectDefinition("backup", { changes: { kinds: ["secrets"] } }), { ...env.projectRun("backup", source.name), timeScale: 1e-7 });
    incomplete(run);
    expect(run.actions.List_all_secrets.status).to.equal("TimedOut");
    expect((await failures()).map((f) => f.error)).to.deep.equal(["The listing of secrets stopped before its last page (its count or timeout was reached); the objects after it are missing."]);
  });

  it("fails when a listed page cannot be read into the backup list", async () => {
    const source = await env.addVault(vaultSpec("src", 3));
    source.faults = { malformedPages: true };
    const run = await backup(env, source.name, projectDefinition("backup", { changes: { kinds: ["secrets"] } }));
    incomplete(run);
    expect((await failures()).map((f) => f.error)).to.deep.equal(["A listed page could not be read into the backup list; its objects are missing."]);
  });

  /** A backup of `vault` through a proxy that rewrites Key Vault's answers. */
  const backupThrough = async (vault: string, rewrite: Rewrite): Promise<RunRecord> => {
    const proxy = await vaultProxy(env.vault(vault).url, rewrite);
    try {
      const run = env.projectRun("backup", vault);
      return await runWorkflow(projectDefinition("backup"), { ...run, parameters: { ...run.parameters, vaultBaseUrl: proxy.url }, timeScale: TEST_TIME_SCALE });
    } finally {
      await proxy.close();
    }
  };

  for (const answer of [{}, { value: null }, { value: "" }]) {
    it(`fails naming the object when its backup call is answered 200 with ${JSON.stringify(answer)}, and keeps it out of the document`, async () => {
      const source = await env.addVault(vaultSpec("src", 3));
      const run = await backupThrough(source.name, ({ method, path, status }) => (method === "POST" && path === "/secrets/secret-0002/backup" && status === 200 ? answer : undefined));
      incomplete(run);
      expect(summaryOf(run).backedUp).to.deep.equal({ certificates: 0, keys: 0, secrets: 2 });
      expect((await failures()).map((f) => [f.kind, (f as { name?: string }).name])).to.deep.equal([["secret", "secret-0002"]]);
      const [blob] = await backupBlobs(env);
      const { manifest, items } = await readBackup(env, blob.name);
      const others = source.inventory().secrets.map((x) => x.name).filter((n) => n !== "secret-0002");
      expect(others).to.have.length(2);
      expect(items.map((i) => i.name).sort()).to.deep.equal(others.sort());
      expect(manifest.counts.secrets).to.equal(2);
    });
  }

  for (const page of [{}, { value: null }]) {
    it(`fails when a list page is answered 200 with ${JSON.stringify(page)}, instead of taking it for an empty last page`, async () => {
      const source = await env.addVault(vaultSpec("src", 30));
      const run = await backupThrough(source.name, ({ method, path, status, body }) =>
        method === "GET" && path === "/secrets" && status === 200 && (body as { nextLink?: string })?.nextLink ? page : undefined,
      );
      incomplete(run);
      expect((await failures()).map((f) => f.error)).to.deep.equal(["A listed page could not be read into the backup list; its objects are missing."]);
    });
  }

  it("fails naming the write when neither the parts nor the manifest can be stored", async () => {
    const source = await env.addVault(vaultSpec("src", 2));
    await env.azurite.serviceClient().getContainerClient(env.container).delete();
    try {
      const run = await backup(env, source.name);
      expect(run.status).to.equal("Failed");
      expect(run.error!.code).to.equal("BackupNotWritten");
      // The part's write failed first, so its objects count as not backed up.
      expect(run.error!.message).to.contain("no backup of this run was stored");
      expect(run.error!.message).to.contain("Backed up 0 of 2 listed object(s)");
    } finally {
      await env.azurite.serviceClient().getContainerClient(env.container).create();
    }
  });
});
