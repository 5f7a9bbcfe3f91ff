import { expect } from "chai";
import { LocalEnvironment } from "../../../local/environment";
import { countsOf, inventoryDifferences } from "../../../local/inventoryCheck";
import { backup, backupBlobs, describeRun, readBackup, restore, summaryOf, useEnvironment, vaultSpec } from "./helpers";
import { projectDefinition } from "../../../local/projectWorkflows";
import { runWorkflow } from "../../../local/engine/run";

/** The generated backup and restore definitions, run by the local engine against Azurite and Key Vault emulators. */
describe("end to end: backup then restore", function () {
  this.timeout(120_000);
  let env: LocalEnvironment;
  useEnvironment((started) => (env = started));

  it("restores every name and version of several pages of each kind, across empty pages with a nextLink", async () => {
    const source = await env.addVault(vaultSpec("src", 60, 30, 27));
    const target = await env.addVault(vaultSpec("dst"));
    // Every real page comes after an empty one that still has a nextLink.
    source.faults = { emptyPageRate: 1 };
    const b = await backup(env, source.name);
    expect(b.status, describeRun(b)).to.equal("Succeeded");
    // 87 secrets (27 of them certificate-backed) are 4 real pages, each after an empty one.
    expect(source.counters.byOperation["secrets.list"]).to.equal(8);
    source.faults = {};
    const blobs = await backupBlobs(env);
    expect(blobs.map((x) => x.name)).to.have.length(1);
    expect(blobs[0].name).to.match(/^backups\/1\d{14}-\d{8}T\d{6}Z-.+\.json$/);
    // One part per kind at these sizes, each under the backup's own folder of parts.
    const stem = blobs[0].name.slice("backups/".length, -".json".length);
    expect((await readBackup(env, blobs[0].name)).manifest.parts.map((p) => p.blob)).to.deep.equal(["certificate", "key", "secret"].map((k) => `parts/${stem}/${k}-0.json`));

    const r = await restore(env, target.name);
    expect(r.status, describeRun(r)).to.equal("Succeeded");
    expect(inventoryDifferences(source.inventory(), target.inventory())).to.deep.equal([]);
    const counts = countsOf(source.inventory());
    // 27 certificates bring 27 managed keys and secrets, which travel inside the certificates' backups.
    expect(counts).to.deep.equal({ secrets: 87, keys: 57, certificates: 27 });
    expect(summaryOf(r)).to.deep.include({
      inBackup: { certificates: 27, keys: 30, secrets: 60 },
      restored: { certificates: 27, keys: 30, secrets: 60 },
      skipped: { certificates: 0, keys: 0, secrets: 0 },
      failed: { certificates: 0, keys: 0, secrets: 0 },
      inTarget: counts,
    });
  });

  it("keeps every backup blob out of both runs' history, hiding what reads the calls' results by where its inputs come from", async () => {
    const source = await env.addVault(vaultSpec("src", 4, 2, 1));
    const target = await env.addVault(vaultSpec("dst"));
    const b = await backup(env, source.name);
    const r = await restore(env, target.name);
    expect([b.status, r.status], describeRun(r)).to.deep.equal(["Succeeded", "Succeeded"]);
    const [blob] = await backupBlobs(env);
    const values = (await readBackup(env, blob.name)).items.map((i) => i.value);
    expect(values).to.have.length(7);
    const history = JSON.stringify([b.actions, r.actions]);
    for (const value of values) expect(history.includes(value.slice(0, 64))).to.equal(false);
    for (const kind of ["secrets", "keys", "certificates"]) {
      for (const e of [...b.actions[`Outcomes_${kind}`].executions, ...b.actions[`Not_backed_up_${kind}`].executions]) expect(e.inputs).to.equal("[secured]");
    }
  });

  it("skips exactly the names the target already holds and restores the rest", async () => {
    const source = await env.addVault(vaultSpec("src", 30, 3, 0));
    const target = await env.addVault(vaultSpec("dst"));
    const taken = source.inventory().secrets.slice(0, 4).map((s) => s.name);
    for (const name of taken) target.setSecret(name, "already here");
    expect((await backup(env, source.name)).status).to.equal("Succeeded");

    const r = await restore(env, target.name);
    expect(r.status, describeRun(r)).to.equal("Succeeded");
    const summary = summaryOf(r);
    expect(summary.restored).to.deep.equal({ certificates: 0, keys: 3, secrets: 26 });
    expect(summary.skipped).to.deep.equal({ certificates: 0, keys: 0, secrets: 4 });
    expect((summary.notRestored as Array<{ name: string; outcome: string }>).map((n) => n.name).sort()).to.deep.equal([...taken].sort());
    // The taken names kept their own single version: nothing was overwritten.
    for (const name of taken) expect(target.inventory().secrets.find((s) => s.name === name)!.versions).to.have.length(1);
  });

  it("fails the run under conflict policy fail when a name is taken", async () => {
    const source = await env.addVault(vaultSpec("src", 3));
    const target = await env.addVault(vaultSpec("dst"));
    target.setSecret(source.inventory().secrets[0].name, "taken");
    await backup(env, source.name);
    const r = await restore(env, target.name, {}, projectDefinition("restore", { changes: { conflictPolicy: "fail" } }));
    expect(r.status).to.equal("Failed");
    expect(r.error!.code).to.equal("RestoreIncomplete");
    expect(summaryOf(r).failed).to.deep.equal({ certificates: 0, keys: 0, secrets: 1 });
  });

  it("keeps every object under 10% throttling and 2% server errors", async () => {
    const source = await env.addVault(vaultSpec("src", 120, 10, 5));
    const target = await env.addVault(vaultSpec("dst"));
    source.faults = { throttleRate: 0.1, errorRate: 0.02 };
    target.faults = { throttleRate: 0.1, errorRate: 0.02 };
    const b = await backup(env, source.name);
    expect(b.status, describeRun(b)).to.equal("Succeeded");
    expect(b.counters.retries).to.be.greaterThan(0);
    const r = await restore(env, target.name);
    expect(r.status, describeRun(r)).to.equal("Succeeded");
    expect(inventoryDifferences(source.inventory(), target.inventory())).to.deep.equal([]);
  });

  it("writes a run with a failing item under the partial prefix, fails it, and restore's latest ignores it", async () => {
    const source = await env.addVault(vaultSpec("src", 4));
    const target = await env.addVault(vaultSpec("dst"));
    expect((await backup(env, source.name)).status).to.equal("Succeeded");
    const complete = (await backupBlobs(env)).map((x) => x.name);
    const broken = source.inventory().secrets[1].name;
    source.faults = { unavailableObjects: [broken] };
    const partial = await backup(env, source.name);
    expect(partial.status).to.equal("Failed");
    expect(partial.error!.code).to.equal("BackupIncomplete");
    expect(partial.error!.message).to.contain("Backed up 3 of 4 listed object(s); 1 failure(s)");
    const written = (await backupBlobs(env)).map((x) => x.name).filter((n) => !complete.includes(n));
    expect(written).to.have.length(1);
    expect(written[0]).to.match(/^partial\//);

    const r = await restore(env, target.name);
    expect(r.status, describeRun(r)).to.equal("Succeeded");
    expect(summaryOf(r).backup).to.equal(`/${env.container}/${complete[0]}`);
    expect(target.inventory().secrets.map((x) => x.name)).to.include(broken);
  });

  it("backs up when its Recurrence trigger fires, the same as over HTTP", async () => {
    const source = await env.addVault(vaultSpec("src", 3, 1));
    const definition = projectDefinition("backup", { changes: { backupSchedule: { frequency: "Day", interval: 1, hours: [2], minutes: [0] } } });
    const run = await runWorkflow(definition, { ...env.projectRun("backup", source.name), trigger: { name: "schedule" }, timeScale: 0 });
    expect(run.status, describeRun(run)).to.equal("Succeeded");
    expect(run.trigger).to.include({ name: "schedule", type: "Recurrence" });
    expect((await backupBlobs(env)).map((x) => x.name)).to.have.length(1);
  });

  it("restores a backup named in the trigger body, and refuses one that does not exist before writing", async () => {
    const source = await env.addVault(vaultSpec("src", 2));
    const target = await env.addVault(vaultSpec("dst"));
    await backup(env, source.name);
    const name = (await env.listBlobs())[0].name.replace(/^backups\//, "");
    const missing = await restore(env, target.name, { backup: "20000101T000000Z-nope.json" });
    expect(missing.status).to.equal("Failed");
    expect(missing.error!.code).to.equal("BackupNotFound");
    expect(target.counters.byOperation["secrets.restore"] ?? 0).to.equal(0);
    const named = await restore(env, target.name, { backup: name });
    expect(named.status, describeRun(named)).to.equal("Succeeded");
    expect(summaryOf(named).backup).to.equal(`/${env.container}/backups/${name}`);
  });
});
