import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { LocalEnvironment } from "../../../local/environment";
import { LegacyBackupDocument } from "../../../workflows/backupDocument";
import { describeRun, restore, summaryOf, useEnvironment, vaultSpec, writeBlobJson } from "./helpers";

/**
 * Yesterday's backup: a document the format-1 version of this service wrote (commit ee1acf3, 2026-12-02,
 * its backup workflow run on the local stack against a vault of 4 secrets, 2 keys and 1 certificate). A
 * user upgrading must still restore it, as latest and by name.
 */
const FIXTURE = JSON.parse(fs.readFileSync(path.join(__dirname, "fixtures", "format1-backup.json"), "utf8")) as { name: string; document: LegacyBackupDocument };

describe("end to end: a backup written in format 1 still restores", function () {
  this.timeout(60_000);
  let env: LocalEnvironment;
  useEnvironment((e) => (env = e));

  const namesOf = (items: LegacyBackupDocument["items"], kind: string) => items.filter((i) => i.kind === kind).map((i) => i.name).sort();

  for (const how of ["latest", "by name"] as const) {
    it(`restores every item of the format-1 document, ${how}`, async () => {
      expect(FIXTURE.document.formatVersion).to.equal(1);
      await writeBlobJson(env, FIXTURE.name, FIXTURE.document);
      const target = await env.addVault(vaultSpec("dst"));
      const r = await restore(env, target.name, how === "latest" ? {} : { backup: FIXTURE.name.replace(/^backups\//, "") });
      expect(r.status, describeRun(r)).to.equal("Succeeded");
      expect(summaryOf(r)).to.deep.include({ backupComplete: true, inBackup: FIXTURE.document.counts, restored: FIXTURE.document.counts });
      const inventory = target.inventory();
      expect(inventory.secrets.filter((s) => !s.managed).map((s) => s.name).sort()).to.deep.equal(namesOf(FIXTURE.document.items, "secret"));
      expect(inventory.keys.filter((k) => !k.managed).map((k) => k.name).sort()).to.deep.equal(namesOf(FIXTURE.document.items, "key"));
      expect(inventory.certificates.map((c) => c.name).sort()).to.deep.equal(namesOf(FIXTURE.document.items, "certificate"));
    });
  }
});
