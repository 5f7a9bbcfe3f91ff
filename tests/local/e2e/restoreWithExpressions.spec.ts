import { backupBlobNameAt } from "../../../workflows/backupNames";
import { expect } from "chai";
import { LocalEnvironment } from "../../../local/environment";
import { inventoryDifferences } from "../../../local/inventoryCheck";
import { projectDefinition } from "../../../local/projectWorkflows";
import { backup, describeRun, restore, summaryOf, useEnvironment, vaultSpec } from "./helpers";

/** The restore variant for stacks without an integration account: it picks the backup with expressions. */
describe("end to end: restore without an integration account (expression picker)", function () {
  this.timeout(120_000);
  const definition = projectDefinition("restore", { changes: { integrationAccount: "none" } });
  let env: LocalEnvironment;
  useEnvironment((started) => (env = started));

  it("uses no inline JavaScript", () => {
    expect(JSON.stringify(definition)).to.not.contain("JavaScriptCode");
  });

  it("restores the latest complete backup, ignoring a later partial one", async () => {
    const source = await env.addVault(vaultSpec("src", 30, 4, 2));
    const target = await env.addVault(vaultSpec("dst"));
    expect((await backup(env, source.name)).status).to.equal("Succeeded");
    const complete = (await env.listBlobs())[0].name;
    source.faults = { unavailableObjects: [source.inventory().secrets[0].name] };
    expect((await backup(env, source.name)).status).to.equal("Failed");
    source.faults = {};
    const r = await restore(env, target.name, {}, definition);
    expect(r.status, describeRun(r)).to.equal("Succeeded");
    expect(summaryOf(r).backup).to.equal(`/${env.container}/${complete}`);
    expect(inventoryDifferences(source.inventory(), target.inventory())).to.deep.equal([]);
  });

  it("restores a named backup, and stops with BackupNotFound for a missing name or when there is none", async () => {
    const target = await env.addVault(vaultSpec("dst"));
    const none = await restore(env, target.name, {}, definition);
    expect(none.status).to.equal("Failed");
    expect(none.error!.code).to.equal("BackupNotFound");

    const source = await env.addVault(vaultSpec("src", 2));
    await backup(env, source.name);
    const name = (await env.listBlobs())[0].name.replace(/^backups\//, "");
    const missing = await restore(env, target.name, { backup: "20000101T000000Z-nope.json" }, definition);
    expect(missing.error!.code).to.equal("BackupNotFound");
    expect(target.inventory().secrets).to.deep.equal([]);
    const named = await restore(env, target.name, { backup: name }, definition);
    expect(named.status, describeRun(named)).to.equal("Succeeded");
    expect(target.inventory().secrets.map((s) => s.name)).to.deep.equal(source.inventory().secrets.map((s) => s.name));
  });

  it("refuses a corrupt document before writing anything", async () => {
    const content = "{corrupt";
    await env.azurite.serviceClient().getContainerClient(env.container).getBlockBlobClient(`backups/${backupBlobNameAt(new Date(), "x")}`).upload(content, content.length);
    const target = await env.addVault(vaultSpec("dst"));
    const r = await restore(env, target.name, {}, definition);
    expect(r.error!.code).to.equal("BackupInvalid");
    expect(target.counters.byOperation["secrets.restore"] ?? 0).to.equal(0);
  });
});
