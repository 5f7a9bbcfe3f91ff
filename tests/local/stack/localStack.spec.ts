import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { tempDir } from "../../tempDir";
import { PROJECT } from "../../../config";
import { inventoryDifferences } from "../../../local/inventoryCheck";
import { LocalStack } from "../../../local/stack/localStack";
import { mocks } from "../../mocks";
import { sharedAzurite } from "../../sharedAzurite";
import { StackClient } from "../../../local/stack/stackClient";

const ROOT = path.join(__dirname, "..", "..", "..");

for (const stack of ["dev", "prod"]) {
  describe(`kvbr up --stack ${stack}: the stack as deployed, driven through its URLs`, function () {
    this.timeout(120_000);
    let local: LocalStack;
    let session: StackClient;
    before(async () => {
      try {
        local = await LocalStack.up({ projectDir: ROOT, stack, seed: { secrets: 6, keys: 2, certificates: 1 }, timeScale: 0, azurite: await sharedAzurite() });
      } finally {
        mocks.install(PROJECT, "test");
      }
      session = new StackClient(local.describe());
    });
    after(() => local?.stop());

    it("backs up through the trigger URL, restores through the other, and the target then holds what the source does", async () => {
      const outputs = local.describe();
      const backupRun = await session.follow("backup", await session.trigger("backup"));
      expect(backupRun.properties.status, JSON.stringify(backupRun.properties.error)).to.equal("Succeeded");
      expect(((await session.outputsOf("backup", backupRun.name, "Summary")) as { complete: boolean }).complete).to.equal(true);
      const restoreRun = await session.follow("restore", await session.trigger("restore"));
      expect(restoreRun.properties.status, JSON.stringify(restoreRun.properties.error)).to.equal("Succeeded");
      const summary = (await session.outputsOf("restore", restoreRun.name, "Summary")) as { missingInTarget: string[] };
      expect(summary.missingInTarget).to.deep.equal([]);
      const host = (key: string) => new URL(String(outputs[key])).hostname.split(".")[0];
      expect(inventoryDifferences(local.vault(host("sourceVaultUri")).inventory(), local.vault(host("targetVaultUri")).inventory())).to.deep.equal([]);
    });

    it("refuses a trigger URL with a wrong signature, and the runs API without the operator's token", async () => {
      const url = new URL(String(local.describe().backupTriggerUrl));
      url.searchParams.set("sig", "forged");
      expect((await fetch(url, { method: "POST", body: "{}" })).status).to.equal(401);
      const runs = session.runUrl("backup", "").replace("/runs/?", "/runs?");
      expect((await fetch(runs)).status).to.equal(401);
    });

    it("gives each vault the stack's soft-delete settings: a purge in the target is refused exactly when it has purge protection", async () => {
      const outputs = local.describe();
      const target = local.vault(new URL(String(outputs.targetVaultUri)).hostname.split(".")[0]);
      target.setSecret("to-purge", "v");
      target.softDelete("secrets", "to-purge");
      const purge = await fetch(`${target.url}deletedsecrets/to-purge?api-version=2025-07-01`, { method: "DELETE", headers: { Authorization: `Bearer ${String(outputs.operatorToken)}` } });
      expect(purge.status).to.equal(stack === "prod" ? 403 : 204);
    });

    it("grants each workflow's identity only its profile, on its own vault, as the program did", () => {
      const outputs = local.describe();
      const nameOf = (key: string) => new URL(String(outputs[key])).hostname.split(".")[0];
      const grants = (vault: string) => (local.vault(vault).accessPolicies ?? []).map((p) => [p.objectId, Object.values(p.permissions)[0]]);
      expect(grants(nameOf("sourceVaultUri"))).to.deep.include([`principal-of-${String(outputs.backupWorkflowName)}`, ["list", "backup"]]);
      expect(grants(nameOf("targetVaultUri"))).to.deep.include([`principal-of-${String(outputs.restoreWorkflowName)}`, ["restore", "list"]]);
      expect(grants(nameOf("sourceVaultUri")).map(([oid]) => oid)).to.not.include(`principal-of-${String(outputs.restoreWorkflowName)}`);
    });
  });
}

describe("kvbr up --stack prod --time-scale: the Recurrence trigger fires on its schedule, scaled", function () {
  this.timeout(60_000);
  it("runs the daily 02:00 backup on its own, one run at a time, and the runs API shows it came from the schedule", async () => {
    let local: LocalStack | undefined;
    try {
      // A day of the trigger's clock passes in under a second.
      local = await LocalStack.up({ projectDir: ROOT, stack: "prod", seed: { secrets: 3, keys: 0, certificates: 0 }, timeScale: 1e-5, azurite: await sharedAzurite() });
    } finally {
      mocks.install(PROJECT, "test");
    }
    try {
      const outputs = local.describe();
      const client = new StackClient(outputs);
      const listUrl = client.runUrl("backup", "").replace("/runs/?", "/runs?");
      type Listed = { value: Array<{ name: string; properties: { status: string; trigger: { name?: string } } }> };
      let runs: Listed["value"] = [];
      for (const deadline = Date.now() + 20_000; Date.now() < deadline && !runs.some((r) => r.properties.status === "Succeeded"); ) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        runs = (await client.get<Listed>(listUrl)).value;
      }
      const done = runs.find((r) => r.properties.status === "Succeeded");
      expect(done, JSON.stringify(runs)).to.not.equal(undefined);
      const run = await client.get<{ properties: { trigger: { name: string } } }>(client.runUrl("backup", done!.name));
      expect(run.properties.trigger.name).to.equal("schedule");
    } finally {
      await local.stop();
    }
  });
});

describe("kvbr up with other stack options (kinds, conflict policy, no integration account)", function () {
  this.timeout(60_000);
  it("deploys what the options say: secrets only, a taken name fails the run, restore picks with expressions", async () => {
    const dir = tempDir("kvbr-up-options-");
    fs.writeFileSync(
      path.join(dir, "Pulumi.narrow.yaml"),
      ["config:", "  kv-backup-restore:namePrefix: narrow", "  kv-backup-restore:kinds: [secrets]", "  kv-backup-restore:conflictPolicy: fail", "  kv-backup-restore:integrationAccount: none", ""].join("\n"),
    );
    let local: LocalStack | undefined;
    try {
      local = await LocalStack.up({ projectDir: dir, stack: "narrow", seed: { secrets: 3, keys: 2, certificates: 0 }, timeScale: 0, azurite: await sharedAzurite() });
    } finally {
      mocks.install(PROJECT, "test");
    }
    try {
      const outputs = local.describe();
      const client = new StackClient(outputs);
      const name = (key: string) => new URL(String(outputs[key])).hostname.split(".")[0];
      // Only secrets are granted, and only secrets are backed up.
      expect(Object.keys(local.vault(name("sourceVaultUri")).accessPolicies!.find((p) => p.objectId.includes("backup"))!.permissions)).to.deep.equal(["secrets"]);
      const backup = await client.follow("backup", await client.trigger("backup"));
      expect(backup.properties.status).to.equal("Succeeded");
      expect(((await client.outputsOf("backup", backup.name, "Summary")) as { backedUp: unknown }).backedUp).to.deep.equal({ secrets: 3 });
      // A name already in the target fails the run under conflictPolicy fail.
      const taken = local.vault(name("sourceVaultUri")).inventory().secrets[0].name;
      local.vault(name("targetVaultUri")).setSecret(taken, "already here");
      const restore = await client.follow("restore", await client.trigger("restore"));
      expect(restore.properties.status).to.equal("Failed");
      const summary = (await client.outputsOf("restore", restore.name, "Summary")) as { failed: unknown; restored: unknown };
      expect(summary).to.deep.include({ failed: { secrets: 1 }, restored: { secrets: 2 } });
      // With no integration account the workflow is not linked, so inline JavaScript would never have started:
      // the restore ran, so it picked with expressions, and no account was created.
      expect(restore.properties.error?.code).to.equal("RestoreIncomplete");
      expect(JSON.stringify(local.describe().notEmulated)).to.not.contain("IntegrationAccount");
    } finally {
      await local.stop();
    }
  });
});

describe("kvbr up on its own Azurite", function () {
  this.timeout(60_000);
  it("serves the stack's storage account by its name, and backs up into it", async () => {
    let local: LocalStack | undefined;
    try {
      local = await LocalStack.up({ projectDir: ROOT, stack: "dev", seed: { secrets: 2, keys: 0, certificates: 0 }, timeScale: 0 });
    } finally {
      mocks.install(PROJECT, "test");
    }
    try {
      const outputs = local.describe();
      expect(String(outputs.blobEndpoint)).to.match(new RegExp(`/${String(outputs.storageAccountName)}$`));
      const client = new StackClient(outputs);
      expect((await client.follow("backup", await client.trigger("backup"))).properties.status).to.equal("Succeeded");
    } finally {
      await local.stop();
    }
  });
});
