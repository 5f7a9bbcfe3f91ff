import { expect } from "chai";
import { LocalEnvironment } from "../../../local/environment";
import { inventoryDifferences } from "../../../local/inventoryCheck";
import { KeyVaultEmulator } from "../../../local/keyvault";
import { JsonContentShape } from "../../../local/blob/contentEnvelope";
import { ExpressionLimitReading } from "../../../local/engine/expression/scope";
import { backupBlobNameAt } from "../../../workflows/backupNames";
import { LIMITS } from "../../../workflows/limits";
import { asFormat1, backup, backupBlobs, describeRun, restore, summaryOf, vaultSpec } from "./helpers";
import { runWorkflow } from "../../../local/engine/run";
import { projectDefinition } from "../../../local/projectWorkflows";
import { sharedAzurite } from "../../sharedAzurite";

// The two pickers as stacks deploy them: with an integration account (JavaScript), and without one.
const PICKERS = { javascript: projectDefinition("restore"), expressions: projectDefinition("restore", { changes: { integrationAccount: "none" } }) };

/**
 * Restore reads a backup document however Azure turns out to hand it back, and whichever functions the
 * expression evaluation limit covers: each combination below restores a document far over 131,072 characters.
 */
describe("end to end: restore reads the backup document under every unconfirmed behaviour", function () {
  this.timeout(180_000);
  let env: LocalEnvironment;
  let source: KeyVaultEmulator;
  /** Bytes of each kind's one part. */
  let partBytes: Record<string, number>;
  before(async () => {
    env = await LocalEnvironment.start({ azurite: await sharedAzurite() });
    source = await env.addVault(vaultSpec("src", 80, 6, 3));
    const b = await backup(env, source.name);
    expect(b.status, describeRun(b)).to.equal("Succeeded");
    partBytes = Object.fromEntries((await env.listBlobs()).filter((x) => x.name.startsWith("parts/")).map((x) => [x.name.replace(/^.*\/(\w+)-0\.json$/, "$1"), x.size]));
  });
  after(() => env?.stop());

  it("has a part big enough for the limit to matter", () => {
    expect(partBytes.secret).to.be.greaterThan(2 * LIMITS.expressionResultCharacters);
  });

  for (const shape of ["envelope", "object"] as JsonContentShape[]) {
    for (const reading of ["strict", "documented"] as ExpressionLimitReading[]) {
      for (const [picker, definition] of Object.entries(PICKERS)) {
        it(`content as ${shape === "envelope" ? "the $content envelope" : "a parsed object"}, ${reading} limit reading, ${picker} picker`, async () => {
          const target = await env.addVault(vaultSpec("dst"));
          const r = await restore(env, target.name, {}, definition, { connector: env.blobConnectorWith({ jsonContentShape: shape }), expressionLimit: reading });
          expect(r.status, describeRun(r)).to.equal("Succeeded");
          expect(inventoryDifferences(source.inventory(), target.inventory())).to.deep.equal([]);
          // The envelope is decoded a piece at a time, each within the limit; an object needs no decoding.
          const pieces = r.actions.Append_secrets_part_piece?.executions.length ?? 0;
          if (shape === "envelope") expect(pieces).to.equal(Math.ceil((Math.ceil(partBytes.secret / 3) * 4) / 174_760));
          else expect(pieces).to.equal(0);
        });
      }
    }
  }
});

describe("end to end: the latest backup from the first page of a listing", function () {
  this.timeout(120_000);
  let env: LocalEnvironment;
  let document: Buffer;
  let written: { name: string };
  let startedAt: string;
  let runId: string;
  const put = (name: string) => env.azurite.serviceClient().getContainerClient(env.container).getBlockBlobClient(`backups/${name}`).upload(document, document.length, { blobHTTPHeaders: { blobContentType: "application/json" } });
  const at = (iso: string, run: string) => backupBlobNameAt(new Date(iso), run);

  before(async () => {
    // Three names a page: more than a page of backups, whatever the real page size.
    env = await LocalEnvironment.start({ blob: { pageSize: 3 }, azurite: await sharedAzurite() });
    const source = await env.addVault(vaultSpec("src", 3));
    const run = await backup(env, source.name);
    expect(run.status).to.equal("Succeeded");
    runId = run.id;
    startedAt = (run.actions.Initialize_started_at.executions[0].inputs as { variables: Array<{ value: string }> }).variables[0].value;
    [written] = await backupBlobs(env);
    // Copies under other names must restore without parts of their own: a format-1 document is self-contained.
    document = Buffer.from(JSON.stringify(await asFormat1(env, written.name)));
    await env.clearBlobs();
  });
  after(() => env?.stop());
  afterEach(() => env.clearBlobs());

  it("names a later backup so it sorts before an earlier one and before every name of the older form", () => {
    const earlier = at("2026-12-01T02:00:00Z", "A");
    const later = at("2026-12-02T02:00:00Z", "B");
    expect(later < earlier).to.equal(true);
    expect(later < "20261203T020000Z-C.json").to.equal(true);
    expect(later).to.equal("179738797979999-20261202T020000Z-B.json");
  });

  it("names a backup in the workflow exactly as backupBlobNameAt does", () => {
    expect(written.name).to.equal(`backups/${backupBlobNameAt(new Date(startedAt), runId)}`);
  });

  it("takes the later of two backups started in the same second: run ids shrink, as Azure's do", async () => {
    const source = await env.addVault(vaultSpec("src", 2));
    const second = new Date("2026-12-01T02:00:00.000Z");
    const runs = [];
    for (let i = 0; i < 2; i++) {
      runs.push(await runWorkflow(projectDefinition("backup"), { ...env.projectRun("backup", source.name), timeScale: 0, now: () => second }));
    }
    expect(runs.map((r) => r.status)).to.deep.equal(["Succeeded", "Succeeded"]);
    const names = (await backupBlobs(env)).map((b) => b.name);
    expect(names).to.have.length(2);
    expect(names[0]).to.contain(runs[1].id);
    for (const [picker, definition] of Object.entries(PICKERS)) {
      const r = await restore(env, (await env.addVault(vaultSpec("dst"))).name, {}, definition);
      expect(summaryOf(r).backup, picker).to.equal(`/${env.container}/${names[0]}`);
    }
  });

  for (const [picker, definition] of Object.entries(PICKERS)) {
    it(`picks the newest of seven backups of both name forms when a page holds three (${picker})`, async () => {
      // Days before now: a backup of this service is never dated in the future.
      const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();
      const newest = at(daysAgo(1), "E");
      for (const name of ["20251101T020000Z-old1.json", "20251102T020000Z-old2.json", at(daysAgo(5), "A"), at(daysAgo(3), "C"), newest, at(daysAgo(2), "D"), at(daysAgo(4), "B")]) {
        await put(name);
      }
      const target = await env.addVault(vaultSpec("dst"));
      const r = await restore(env, target.name, {}, definition);
      expect(r.status, describeRun(r)).to.equal("Succeeded");
      expect(summaryOf(r).backup).to.equal(`/${env.container}/backups/${newest}`);
    });

    it(`still reads a store that holds only names of the older form (${picker})`, async () => {
      for (const name of ["20251101T020000Z-old1.json", "20251103T020000Z-old3.json", "20251102T020000Z-old2.json"]) await put(name);
      const target = await env.addVault(vaultSpec("dst"));
      const r = await restore(env, target.name, {}, definition);
      expect(r.status, describeRun(r)).to.equal("Succeeded");
      expect(summaryOf(r).backup).to.equal(`/${env.container}/backups/20251103T020000Z-old3.json`);
    });
  }
});
