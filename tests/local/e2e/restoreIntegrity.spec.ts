import { expect } from "chai";
import { LocalEnvironment } from "../../../local/environment";
import { inventoryDifferences } from "../../../local/inventoryCheck";
import { KeyVaultEmulator } from "../../../local/keyvault";
import { backupBlobNameAt } from "../../../workflows/backupNames";
import { projectDefinition } from "../../../local/projectWorkflows";
import { asFormat1, backup, backupBlobs, blobJson, describeRun, readBackup, restore, restoreCalls, summaryOf, vaultSpec, writeBlobJson } from "./helpers";
import { sharedAzurite } from "../../sharedAzurite";

interface Item {
  kind: string;
  name: string;
  value: string;
}

/** Restore reports exactly what happened to each object, and never takes something else for success. */
describe("end to end: restore restores what the backup says, or fails naming what it did not", function () {
  this.timeout(120_000);
  let env: LocalEnvironment;
  let source: KeyVaultEmulator;
  let good: string;
  before(async () => {
    env = await LocalEnvironment.start({ azurite: await sharedAzurite() });
    source = await env.addVault(vaultSpec("src", 4, 2, 1));
    expect((await backup(env, source.name)).status).to.equal("Succeeded");
    // A format-1 document (one document, every item in it) is the easiest to tamper with item by item, and
    // restore reads it through the same part logic as format 2's parts.
    const [blob] = await backupBlobs(env);
    good = JSON.stringify(await asFormat1(env, blob.name));
    await env.clearBlobs();
  });
  after(() => env?.stop());
  afterEach(() => env.clearBlobs());

  const container = () => env.azurite.serviceClient().getContainerClient(env.container);
  const put = (path: string, text: string) => container().getBlockBlobClient(path).upload(text, Buffer.byteLength(text), { blobHTTPHeaders: { blobContentType: "application/json" } });
  const named = (ago: number, run: string) => backupBlobNameAt(new Date(Date.now() - ago * 60_000), run);
  const document = (change: (doc: { complete: boolean; items: Item[] }) => void = () => undefined) => {
    const doc = JSON.parse(good);
    change(doc);
    return JSON.stringify(doc);
  };

  it("fails naming the newest backup when it is unreadable, and never falls back to an older one", async () => {
    await put(`backups/${named(60, "OLD")}`, good);
    const newest = named(1, "NEW");
    await put(`backups/${newest}`, "{corrupt");
    const target = await env.addVault(vaultSpec("dst"));
    const r = await restore(env, target.name);
    expect(r.error!.code).to.equal("BackupInvalid");
    expect(r.error!.message).to.contain(newest);
    expect(restoreCalls(target)).to.equal(0);
  });

  it("refuses an incomplete document found as the latest, and restores it only by name with allowIncomplete", async () => {
    const name = named(1, "PART");
    await put(`backups/${name}`, document((d) => void (d.complete = false)));
    const target = await env.addVault(vaultSpec("dst"));
    const refused = await restore(env, target.name);
    expect(refused.error!.code).to.equal("BackupIncomplete");
    expect((await restore(env, target.name, { backup: name })).error!.code).to.equal("BackupIncomplete");
    expect(restoreCalls(target)).to.equal(0);
    const r = await restore(env, target.name, { backup: name, allowIncomplete: true });
    expect(r.status, describeRun(r)).to.equal("Succeeded");
    expect(summaryOf(r)).to.deep.include({ backupComplete: false, restoredIncompleteOnRequest: true });
  });

  it("restores a partial backup from partial/ when named with allowIncomplete, reporting it", async () => {
    const failing = await env.addVault(vaultSpec("src", 3));
    failing.faults = { unavailableObjects: [failing.inventory().secrets[0].name] };
    expect((await backup(env, failing.name)).status).to.equal("Failed");
    const [partial] = await backupBlobs(env);
    expect(partial.name).to.match(/^partial\//);
    const target = await env.addVault(vaultSpec("dst"));
    const r = await restore(env, target.name, { backup: partial.name.replace("partial/", ""), allowIncomplete: true });
    expect(r.status, describeRun(r)).to.equal("Succeeded");
    expect(target.inventory().secrets).to.have.length(2);
    expect(summaryOf(r)).to.deep.include({ backupComplete: false, restoredIncompleteOnRequest: true });
  });

  it("fails an item whose blob restores under another name than the document gives", async () => {
    const swapped = document((d) => {
      const secrets = d.items.filter((i) => i.kind === "secret");
      [secrets[0].name, secrets[1].name] = [secrets[1].name, secrets[0].name];
    });
    await put(`backups/${named(1, "SWAP")}`, swapped);
    const target = await env.addVault(vaultSpec("dst"));
    const r = await restore(env, target.name);
    expect(r.status).to.equal("Failed");
    const failed = (summaryOf(r).notRestored as Array<{ name: string; outcome: string; error: string }>).filter((x) => x.outcome === "failed");
    const unmanaged = source.inventory().secrets.filter((x) => !x.managed);
    expect(failed.map((f) => f.name).sort()).to.deep.equal(unmanaged.slice(0, 2).map((x) => x.name).sort());
    expect(failed[0].error).to.match(/^Key Vault restored this item as '.+', not as the name the backup gives it\.$/);
  });

  it("confirms by names: an object answered as restored but not in the target fails the run, listed", async () => {
    await put(`backups/${named(1, "GONE")}`, good);
    const target = await env.addVault(vaultSpec("dst"));
    const lost = source.inventory().keys.find((k) => !k.managed)!.name;
    target.faults = { discardedRestores: [lost] };
    const r = await restore(env, target.name);
    expect(r.status).to.equal("Failed");
    expect(summaryOf(r).missingInTarget).to.deep.equal([`key/${lost}`]);
    expect(r.error!.message).to.contain("1 name(s) of the backup are not in the target");
  });

  it("never calls Key Vault for a name the target held before, and reports a 409 on an absent name as a conflict", async () => {
    await put(`backups/${named(1, "TAKEN")}`, good);
    const target = await env.addVault(vaultSpec("dst", 2));
    const soft = source.inventory().secrets[3].name;
    target.setSecret(soft, "deleted meanwhile");
    target.softDelete("secrets", soft);
    const r = await restore(env, target.name);
    const summary = summaryOf(r);
    expect(summary.skipped).to.deep.equal({ certificates: 0, keys: 0, secrets: 2 });
    expect(summary.conflict).to.deep.equal({ certificates: 0, keys: 0, secrets: 1 });
    // 7 items, 2 already there: 5 restore calls, none for the skipped names.
    expect(restoreCalls(target)).to.equal(5);
    // The soft-deleted name is not in the target: the run fails and lists it.
    expect(r.status).to.equal("Failed");
    expect(summary.missingInTarget).to.deep.equal([`secret/${soft}`]);
  });

  it("names every item of a kind the restore does not cover (kinds narrowed after the backup) and fails, restoring the rest", async () => {
    await put(`backups/${named(1, "KINDS")}`, good);
    const target = await env.addVault(vaultSpec("dst"));
    const r = await restore(env, target.name, {}, projectDefinition("restore", { changes: { kinds: ["secrets"] } }));
    const summary = summaryOf(r);
    expect(r.status).to.equal("Failed");
    expect(summary.restored).to.deep.equal({ secrets: 4 });
    expect(summary.inBackup).to.deep.equal({ secrets: 4, keys: 2, certificates: 1 });
    const others = (summary.notRestored as Array<{ kind: string; name: string; outcome: string }>).map((x) => `${x.kind}/${x.name}/${x.outcome}`).sort();
    const expected = [...source.inventory().keys.filter((k) => !k.managed).map((k) => `key/${k.name}/failed`), ...source.inventory().certificates.map((c) => `certificate/${c.name}/failed`)];
    expect(others).to.deep.equal(expected.sort());
    expect(target.inventory().secrets.map((x) => x.name).sort()).to.deep.equal(source.inventory().secrets.filter((x) => !x.managed).map((x) => x.name).sort());
  });

  it("in a format-2 backup, names every part of a kind the restore does not cover, with its count, and restores the rest", async () => {
    const vault = await env.addVault(vaultSpec("src", 3, 2, 1));
    expect((await backup(env, vault.name)).status).to.equal("Succeeded");
    const target = await env.addVault(vaultSpec("dst"));
    const r = await restore(env, target.name, {}, projectDefinition("restore", { changes: { kinds: ["secrets"] } }));
    expect(r.status).to.equal("Failed");
    const summary = summaryOf(r);
    expect(summary.restored).to.deep.equal({ secrets: 3 });
    const others = (summary.notRestored as Array<{ kind: string; error: string }>).map((x) => `${x.kind}: ${x.error.replace(/parts\/\S+\//, "parts/…/")}`);
    expect(others).to.deep.equal([
      "certificate: This restore workflow restores only secrets (the stack's kinds setting); part parts/…/certificate-0.json and its 1 object(s) were not restored.",
      "key: This restore workflow restores only secrets (the stack's kinds setting); part parts/…/key-0.json and its 2 object(s) were not restored.",
    ]);
  });

  it("refuses a part of another run planted under a backup's parts, naming it, and restores the other parts", async () => {
    const vault = await env.addVault(vaultSpec("src", 3, 2, 1));
    expect((await backup(env, vault.name)).status).to.equal("Succeeded");
    const [first] = await backupBlobs(env);
    const firstParts = (await readBackup(env, first.name)).manifest.parts;
    expect((await backup(env, vault.name)).status).to.equal("Succeeded");
    const [latest] = await backupBlobs(env);
    const keysPart = (await readBackup(env, latest.name)).manifest.parts.find((p) => p.kind === "key")!;
    // The older run's keys part, same objects and count, put where the latest backup's is.
    await writeBlobJson(env, keysPart.blob, await blobJson(env, firstParts.find((p) => p.kind === "key")!.blob));
    const target = await env.addVault(vaultSpec("dst"));
    const r = await restore(env, target.name);
    expect(r.status).to.equal("Failed");
    const summary = summaryOf(r);
    expect(summary.restored).to.deep.equal({ certificates: 1, keys: 0, secrets: 3 });
    expect((summary.notRestored as Array<{ error: string }>).map((x) => x.error)).to.deep.equal([
      `Part ${keysPart.blob} of 2 object(s) does not match the manifest (another run's part, another kind or position, a different number of items, or a name twice); it was not restored.`,
    ]);
    expect(target.counters.byOperation["keys.restore"] ?? 0).to.equal(0);
  });

  it("into the source vault itself: purged names come back, live ones are skipped, a soft-deleted one is a conflict", async () => {
    const vault = await env.addVault(vaultSpec("same", 4, 1));
    expect((await backup(env, vault.name)).status).to.equal("Succeeded");
    const [purged, soft] = vault.inventory().secrets.map((x) => x.name);
    const before = vault.inventory();
    vault.softDelete("secrets", purged);
    vault.purge("secrets", purged);
    vault.softDelete("secrets", soft);
    vault.resetCounters();
    const r = await restore(env, vault.name);
    const summary = summaryOf(r);
    expect(summary.restored).to.deep.equal({ certificates: 0, keys: 0, secrets: 1 });
    expect(summary.skipped).to.deep.equal({ certificates: 0, keys: 1, secrets: 2 });
    expect(summary.conflict).to.deep.equal({ certificates: 0, keys: 0, secrets: 1 });
    expect(restoreCalls(vault)).to.equal(2);
    expect(r.status).to.equal("Failed");
    expect(summary.missingInTarget).to.deep.equal([`secret/${soft}`]);
    // The purged secret is back with its versions; only the soft-deleted one is absent.
    expect(inventoryDifferences(before, vault.inventory())).to.deep.equal([`secrets/${soft}: missing in target`]);
  });

  it("reports an answer lost on the way back (then a 409 on the retry) as a conflict, not as already there", async () => {
    await put(`backups/${named(1, "LOST")}`, good);
    const target = await env.addVault(vaultSpec("dst"));
    // Every answer lost: the target cannot even be listed, so nothing is restored and the run says why.
    target.faults = { lostAnswerRate: 1 };
    expect((await restore(env, target.name)).error!.code).to.equal("TargetUnreadable");
    expect(restoreCalls(target)).to.equal(0);
    // Two restores whose answers are lost: each is retried, and the retry is answered 409.
    const [a, b] = source.inventory().secrets.filter((x) => !x.managed).map((x) => x.name);
    target.faults = { lostRestoreAnswers: [a, b] };
    const r = await restore(env, target.name);
    expect(r.status).to.equal("Failed");
    expect(summaryOf(r).conflict).to.deep.equal({ certificates: 0, keys: 0, secrets: 2 });
    expect(summaryOf(r).skipped).to.deep.equal({ certificates: 0, keys: 0, secrets: 0 });
    expect((summaryOf(r).notRestored as Array<{ name: string; outcome: string }>).map((x) => [x.name, x.outcome]).sort()).to.deep.equal([[a, "conflict"], [b, "conflict"]]);
    // They are in the target (this run's own lost answers), yet unverified: not reported as already there.
    expect(summaryOf(r).missingInTarget).to.deep.equal([]);
    // Run again: now the names are there before, a real skip, and the run succeeds.
    target.faults = {};
    const again = await restore(env, target.name);
    expect(again.status, describeRun(again)).to.equal("Succeeded");
    expect(inventoryDifferences(source.inventory(), target.inventory())).to.deep.equal([]);
  });

  it("restores the good items of a document with one tampered item, and fails the run naming it", async () => {
    let tampered = "";
    const doc = document((d) => {
      const item = d.items.find((i) => i.kind === "secret")!;
      tampered = item.name;
      item.value = `${item.value.slice(0, 300)}${item.value[300] === "A" ? "B" : "A"}${item.value.slice(301)}`;
    });
    await put(`backups/${named(1, "TAMPER")}`, doc);
    const target = await env.addVault(vaultSpec("dst"));
    const r = await restore(env, target.name);
    expect(r.status).to.equal("Failed");
    const notRestored = summaryOf(r).notRestored as Array<{ name: string; outcome: string }>;
    expect(notRestored.map((x) => [x.name, x.outcome])).to.deep.equal([[tampered, "failed"]]);
    expect(inventoryDifferences(source.inventory(), target.inventory())).to.deep.equal([`secrets/${tampered}: missing in target`]);
  });
});
