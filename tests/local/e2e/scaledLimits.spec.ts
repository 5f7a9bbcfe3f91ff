import { expect } from "chai";
import { LocalEnvironment } from "../../../local/environment";
import { inventoryDifferences } from "../../../local/inventoryCheck";
import { runWorkflow } from "../../../local/engine/run";
import { RunRecord } from "../../../local/engine/runRecord";
import { RunLimits } from "../../../local/engine/runLimits";
import { projectDefinition } from "../../../local/projectWorkflows";
import { StackConfig } from "../../../config";
import { BackupFailure, BackupManifest } from "../../../workflows/backupDocument";
import { backupBlobs, blobJson, describeRun, summaryOf, TEST_TIME_SCALE, useEnvironment, vaultSpec } from "./helpers";

/**
 * Each of Azure's run-time limits that a large vault reaches, lowered through the engine's options so that
 * a few hundred or thousand objects reach it: the design stays within it, or the run fails naming what is
 * missing. (At full size the same shows in `npm run bench`: 100,000 objects within the real limits.)
 */
describe("end to end: Azure's limits, scaled down", function () {
  this.timeout(60_000);
  let env: LocalEnvironment;
  useEnvironment((e) => (env = e));

  const run = (which: "backup" | "restore", vault: string, limits: Partial<RunLimits>, changes: Partial<StackConfig> = {}): Promise<RunRecord> =>
    runWorkflow(projectDefinition(which, { changes }), { ...env.projectRun(which, vault), trigger: { body: {} }, timeScale: TEST_TIME_SCALE, limits });
  const failuresOf = async (): Promise<BackupFailure[]> => {
    const [manifest] = await backupBlobs(env);
    expect(manifest.name).to.match(/^partial\//);
    return (await blobJson<BackupManifest>(env, manifest.name)).failures;
  };

  it("action content: 500 objects of the 60/30/10 mix at real sizes, more than the limit in all, pass through actions of at most the limit", async () => {
    const limit = 4 * 1024 * 1024;
    const source = await env.addVault(vaultSpec("src", 300, 150, 50));
    const target = await env.addVault(vaultSpec("dst"));
    const b = await run("backup", source.name, { actionContentBytes: limit });
    expect(b.status, describeRun(b)).to.equal("Succeeded");
    const stored = (await env.listBlobs()).reduce((n, x) => n + x.size, 0);
    expect(stored, "one document holding everything would not fit").to.be.greaterThan(limit);
    const r = await run("restore", target.name, { actionContentBytes: limit });
    expect(r.status, describeRun(r)).to.equal("Succeeded");
    expect(inventoryDifferences(source.inventory(), target.inventory())).to.deep.equal([]);
    for (const x of [b, r]) expect(x.counters.largestContent.bytes).to.be.below(limit);
  });

  it("Until cycles: a listing that reaches its count fails the backup naming the kind; one within it backs up", async () => {
    // 8 cycles: 8 pages of 25 names.
    const within = await env.addVault(vaultSpec("src", 190));
    expect((await run("backup", within.name, { untilCount: 8 }, { backupPartObjects: { secrets: 50, keys: 800, certificates: 200 } })).status).to.equal("Succeeded");
    await env.clearBlobs();
    const over = await env.addVault(vaultSpec("src", 210));
    const b = await run("backup", over.name, { untilCount: 8 });
    expect(b.status).to.equal("Failed");
    expect(b.error!.code).to.equal("BackupIncomplete");
    expect((await failuresOf()).map((f) => f.error)).to.deep.equal([
      "The listing of secrets stopped before its last page (its count or timeout was reached); the objects after it are missing.",
    ]);
  });

  it("Until cycles: a part loop that reaches its count fails the backup naming where it stopped", async () => {
    const source = await env.addVault(vaultSpec("src", 90));
    // 10 names a part: 9 parts, but the loop may run 8 cycles.
    const b = await run("backup", source.name, { untilCount: 8 }, { backupPartObjects: { secrets: 10, keys: 800, certificates: 200 } });
    expect(b.status).to.equal("Failed");
    expect(summaryOf(b).backedUp).to.deep.equal({ certificates: 0, keys: 0, secrets: 80 });
    expect((await failuresOf()).map((f) => f.error)).to.deep.equal(["The backup of secrets stopped after 8 parts (its count or timeout was reached); the objects after it are missing."]);
  });

  it("Until cycles: a restore whose part loop reaches its count fails naming the parts it never read", async () => {
    const source = await env.addVault(vaultSpec("src", 90));
    const small = { backupPartObjects: { secrets: 10, keys: 800, certificates: 200 } };
    expect((await run("backup", source.name, {}, small)).status).to.equal("Succeeded");
    const target = await env.addVault(vaultSpec("dst"));
    const r = await run("restore", target.name, { untilCount: 8 });
    expect(r.status).to.equal("Failed");
    expect(summaryOf(r).restored).to.deep.equal({ certificates: 0, keys: 0, secrets: 80 });
    expect((summaryOf(r).notRestored as Array<{ error: string }>).map((n) => n.error)).to.deep.equal([
      "The restore of secrets stopped after 8 of 9 parts (its count or timeout was reached); the parts after it were not restored.",
    ]);
  });

  it("Foreach items: a part larger than the limit is named as not backed up; parts within it back up", async () => {
    const source = await env.addVault(vaultSpec("src", 150));
    expect((await run("backup", source.name, { foreachItems: 100 }, { backupPartObjects: { secrets: 100, keys: 800, certificates: 200 } })).status).to.equal("Succeeded");
    await env.clearBlobs();
    const b = await run("backup", source.name, { foreachItems: 100 });
    expect(b.status).to.equal("Failed");
    expect((await failuresOf()).map((f) => f.error)).to.deep.equal(["The results of part 0 of secrets (150 objects) could not be read; the part is not in this backup."]);
  });

  it("array variable items: a restore that cannot record its outcomes fails instead of reporting success", async () => {
    const source = await env.addVault(vaultSpec("src", 60));
    expect((await run("backup", source.name, {})).status).to.equal("Succeeded");
    // Every name already there: 60 skipped records, more than `results` may hold.
    const target = await env.addVault(vaultSpec("dst"));
    for (const s of source.inventory().secrets) target.setSecret(s.name, "already here");
    const r = await run("restore", target.name, { arrayVariableItems: 50 });
    expect(r.status).to.equal("Failed");
    expect(r.error!.message).to.contain("1 part(s) not processed in full");
  });

  it("variable size: a listing that outgrows its variable fails the backup naming the kind", async () => {
    const source = await env.addVault(vaultSpec("src", 120));
    const b = await run("backup", source.name, { variableCharacters: 1_000, untilCount: 40 });
    expect(b.status).to.equal("Failed");
    expect((await failuresOf()).map((f) => f.error)).to.include("The listing of secrets stopped before its last page (its count or timeout was reached); the objects after it are missing.");
  });

  it("refuses a limit raised above Azure's, or one that is not a run-time limit", async () => {
    const source = await env.addVault(vaultSpec("src", 1));
    await runWorkflow(projectDefinition("backup"), { ...env.projectRun("backup", source.name), limits: { foreachItems: 100_001 } }).then(
      () => expect.fail("a raised limit was accepted"),
      (err: Error) => expect(err.message).to.equal("limits.foreachItems: must be a whole number from 1 to Azure's 100000, got 100001"),
    );
  });
});
