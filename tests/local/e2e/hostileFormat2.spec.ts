import { expect } from "chai";
import { LocalEnvironment } from "../../../local/environment";
import { inventoryDifferences } from "../../../local/inventoryCheck";
import { KeyVaultEmulator } from "../../../local/keyvault";
import { runWorkflow } from "../../../local/engine/run";
import { RunRecord } from "../../../local/engine/runRecord";
import { Connector, ConnectorRequest } from "../../../local/engine/connector";
import { LoopResultReading } from "../../../local/engine/expression/scope";
import { projectDefinition } from "../../../local/projectWorkflows";
import { BackupManifest, BackupPart } from "../../../workflows/backupDocument";
import { asFormat1, backupBlobs, blobJson, describeRun, failingBlobs, leaks, readBackup, restoreCalls, summaryOf, useEnvironment, vaultSpec, writeBlobJson, TEST_TIME_SCALE } from "./helpers";

/** Small parts, so a small vault makes several parts per kind: 5 secrets, 2 keys, 1 certificate make 3 + 2 + 1 parts. */
const MULTI_PART = projectDefinition("backup", { changes: { backupPartObjects: { secrets: 2, keys: 1, certificates: 1 } } });
const RESTORE = projectDefinition("restore");
const READINGS: LoopResultReading[] = ["documented", "flat"];

type Note = { kind: string; name: string | null; outcome: string; error: string | null };

/**
 * Hostile tests of format 2: manifests and parts tampered with or planted, Key Vault and blob faults, and
 * both readings of result() over a Foreach. Each asserts the correct behaviour: a run that succeeds has
 * every object, and a run that does not fails naming why; no backup blob reaches run history.
 */
describe("hostile: format 2 backups, tampered, planted and under faults", function () {
  this.timeout(60_000);
  let env: LocalEnvironment;
  useEnvironment((e) => (env = e));

  const runBackup = (vault: string, loopResults: LoopResultReading = "documented", connector?: Connector): Promise<RunRecord> =>
    runWorkflow(MULTI_PART, { ...env.projectRun("backup", vault), ...(connector ? { connectors: { azureblob: connector } } : {}), timeScale: TEST_TIME_SCALE, loopResults });
  const runRestore = (vault: string, body: unknown = {}, loopResults: LoopResultReading = "documented", connector?: Connector): Promise<RunRecord> =>
    runWorkflow(RESTORE, { ...env.projectRun("restore", vault), connectors: { azureblob: connector ?? env.blobConnector }, trigger: { body }, timeScale: TEST_TIME_SCALE, loopResults });
  const notes = (r: RunRecord) => summaryOf(r).notRestored as Note[];
  const unmanaged = (v: KeyVaultEmulator, kind: "secrets" | "keys" | "certificates") => v.inventory()[kind].filter((x) => !x.managed).map((x) => x.name);

  /** A source vault backed up in several parts per kind: the manifest's name and contents. */
  async function backedUp(secrets = 5, keys = 2, certificates = 1): Promise<{ source: KeyVaultEmulator; name: string; manifest: BackupManifest }> {
    const source = await env.addVault(vaultSpec("src", secrets, keys, certificates));
    const b = await runBackup(source.name);
    expect(b.status, describeRun(b)).to.equal("Succeeded");
    const [blob] = await backupBlobs(env);
    return { source, name: blob.name, manifest: await blobJson<BackupManifest>(env, blob.name) };
  }
  const entriesOf = (m: BackupManifest, kind: string) => m.parts.filter((p) => p.kind === kind);

  const faultyBlobs = (failing: (request: ConnectorRequest) => boolean, afterDoing = false): Connector => failingBlobs(env, failing, afterDoing);
  const writing = (blob: string) => (r: ConnectorRequest) => r.method.toLowerCase() === "post" && String(r.queries?.name ?? "") === blob;

  for (const reading of READINGS) {
    it(`round trip in several parts per kind, result() read ${reading}: every object back, no blob in either history`, async () => {
      const source = await env.addVault(vaultSpec("src", 5, 2, 2));
      const b = await runBackup(source.name, reading);
      expect(b.status, describeRun(b)).to.equal("Succeeded");
      const [blob] = await backupBlobs(env);
      const { manifest, items } = await readBackup(env, blob.name);
      expect(manifest.parts.map((p) => `${p.kind}:${p.count}`)).to.deep.equal(["certificate:1", "certificate:1", "key:1", "key:1", "secret:2", "secret:2", "secret:1"]);
      const target = await env.addVault(vaultSpec("dst"));
      const r = await runRestore(target.name, {}, reading);
      expect(r.status, describeRun(r)).to.equal("Succeeded");
      expect(inventoryDifferences(source.inventory(), target.inventory())).to.deep.equal([]);
      expect(leaks([b, r], items.map((i) => i.value))).to.deep.equal([]);
    });
  }

  for (const reading of READINGS) {
    it(`an object that cannot be backed up (result() read ${reading}) makes a partial backup naming it; its part mates are kept`, async () => {
      const source = await env.addVault(vaultSpec("src", 5, 1));
      const lost = unmanaged(source, "secrets")[2];
      source.faults = { unavailableObjects: [lost] };
      const b = await runBackup(source.name, reading);
      expect(b.status).to.equal("Failed");
      expect(b.error!.code).to.equal("BackupIncomplete");
      const [blob] = await backupBlobs(env);
      expect(blob.name).to.match(/^partial\//);
      const { manifest, items } = await readBackup(env, blob.name);
      expect(manifest.complete).to.equal(false);
      expect(manifest.counts).to.deep.equal({ certificates: 0, keys: 1, secrets: 4 });
      expect(manifest.failures.map((f) => [f.kind, f.name, f.status])).to.deep.equal([["secret", lost, 503]]);
      expect(items.map((i) => i.name).sort()).to.deep.equal([...unmanaged(source, "keys"), ...unmanaged(source, "secrets").filter((n) => n !== lost)].sort());
      // Never the latest; restored only by name with allowIncomplete, and reported so.
      const target = await env.addVault(vaultSpec("dst"));
      expect((await runRestore(target.name, {}, reading)).error!.code).to.equal("BackupNotFound");
      const r = await runRestore(target.name, { backup: blob.name.replace("partial/", ""), allowIncomplete: true }, reading);
      expect(r.status, describeRun(r)).to.equal("Succeeded");
      expect(summaryOf(r)).to.deep.include({ backupComplete: false, restoredIncompleteOnRequest: true });
      expect(inventoryDifferences(source.inventory(), target.inventory())).to.deep.equal([`secrets/${lost}: missing in target`]);
      expect(leaks([b, r], items.map((i) => i.value))).to.deep.equal([]);
    });
  }

  it("under throttling, lost answers and empty pages, backup and restore either succeed whole or fail: never a Succeeded run missing something", async () => {
    const source = await env.addVault(vaultSpec("src", 6, 2, 1));
    source.faults = { throttleRate: 0.3, lostAnswerRate: 0.2, emptyPageRate: 0.5 };
    const b = await runBackup(source.name, "flat");
    source.faults = {};
    expect(b.counters.retries, "the faults were met").to.be.greaterThan(0);
    const [blob] = await backupBlobs(env);
    const { manifest, items } = await readBackup(env, blob.name);
    if (b.status === "Succeeded") {
      expect(blob.name).to.match(/^backups\//);
      expect(items.map((i) => `${i.kind}/${i.name}`).sort()).to.deep.equal(
        [...unmanaged(source, "certificates").map((n) => `certificate/${n}`), ...unmanaged(source, "keys").map((n) => `key/${n}`), ...unmanaged(source, "secrets").map((n) => `secret/${n}`)].sort(),
      );
    } else {
      expect(blob.name).to.match(/^partial\//);
      expect(manifest.failures).to.not.deep.equal([]);
    }
    const target = await env.addVault(vaultSpec("dst"));
    target.faults = { throttleRate: 0.3, lostAnswerRate: 0.2, emptyPageRate: 0.5 };
    const r = await runRestore(target.name, { backup: blob.name.replace(/^\w+\//, ""), allowIncomplete: true });
    target.faults = {};
    const missing = inventoryDifferences(source.inventory(), target.inventory());
    if (r.status === "Succeeded" && b.status === "Succeeded") expect(missing).to.deep.equal([]);
    if (r.status === "Failed") expect(r.error!.code).to.be.oneOf(["RestoreIncomplete", "TargetUnreadable"]);
  });

  it("a part that cannot be written makes the backup partial, naming the part; the manifest lists only the parts written", async () => {
    const source = await env.addVault(vaultSpec("src", 5));
    // Written, then answered 500: the blob exists, yet the run cannot know it holds what it should.
    const b = await runBackup(source.name, "documented", faultyBlobs(writing("secret-1.json"), true));
    expect(b.status).to.equal("Failed");
    expect(b.error!.code).to.equal("BackupIncomplete");
    const [blob] = await backupBlobs(env);
    expect(blob.name).to.match(/^partial\//);
    const manifest = await blobJson<BackupManifest>(env, blob.name);
    expect(manifest.parts.map((p) => p.blob.replace(/^.*\//, ""))).to.deep.equal(["secret-0.json", "secret-2.json"]);
    expect(manifest.counts.secrets).to.equal(3);
    expect(manifest.failures.map((f) => f.error)).to.deep.equal(["Part 1 of secrets (2 objects) could not be written; its objects are not in this backup."]);
  });

  it("a manifest that cannot be written leaves no backup, and the run says so", async () => {
    const source = await env.addVault(vaultSpec("src", 3));
    const b = await runBackup(source.name, "documented", faultyBlobs((r) => r.method.toLowerCase() === "post" && /^\/kv-backups\/(backups|partial)$/.test(String(r.queries?.folderPath ?? ""))));
    expect(b.status).to.equal("Failed");
    expect(b.error!.code).to.equal("BackupNotWritten");
    expect(await backupBlobs(env)).to.deep.equal([]);
  });

  it("a part that cannot be read is failed with its count, and the other parts are restored", async () => {
    const { source, manifest } = await backedUp();
    const unreadable = entriesOf(manifest, "secret")[1].blob;
    const target = await env.addVault(vaultSpec("dst"));
    const r = await runRestore(target.name, {}, "documented", faultyBlobs((q) => String(q.queries?.path ?? "").endsWith(unreadable)));
    expect(r.status).to.equal("Failed");
    expect(notes(r).map((n) => n.error)).to.deep.equal([`Part ${unreadable} of 2 object(s) could not be read or is not a valid part; it was not restored.`]);
    expect(summaryOf(r).restored).to.deep.equal({ certificates: 1, keys: 2, secrets: 3 });
    expect(inventoryDifferences(source.inventory(), target.inventory())).to.have.length(2);
  });

  it("refuses a manifest whose counts were edited, before any call", async () => {
    const { name, manifest } = await backedUp();
    await writeBlobJson(env, name, { ...manifest, counts: { ...manifest.counts, secrets: manifest.counts.secrets + 1 } });
    const target = await env.addVault(vaultSpec("dst"));
    const r = await runRestore(target.name);
    expect(r.error!.code).to.equal("BackupInvalid");
    expect(r.error!.message).to.contain("lists parts that hold a different number of items than its counts declare");
    expect(restoreCalls(target)).to.equal(0);
  });

  it("refuses a manifest with an entry's count edited (counts no longer add up), before any call", async () => {
    const { name, manifest } = await backedUp();
    manifest.parts[manifest.parts.length - 1].count += 1;
    await writeBlobJson(env, name, manifest);
    const target = await env.addVault(vaultSpec("dst"));
    const r = await runRestore(target.name);
    expect(r.error!.code).to.equal("BackupInvalid");
    expect(restoreCalls(target)).to.equal(0);
  });

  it("fails a part whose entry and count were both edited to match a shorter part, naming it", async () => {
    const { source, name, manifest } = await backedUp();
    // secret-0 (2 items) declared as 1, and the counts adjusted to agree: the part does not match its entry.
    const entry = entriesOf(manifest, "secret")[0];
    entry.count = 1;
    manifest.counts.secrets -= 1;
    await writeBlobJson(env, name, manifest);
    const target = await env.addVault(vaultSpec("dst"));
    const r = await runRestore(target.name);
    expect(r.status).to.equal("Failed");
    expect(notes(r).map((n) => n.error)).to.deep.equal([`Part ${entry.blob} of 1 object(s) does not match the manifest (another run's part, another kind or position, a different number of items, or a name twice); it was not restored.`]);
    expect(inventoryDifferences(source.inventory(), target.inventory())).to.have.length(2);
  });

  it("fails the parts of a manifest whose parts were reordered (the workflow never writes that), naming each out of place", async () => {
    const { name, manifest } = await backedUp();
    await writeBlobJson(env, name, { ...manifest, parts: [...manifest.parts].reverse() });
    const target = await env.addVault(vaultSpec("dst"));
    const r = await runRestore(target.name);
    expect(r.status).to.equal("Failed");
    // Each kind's parts in reverse: a part whose index is not its position is refused; the middle one of three fits.
    const refused = notes(r).map((n) => n.error!.replace(/^Part \S+\/(\w+-\d)\.json.*$/, "$1")).sort();
    expect(refused).to.deep.equal(["key-0", "key-1", "secret-0", "secret-2"]);
  });

  it("fails an entry relabelled as another kind (counts moved to agree), naming the part", async () => {
    const { name, manifest } = await backedUp();
    const entry = entriesOf(manifest, "secret")[2];
    entry.kind = "key";
    manifest.counts.secrets -= entry.count;
    manifest.counts.keys += entry.count;
    await writeBlobJson(env, name, manifest);
    const target = await env.addVault(vaultSpec("dst"));
    const r = await runRestore(target.name);
    expect(r.status).to.equal("Failed");
    expect(notes(r).map((n) => [n.kind, n.error])).to.deep.equal([
      ["key", `Part ${entry.blob} of 1 object(s) does not match the manifest (another run's part, another kind or position, a different number of items, or a name twice); it was not restored.`],
    ]);
    expect(restoreCalls(target)).to.equal(7);
  });

  it("fails both parts when a key part and a secret part of the same count are swapped between their entries", async () => {
    const { name, manifest } = await backedUp();
    const key = entriesOf(manifest, "key")[1];
    const secret = entriesOf(manifest, "secret")[2];
    [key.blob, secret.blob] = [secret.blob, key.blob];
    await writeBlobJson(env, name, manifest);
    const target = await env.addVault(vaultSpec("dst"));
    const r = await runRestore(target.name);
    expect(r.status).to.equal("Failed");
    expect(notes(r).map((n) => `${n.kind} ${n.error!.replace(/ does not match.*/, "")}`).sort()).to.deep.equal([`key Part ${key.blob} of 1 object(s)`, `secret Part ${secret.blob} of 1 object(s)`]);
  });

  it("fails a part whose kind field was changed, and a part holding an item of another kind", async () => {
    const { name, manifest } = await backedUp();
    const [relabelled, mixed] = entriesOf(manifest, "secret");
    await writeBlobJson(env, relabelled.blob, { ...(await blobJson<BackupPart>(env, relabelled.blob)), kind: "key" });
    const keyItem = (await blobJson<BackupPart>(env, entriesOf(manifest, "key")[0].blob)).items[0];
    const part = await blobJson<BackupPart>(env, mixed.blob);
    await writeBlobJson(env, mixed.blob, { ...part, items: [part.items[0], keyItem] });
    const target = await env.addVault(vaultSpec("dst"));
    const r = await runRestore(target.name);
    expect(r.status).to.equal("Failed");
    expect(notes(r).map((n) => n.error!.replace(/ of .*/, "")).sort()).to.deep.equal([`Part ${relabelled.blob}`, `Part ${mixed.blob}`].sort());
    // The key item planted among the secrets was not restored as a secret, nor called at all from that part.
    expect(summaryOf(r).restored).to.deep.equal({ certificates: 1, keys: 2, secrets: 1 });
    void name;
  });

  it("fails an added empty part out of place and an entry that points at no blob, restoring every real part", async () => {
    const { source, name, manifest } = await backedUp();
    const stem = manifest.parts[0].blob.replace(/\/[^/]+$/, "");
    await writeBlobJson(env, `${stem}/secret-9.json`, { format: "kv-backup-restore", formatVersion: 2, runId: manifest.runId, kind: "secret", index: 9, items: [] });
    manifest.parts.push({ kind: "secret", blob: `${stem}/secret-9.json`, count: 0, index: 9 }, { kind: "key", blob: `${stem}/key-9.json`, count: 0, index: 9 });
    await writeBlobJson(env, name, manifest);
    const target = await env.addVault(vaultSpec("dst"));
    const r = await runRestore(target.name);
    expect(r.status).to.equal("Failed");
    // Keys are restored before secrets.
    expect(notes(r).map((n) => n.error)).to.deep.equal([
      `Part ${stem}/key-9.json of 0 object(s) could not be read or is not a valid part; it was not restored.`,
      `Part ${stem}/secret-9.json of 0 object(s) does not match the manifest (another run's part, another kind or position, a different number of items, or a name twice); it was not restored.`,
    ]);
    expect(inventoryDifferences(source.inventory(), target.inventory())).to.deep.equal([]);
  });

  it("fails every part when the manifest's runId was changed (parts of another run)", async () => {
    const { name, manifest } = await backedUp();
    await writeBlobJson(env, name, { ...manifest, runId: "08585000000000000000000000000CU00" });
    const target = await env.addVault(vaultSpec("dst"));
    const r = await runRestore(target.name);
    expect(r.status).to.equal("Failed");
    expect(notes(r)).to.have.length(manifest.parts.length);
    expect(restoreCalls(target)).to.equal(0);
  });

  it("refuses a complete:false manifest planted under backups/, and a manifest without parts", async () => {
    const { name, manifest } = await backedUp();
    const { items } = await readBackup(env, name);
    await writeBlobJson(env, name, { ...manifest, complete: false });
    const target = await env.addVault(vaultSpec("dst"));
    expect((await runRestore(target.name)).error!.code).to.equal("BackupIncomplete");
    const { parts: _parts, ...noParts } = manifest;
    await writeBlobJson(env, name, noParts);
    expect((await runRestore(target.name)).error!.code).to.equal("BackupInvalid");
    // A format-2 manifest carrying format-1 items instead of parts is not read as format 1.
    await writeBlobJson(env, name, { ...noParts, items });
    expect((await runRestore(target.name)).error!.code).to.equal("BackupInvalid");
    expect(restoreCalls(target)).to.equal(0);
  });

  it("reads a format-1 document with a parts field by its items, ignoring the parts", async () => {
    const { source, name, manifest } = await backedUp();
    const legacy = await asFormat1(env, name);
    // The parts field points at the real parts, doubled: a format-1 reader must not read them.
    await writeBlobJson(env, name, { ...legacy, parts: [...manifest.parts, ...manifest.parts] });
    const target = await env.addVault(vaultSpec("dst"));
    const r = await runRestore(target.name);
    expect(r.status, describeRun(r)).to.equal("Succeeded");
    expect(restoreCalls(target)).to.equal(8);
    expect(inventoryDifferences(source.inventory(), target.inventory())).to.deep.equal([]);
  });

  it("keeps blobs out of history on every failure path: taken names, mismatched parts, corrupted values, conflicts, narrowed kinds", async () => {
    const { source, name, manifest } = await backedUp();
    const { items } = await readBackup(env, name);
    const secrets = entriesOf(manifest, "secret");
    // A mismatched part (its kind field changed), and a corrupted value in another.
    await writeBlobJson(env, secrets[0].blob, { ...(await blobJson<BackupPart>(env, secrets[0].blob)), kind: "key" });
    const part = await blobJson<BackupPart>(env, secrets[1].blob);
    const v = part.items[0].value;
    part.items[0].value = `${v.slice(0, 200)}${v[200] === "A" ? "B" : "A"}${v.slice(201)}`;
    await writeBlobJson(env, secrets[1].blob, part);
    const target = await env.addVault(vaultSpec("dst"));
    target.setSecret(part.items[1].name, "already here");
    const soft = (await blobJson<BackupPart>(env, secrets[2].blob)).items[0].name;
    target.setSecret(soft, "deleted meanwhile");
    target.softDelete("secrets", soft);
    const runs = [
      await runRestore(target.name, {}, "flat"),
      await runRestore(target.name, {}, "documented"),
      await runWorkflow(projectDefinition("restore", { changes: { kinds: ["keys"], conflictPolicy: "fail" } }), {
        ...env.projectRun("restore", target.name),
        trigger: { body: {} },
        timeScale: TEST_TIME_SCALE,
      }),
    ];
    for (const r of runs) expect(r.status).to.equal("Failed");
    expect(leaks(runs, [...items.map((i) => i.value), part.items[0].value])).to.deep.equal([]);
    void source;
  });

  // ---- found by this pass, fixed ----

  // Was a bug: restore never checked that a manifest's entries name distinct parts (nor a part's `index`, nor
  // that a kind's names are distinct). Point secret-1's entry at secret-0's blob (both hold 2 items, so
  // every count still adds up): secret-1's two objects are never read. Into a target that already holds
  // secret-0's names (a second restore after a partial one, or into the source vault), both reads of
  // secret-0 are skipped and the run Succeeds, with "skipped: 4" and two objects of the backup silently not
  // restored and not named anywhere (missingInTarget only knows the names of the parts it read). Into an
  // empty target the run does fail, but only as 2 conflicts on secret-0's names, never naming the 2 lost
  // objects. It should refuse the manifest before any call (BackupInvalid: two entries name one part, or a
  // part's index/position disagrees), as it does for counts that do not add up.
  it("refuses a manifest whose two entries name the same part, instead of silently dropping the part it replaced", async () => {
    const { source, name, manifest } = await backedUp();
    const [first, second] = entriesOf(manifest, "secret");
    const firstNames = (await blobJson<BackupPart>(env, first.blob)).items.map((i) => i.name);
    second.blob = first.blob;
    await writeBlobJson(env, name, manifest);
    const target = await env.addVault(vaultSpec("dst"));
    for (const n of firstNames) target.setSecret(n, "already here");
    const r = await runRestore(target.name);
    expect(r.status, "Succeeded with secret-1's objects never read").to.equal("Failed");
    expect(r.error!.code).to.equal("BackupInvalid");
    expect(restoreCalls(target)).to.equal(0);
    void source;
  });

  // Was a bug: a part holding the same name twice passed every check (its count is right), so the object the
  // duplicate replaced is lost without a word when the target already holds the duplicated name: both
  // copies are "skipped" and the run Succeeds. (Into an empty target it fails as a conflict on the
  // duplicated name, never naming the lost one.) Key Vault names are unique per kind, so a backup with a
  // name twice is altered or corrupt and should be refused (BackupInvalid) or at least fail the part.
  it("fails a part that holds one name twice instead of reporting success with an object lost", async () => {
    const { name, manifest } = await backedUp();
    const entry = entriesOf(manifest, "secret")[0];
    const part = await blobJson<BackupPart>(env, entry.blob);
    const dropped = part.items[1].name;
    await writeBlobJson(env, entry.blob, { ...part, items: [part.items[0], part.items[0]] });
    const target = await env.addVault(vaultSpec("dst"));
    target.setSecret(part.items[0].name, "already here");
    const r = await runRestore(target.name);
    expect(r.status, `Succeeded without ${dropped}`).to.equal("Failed");
    void name;
  });

  // Was a bug: the manifest's own contradictions were not checked. A manifest with complete:true that lists
  // failures (or whose failures say an object was not backed up) is restored as the latest complete
  // backup, and the Summary says backupComplete: true; likewise a complete:true manifest under partial/,
  // restored by name with allowIncomplete, is reported as complete (restoredIncompleteOnRequest: false).
  // A backup the workflow wrote never has either shape; restore should refuse it (BackupInvalid) or at
  // least treat it as incomplete.
  it("does not take a complete:true manifest that lists failures for a complete backup", async () => {
    const { name, manifest } = await backedUp();
    await writeBlobJson(env, name, { ...manifest, failures: [{ kind: "secret", name: "gone", status: 503, error: "Service unavailable" }] });
    const target = await env.addVault(vaultSpec("dst"));
    const r = await runRestore(target.name);
    expect(r.status, "restored as a complete backup").to.equal("Failed");
    expect(r.error!.code).to.be.oneOf(["BackupInvalid", "BackupIncomplete"]);
  });
});
