import { expect } from "chai";
import * as path from "path";
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
