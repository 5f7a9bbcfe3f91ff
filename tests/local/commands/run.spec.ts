import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { kvbrRun } from "../../../local/commands/run";
import { projectDefinition } from "../../../local/projectWorkflows";
import { tempDir } from "../../tempDir";
import { sharedAzurite } from "../../sharedAzurite";

async function runJson(argv: string[]): Promise<{ code: number; report: Record<string, any> }> {
  const lines: string[] = [];
  const code = await kvbrRun([...argv, "--json"], (l) => lines.push(l), await sharedAzurite());
  expect(lines, "--json prints exactly one line").to.have.length(1);
  return { code, report: JSON.parse(lines[0]) };
}

async function errorOf(argv: string[]): Promise<string> {
  try {
    await kvbrRun(argv, () => undefined, await sharedAzurite());
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error("expected kvbr run to refuse its arguments");
}

describe("kvbr run", function () {
  this.timeout(60_000);
  const tmp = tempDir("kvbr-run-spec-");

  it("runs the project's backup then restore and reports both vaults, the blobs and the HTTP counts", async () => {
    const { code, report } = await runJson(["--workflow", "backup", "--workflow", "restore", "--vault", "src=30,3,2", "--vault", "dst=0", "--time-scale", "0"]);
    expect(code).to.equal(0);
    expect(report.status).to.equal("Succeeded");
    expect(report.error).to.equal(null);
    expect(report.vaults).to.deep.equal({ src: { secrets: 32, keys: 5, certificates: 2 }, dst: { secrets: 32, keys: 5, certificates: 2 } });
    // The manifest, and one part per kind under the backup's own folder of parts.
    const names: string[] = report.blobs.map((b: { name: string }) => b.name);
    expect(names).to.have.length(4);
    expect(names[0]).to.match(/^backups\/.+\.json$/);
    const stem = names[0].slice("backups/".length, -".json".length);
    expect(names.slice(1)).to.deep.equal(["certificate", "key", "secret"].map((k) => `parts/${stem}/${k}-0.json`));
    expect(report.actions.Restore_each_secret).to.deep.equal({ status: "Succeeded", repetitions: 1 });
    expect(report.actions.Restore_secret.repetitions).to.equal(30);
    expect(report.runs.map((r: { status: string }) => r.status)).to.deep.equal(["Succeeded", "Succeeded"]);
    expect(report.http.requests).to.be.greaterThan(0);
    expect(report.http.byStatus["200"]).to.equal(report.http.requests);
  });

  it("runs a definition file with a parameters file whose placeholders point at the emulators, and dumps the blobs", async () => {
    const file = path.join(tmp, "backup.json");
    fs.writeFileSync(file, JSON.stringify({ definition: projectDefinition("backup"), parameters: { containerName: { value: "${container}" } } }));
    const params = path.join(tmp, "params.json");
    fs.writeFileSync(
      params,
      JSON.stringify({
        vaultBaseUrl: "${vault:mine}",
        keyVaultApiVersion: "2025-07-01",
        storageAccountName: "${storageAccount}",
        $connections: { azureblob: { connectionId: "/c/blob", connectionName: "blob", id: "/apis/azureblob" } },
      }),
    );
    const dump = path.join(tmp, "dump");
    const { code, report } = await runJson(["--workflow", `${file}:${params}`, "--vault", "mine=3", "--dump-blobs", dump]);
    expect(code, JSON.stringify(report.error)).to.equal(0);
    const written = path.join(dump, report.blobs[0].name);
    expect(JSON.parse(fs.readFileSync(written, "utf8")).counts).to.deep.equal({ secrets: 3, keys: 0, certificates: 0 });
  });

  it("runs a FILE workflow as the --identity given, which the vaults authorize as the stack does", async () => {
    const file = path.join(tmp, "restore.json");
    const parameters = {
      vaultBaseUrl: { value: "${vault:dst}" },
      keyVaultApiVersion: { value: "2025-07-01" },
      storageAccountName: { value: "${storageAccount}" },
      containerName: { value: "${container}" },
      $connections: { value: { azureblob: { connectionId: "/c/blob", connectionName: "blob", id: "/apis/azureblob" } } },
    };
    fs.writeFileSync(file, JSON.stringify({ definition: projectDefinition("restore"), parameters }));
    const args = ["--workflow", "backup", "--workflow", file, "--vault", "src=2", "--vault", "dst=0", "--time-scale", "0"];
    // As the backup identity (the default), the target refuses every call: it only grants the restore identity.
    const denied = await runJson(args);
    expect(denied.code).to.equal(1);
    expect(JSON.stringify(denied.report.summary ?? denied.report.error)).to.contain("permission on key vault 'dst;location=westeurope'");
    const allowed = await runJson([...args, "--identity", "restore"]);
    expect(allowed.code, JSON.stringify(allowed.report.error)).to.equal(0);
    expect(allowed.report.vaults.dst).to.deep.equal({ secrets: 2, keys: 0, certificates: 0 });
    expect(await errorOf([...args, "--identity", "owner"])).to.match(/--identity/);
  });

  it("applies Key Vault's request limits with --kv-limits: restores as creates throttle a key restore past 20 per window, and retries carry it through", async () => {
    // A 500 ms window: the second wave of 20 restores lands inside it however slow the machine.
    const args = ["--workflow", "backup", "--workflow", "restore", "--vault", "src=0,40", "--vault", "dst=0", "--time-scale", "0.05"];
    const { code, report } = await runJson([...args, "--kv-limits", "create"]);
    expect(code, JSON.stringify(report.error)).to.equal(0);
    expect(report.http.byStatus["429"], "some restores were throttled").to.be.greaterThan(0);
    expect(report.vaults.dst).to.deep.equal({ secrets: 0, keys: 40, certificates: 0 });
    const plain = await runJson(args);
    expect(plain.report.http.byStatus["429"] ?? 0, "no limits without the flag").to.equal(0);
    expect(await errorOf([...args.slice(0, -2), "--time-scale", "0", "--kv-limits", "create"])).to.match(/--kv-limits needs a --time-scale above 0/);
    expect(await errorOf([...args, "--kv-limits", "both"])).to.match(/--kv-limits/);
  });

  it("never calls a real Azure endpoint: a definition run with its Azure parameters sends nothing", async () => {
    const file = path.join(tmp, "azure-backup.json");
    fs.writeFileSync(file, JSON.stringify({
      definition: projectDefinition("backup"),
      parameters: {
        vaultBaseUrl: { value: "https://kvbr-src-prod.vault.azure.net/" },
        keyVaultApiVersion: { value: "2025-07-01" },
        storageAccountName: { value: "${storageAccount}" },
        containerName: { value: "${container}" },
        $connections: { value: { azureblob: { connectionId: "/c/blob", connectionName: "blob", id: "/apis/azureblob" } } },
      },
    }));
    const { code, report } = await runJson(["--workflow", file, "--time-scale", "0"]);
    expect(code).to.equal(1);
    expect(report.http.requests).to.equal(0);
    const failures = report.summary.failures as Array<{ kind: string; error: string }>;
    expect(failures.map((f) => f.kind)).to.deep.equal(["certificate", "key", "secret"]);
    for (const f of failures) expect(f.error).to.match(/^Listing \w+ failed: 'List_\w+': the local engine sends requests only to loopback, and kvbr-src-prod\.vault\.azure\.net is not;/);
  });

  it("exits 1 with the run's error when a workflow fails", async () => {
    const { code, report } = await runJson(["--workflow", "restore", "--vault", "src=0", "--vault", "dst=0", "--time-scale", "0"]);
    expect(code).to.equal(1);
    expect(report.status).to.equal("Failed");
    expect(report.error.code).to.equal("BackupNotFound");
  });

  it("prints, for a failed run, every object it did not back up and why", async () => {
    const lines: string[] = [];
    const code = await kvbrRun(["--workflow", "backup", "--vault", "src=2", "--kv-errors", "1", "--time-scale", "0"], (l) => lines.push(l), await sharedAzurite());
    expect(code).to.equal(1);
    expect(lines[1]).to.match(/^ {2}Failed: BackupIncomplete: Backed up 0 of 0 listed object\(s\); 3 failure\(s\)\./);
    expect(lines.filter((l) => l.startsWith("  not backed up: "))).to.deep.equal(
      ["certificate", "key", "secret"].map((kind) => `  not backed up: ${kind} (HTTP 503): Listing ${kind}s failed: The service is temporarily unavailable. Retry the request.`),
    );
  });

  it("refuses bad arguments, naming the flag and what is allowed", async () => {
    expect(await errorOf([])).to.match(/^--workflow is required/);
    expect(await errorOf(["--workflow", "backup", "--vault", "x"])).to.match(/^--vault 'x': expected NAME=SECRETS\[,KEYS\[,CERTIFICATES\]\]/);
    expect(await errorOf(["--workflow", "backup", "--kv-throttle", "2"])).to.equal("--kv-throttle '2': expected a rate from 0 to 1, e.g. 0.1");
    expect(await errorOf(["--workflow", "backup", "--trigger-body", "{"])).to.match(/^--trigger-body is not JSON/);
    expect(await errorOf(["--workflow", "backup"])).to.equal("--workflow backup needs a first --vault to back up");
    expect(await errorOf(["--workflow", path.join(tmp, "missing.json"), "--vault", "src=1"])).to.equal(`--workflow '${path.join(tmp, "missing.json")}' cannot be read`);
    expect(await errorOf(["--workflow", "backup", "--vault", "src=1", "--expression-limit", "loose"])).to.equal("--expression-limit must be one of strict, documented, got 'loose'");
    expect(await errorOf(["--workflow", "backup", "--vault", "src=1", "--json-content", "text"])).to.equal("--json-content must be one of envelope, object, got 'text'");
    expect(await errorOf(["--workflow", "backup", "--vault", "src=1", "--blob-page-size", "0"])).to.equal("--blob-page-size must be a whole number of at least 1, got 0");
  });

  it("runs backup and restore with the other reading of each unconfirmed behaviour", async () => {
    const { code, report } = await runJson(
      ["--workflow", "backup", "--workflow", "restore", "--vault", "src=12,2,1", "--vault", "dst=0", "--time-scale", "0", "--expression-limit", "documented", "--json-content", "object", "--blob-page-size", "1"],
    );
    expect(code, JSON.stringify(report.error)).to.equal(0);
    expect(report.vaults.dst).to.deep.equal(report.vaults.src);
  });
});
