import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { PROJECT } from "../../../config";
import { kvbrUp } from "../../../local/commands/up";
import { StackClient } from "../../../local/stack/stackClient";
import { mocks } from "../../mocks";
import { tempDir } from "../../tempDir";
import { sharedAzurite } from "../../sharedAzurite";

describe("kvbr up", function () {
  this.timeout(60_000);

  it("prints and writes the outputs with local trigger URLs, serves them until told to stop, then stops", async () => {
    const file = path.join(tempDir("kvbr-up-spec-"), "outputs.json");
    const lines: string[] = [];
    let stop: () => void = () => undefined;
    const until = new Promise<void>((resolve) => (stop = resolve));
    const up = kvbrUp(["--stack", "dev", "--seed", "3,1", "--outputs", file, "--time-scale", "0"], { print: (l) => lines.push(l), until, azurite: await sharedAzurite() });
    try {
      while (!fs.existsSync(file)) await new Promise((resolve) => setTimeout(resolve, 20));
      const outputs = JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, unknown>;
      expect(outputs).to.include({ resourceGroupName: "kvbr-rg", backupWorkflowName: "kvbrdev-backup-x7k2q9", subscriptionId: "00000000-0000-0000-0000-000000000001" });
      expect(String(outputs.backupTriggerUrl)).to.match(/^http:\/\/127\.0\.0\.1:\d+\/workflows\/kvbrdev-backup-x7k2q9\/triggers\/manual\/paths\/invoke\?api-version=2016-10-01&sp=.*&sig=/);
      expect(lines[0]).to.equal("stack dev is up on loopback:");
      const client = new StackClient(outputs);
      const run = await client.follow("backup", await client.trigger("backup"));
      expect(run.properties.status).to.equal("Succeeded");
    } finally {
      stop();
      expect(await up).to.equal(0);
      mocks.install(PROJECT, "test");
    }
    // Stopped: the trigger URL no longer answers.
    const outputs = JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, unknown>;
    const after = await fetch(String(outputs.backupTriggerUrl), { method: "POST", body: "{}" }).then((r) => r.status, () => "refused");
    expect(after).to.equal("refused");
  });

  it("refuses a bad --seed, naming the flag and the form", async () => {
    let message = "";
    await kvbrUp(["--seed", "many"], { until: Promise.resolve() }).catch((e: Error) => (message = e.message));
    expect(message).to.equal("--seed 'many': expected SECRETS[,KEYS[,CERTIFICATES]], e.g. 20,5,2");
  });
});
