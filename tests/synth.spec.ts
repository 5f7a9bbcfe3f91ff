import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { parseFlags, runCli } from "../local/cli";
import { PROJECT } from "../config";
import { mocks } from "./mocks";
import { readStackFile } from "../local/synth";
import { messageOf } from "./components/helpers";
import { WorkflowDefinition } from "../workflows/definition";
import { validateDefinition } from "../workflows/validate";
import { buildBackupWorkflow } from "../workflows/backup";
import { buildRestoreWorkflow } from "../workflows/restore";
import { tempDir } from "./tempDir";

const ROOT = path.join(__dirname, "..");
const USAGE = `usage: kvbr synth [--stack NAME] [--out DIR]
  Run the Pulumi program offline under mocks with Pulumi.<stack>.yaml and write DIR/resources.json and
  DIR/workflows/{backup,restore}.json (default DIR: synth-out/<stack>).`;

interface Run {
  status: number;
  stdout: string;
  stderr: string;
}
/**
 * The CLI in this process (what bin/kvbr runs), reading stack files from `projectDir`. Synth installs its
 * own mocks, so the specs' are installed again afterwards.
 */
async function kvbrHere(args: string[], projectDir = ROOT): Promise<Run> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  try {
    const status = await runCli(args, { out: (l) => stdout.push(`${l}\n`), err: (l) => stderr.push(`${l}\n`), projectDir });
    return { status, stdout: stdout.join(""), stderr: stderr.join("") };
  } finally {
    mocks.install(PROJECT, "test");
  }
}

interface SynthResource {
  type: string;
  name: string;
  parent: string | null;
  inputs: Record<string, unknown>;
}
interface SynthWorkflow {
  definition: WorkflowDefinition;
  parameters: Record<string, { value: unknown }>;
}
const readJson = <T>(file: string): T => JSON.parse(fs.readFileSync(file, "utf8")) as T;
const plain = (v: unknown): unknown => JSON.parse(JSON.stringify(v));

describe("kvbr synth", function () {
  this.timeout(180_000);
  const tmp = tempDir("kvbr-synth-spec-");
  const out = path.join(tmp, "dev");
  let run: Run;
  let resources: SynthResource[];
  let backup: SynthWorkflow;
  let restore: SynthWorkflow;
  const find = (name: string) => resources.find((r) => r.name === name) ?? expect.fail(`no ${name} in resources.json`);

  before(async () => {
    run = await kvbrHere(["synth", "--stack", "dev", "--out", out]);
    expect(run.status, run.stderr).to.equal(0);
    resources = readJson(path.join(out, "resources.json"));
    backup = readJson(path.join(out, "workflows", "backup.json"));
    restore = readJson(path.join(out, "workflows", "restore.json"));
  });

  it("writes exactly resources.json and workflows/{backup,restore}.json, and prints a summary", () => {
    expect(fs.readdirSync(out).sort()).to.deep.equal(["resources.json", "workflows"]);
    expect(fs.readdirSync(path.join(out, "workflows")).sort()).to.deep.equal(["backup.json", "restore.json"]);
    expect(run.stdout).to.contain("azure-native:keyvault:AccessPolicy          kvbr-backup-access-policy\n");
    expect(run.stdout).to.contain("\n24 resources\n");
  });

  it("resources.json lists every resource as {type, name, parent, inputs}, sorted by name", () => {
    for (const r of resources) expect(Object.keys(r).sort()).to.deep.equal(["inputs", "name", "parent", "type"]);
    expect(resources.map((r) => [r.name, r.type, r.parent])).to.deep.equal([
      ["kvbr", "kvbr:index:KeyVaultBackupRestore", null],
      ["kvbr-backup", "kvbr:logic:LogicApp", "kvbr"],
      ["kvbr-backup-access", "kvbr:keyvault:VaultAccess", "kvbr"],
      ["kvbr-backup-access-policy", "azure-native:keyvault:AccessPolicy", "kvbr-backup-access"],
      ["kvbr-backup-workflow", "azure-native:logic:Workflow", "kvbr-backup"],
      ["kvbr-blob", "kvbr:web:BlobConnection", "kvbr"],
      ["kvbr-blob-connection", "azure-native:web:Connection", "kvbr-blob"],
      ["kvbr-dst", "kvbr:keyvault:KeyVault", "kvbr"],
      ["kvbr-dst-vault", "azure-native:keyvault:Vault", "kvbr-dst"],
      ["kvbr-integration", "kvbr:logic:IntegrationAccount", "kvbr"],
      ["kvbr-integration-account", "azure-native:logic:IntegrationAccount", "kvbr-integration"],
      ["kvbr-restore", "kvbr:logic:LogicApp", "kvbr"],
      ["kvbr-restore-access", "kvbr:keyvault:VaultAccess", "kvbr"],
      ["kvbr-restore-access-policy", "azure-native:keyvault:AccessPolicy", "kvbr-restore-access"],
      ["kvbr-restore-workflow", "azure-native:logic:Workflow", "kvbr-restore"],
      ["kvbr-rg", "azure-native:resources:ResourceGroup", "kvbr"],
      ["kvbr-src", "kvbr:keyvault:KeyVault", "kvbr"],
      ["kvbr-src-vault", "azure-native:keyvault:Vault", "kvbr-src"],
      ["kvbr-storage", "kvbr:storage:BackupStorage", "kvbr"],
      ["kvbr-storage-account", "azure-native:storage:StorageAccount", "kvbr-storage"],
      ["kvbr-storage-blob-service", "azure-native:storage:BlobServiceProperties", "kvbr-storage"],
      ["kvbr-storage-container", "azure-native:storage:BlobContainer", "kvbr-storage"],
      ["kvbr-storage-retention", "azure-native:storage:ManagementPolicy", "kvbr-storage"],
      ["kvbr-suffix", "random:index/randomString:RandomString", "kvbr"],
    ]);
  });

  it("applies Pulumi.dev.yaml: the kvbrdev prefix and 7 days of vault soft delete", () => {
    expect(find("kvbr-storage-account").inputs.accountName).to.equal("kvbrdevbkpx7k2q9");
    expect(find("kvbr-src-vault").inputs.vaultName).to.equal("kvbrdev-src-x7k2q9");
    expect(find("kvbr-dst-vault").inputs.vaultName).to.equal("kvbrdev-dst-x7k2q9");
    expect(find("kvbr-src-vault").inputs.properties).to.include({ softDeleteRetentionInDays: 7 });
    expect(find("kvbr-src-vault").inputs.properties).not.to.have.property("enablePurgeProtection");
    expect(find("kvbr-backup-workflow").inputs.workflowName).to.equal("kvbrdev-backup-x7k2q9");
  });

  it("shows secrets as \"[secret]\" and never the access key in plain text", () => {
    expect(find("kvbr-blob-connection").inputs.properties).to.equal("[secret]");
    const everything = [run.stdout, run.stderr, ...["resources.json", "workflows/backup.json", "workflows/restore.json"].map((f) => fs.readFileSync(path.join(out, f), "utf8"))];
    for (const text of everything) {
      expect(text).not.to.contain("fake-key-of");
      expect(text).not.to.contain("sig=fake");
    }
  });

  it("writes each workflow as {definition, parameters}, and both definitions validate with zero problems", () => {
    for (const wf of [backup, restore]) {
      expect(Object.keys(wf).sort()).to.deep.equal(["definition", "parameters"]);
      expect(validateDefinition(wf.definition)).to.deep.equal([]);
    }
  });

  it("writes the definitions the builders make for the dev config (all kinds, concurrency 20, skip)", () => {
    expect(backup.definition).to.deep.equal(plain(buildBackupWorkflow({ kinds: ["secrets", "keys", "certificates"], concurrency: 20 })));
    expect(restore.definition).to.deep.equal(
      plain(buildRestoreWorkflow({ kinds: ["secrets", "keys", "certificates"], concurrency: 20, conflictPolicy: "skip" })),
    );
  });

  it("fills the parameters: its own vault, storage, container and the $connections value", () => {
    const connections = {
      azureblob: {
        connectionId: "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/kvbr-rg/providers/Microsoft.Web/connections/kvbr-blob-connection",
        connectionName: "kvbr-blob-connection",
        id: "/subscriptions/00000000-0000-0000-0000-000000000001/providers/Microsoft.Web/locations/westeurope/managedApis/azureblob",
      },
    };
    const common = {
      keyVaultApiVersion: { value: "2025-07-01" },
      storageAccountName: { value: "kvbrdevbkpx7k2q9" },
      containerName: { value: "kv-backups" },
      $connections: { value: connections },
    };
    expect(backup.parameters).to.deep.equal({ vaultBaseUrl: { value: "https://kvbrdev-src-x7k2q9.vault.azure.net/" }, ...common });
    expect(restore.parameters).to.deep.equal({ vaultBaseUrl: { value: "https://kvbrdev-dst-x7k2q9.vault.azure.net/" }, ...common });
  });

  describe("with other stack files (in a temporary project folder)", () => {
    const copy = path.join(tmp, "project");
    before(() => {
      fs.mkdirSync(copy, { recursive: true });
      const stack = (name: string, lines: string[]) => fs.writeFileSync(path.join(copy, `Pulumi.${name}.yaml`), `config:\n${lines.map((l) => `  ${l}\n`).join("")}`);
      stack("small", ["kv-backup-restore:namePrefix: small", "kv-backup-restore:kinds: [secrets]", "kv-backup-restore:purgeProtection: true", "kv-backup-restore:concurrency: 3"]);
      stack("bad", ["kv-backup-restore:concurrency: 0", "kv-backup-restore:namePrefix: Bad-Prefix"]);
    });

    it("reads structured and typed YAML values (lists, booleans, numbers)", async () => {
      const smallOut = path.join(tmp, "small");
      const result = await kvbrHere(["synth", "--stack", "small", "--out", smallOut], copy);
      expect(result.status, result.stderr).to.equal(0);
      const small = readJson<SynthResource[]>(path.join(smallOut, "resources.json"));
      const policy = small.find((r) => r.name === "kvbr-backup-access-policy");
      expect(policy?.inputs).to.deep.equal({
        resourceGroupName: "kvbr-rg",
        vaultName: "small-src-x7k2q9",
        policy: { tenantId: "00000000-0000-0000-0000-0000000000aa", objectId: "principal-of-small-backup-x7k2q9", permissions: { secrets: ["list", "backup"] } },
      });
      expect(small.find((r) => r.name === "kvbr-dst-vault")?.inputs.properties).to.include({ enablePurgeProtection: true });
      const smallBackup = readJson<SynthWorkflow>(path.join(smallOut, "workflows", "backup.json"));
      expect(smallBackup.definition).to.deep.equal(plain(buildBackupWorkflow({ kinds: ["secrets"], concurrency: 3 })));
    });

    it("fails with every config problem named, and writes nothing", async () => {
      const badOut = path.join(tmp, "bad");
      const result = await kvbrHere(["synth", "--stack", "bad", "--out", badOut], copy);
      expect(result.status).to.equal(1);
      expect(result.stderr).to.equal(
        [
          "Invalid stack configuration:",
          `  - kv-backup-restore:namePrefix = "Bad-Prefix": must be 1-13 lowercase letters and digits, starting with a letter (it becomes part of storage account and vault names)`,
          `  - kv-backup-restore:concurrency = "0": must be a whole number from 1 to 50`,
          "",
        ].join("\n"),
      );
      expect(fs.existsSync(badOut)).to.equal(false);
    });
  });

  it("fails clearly on a stack with no stack file", async () => {
    const result = await kvbrHere(["synth", "--stack", "nosuchstack", "--out", path.join(tmp, "nosuch")]);
    expect(result.status).to.equal(1);
    expect(result.stderr).to.equal(`No stack file ${path.join(ROOT, "Pulumi.nosuchstack.yaml")}: create it or pick another --stack\n`);
    expect(fs.existsSync(path.join(tmp, "nosuch"))).to.equal(false);
  });

  it("fails on an unknown flag and on an unknown command, with the usage", async () => {
    const flag = await kvbrHere(["synth", "--stak", "dev"]);
    expect(flag.status).to.equal(1);
    expect(flag.stderr).to.equal(`unknown argument '--stak'\n${USAGE}\n`);
    const command = await kvbrHere(["deploy"]);
    expect(command.status).to.equal(1);
    expect(command.stderr).to.match(/^unknown command 'deploy'\nusage: kvbr <command>\nkvbr demo\n/);
    expect(command.stderr).to.contain("kvbr run --workflow FILE[:PARAMS]").and.contain("kvbr serve [--vault NAME=S[,K[,C]]]");
  });
});

describe("kvbr: parseFlags", () => {
  const KNOWN = ["stack", "out"] as const;
  const flagError = (argv: string[]): string => messageOf(() => parseFlags(argv, KNOWN));

  it("reads --name value pairs", () => {
    expect(parseFlags([], KNOWN)).to.deep.equal({});
    expect(parseFlags(["--stack", "prod"], KNOWN)).to.deep.equal({ stack: "prod" });
    expect(parseFlags(["--out", "/tmp/x", "--stack", "dev"], KNOWN)).to.deep.equal({ out: "/tmp/x", stack: "dev" });
  });

  it("refuses an unknown flag, or a value where a flag belongs", () => {
    expect(flagError(["--region", "x"])).to.equal(`unknown argument '--region'\n${USAGE}`);
    expect(flagError(["stack", "dev"])).to.equal(`unknown argument 'stack'\n${USAGE}`);
    expect(flagError(["-stack", "dev"])).to.equal(`unknown argument '-stack'\n${USAGE}`);
    expect(flagError(["--stack", "dev", "extra"])).to.equal(`unknown argument 'extra'\n${USAGE}`);
  });

  it("refuses a flag with no value", () => {
    expect(flagError(["--stack"])).to.equal(`--stack needs a value\n${USAGE}`);
    expect(flagError(["--stack", "--out", "x"])).to.equal(`--stack needs a value\n${USAGE}`);
    expect(flagError(["--out", "x", "--stack"])).to.equal(`--stack needs a value\n${USAGE}`);
  });
});

describe("kvbr: readStackFile", () => {
  const dir = tempDir("kvbr-stackfile-spec-");
  const read = (stack: string, body: string): Record<string, string> => {
    fs.writeFileSync(path.join(dir, `Pulumi.${stack}.yaml`), body);
    return readStackFile(dir, stack);
  };

  it("flattens a stack file to the strings Pulumi hands a program", () => {
    const body = "config:\n  azure-native:location: westeurope\n  kv-backup-restore:concurrency: 20\n  kv-backup-restore:purgeProtection: true\n  kv-backup-restore:kinds: [secrets, keys]\n  namePrefix: bare\n";
    expect(read("flat", body)).to.deep.equal({
      "azure-native:location": "westeurope",
      "kv-backup-restore:concurrency": "20",
      "kv-backup-restore:purgeProtection": "true",
      "kv-backup-restore:kinds": '["secrets","keys"]',
      "kv-backup-restore:namePrefix": "bare",
    });
    expect(read("empty", "")).to.deep.equal({});
  });

  it("refuses an encrypted value by name, and a missing file", () => {
    fs.writeFileSync(path.join(dir, "Pulumi.enc.yaml"), "config:\n  kv-backup-restore:namePrefix:\n    secure: AAABAHh5eg==\n");
    expect(messageOf(() => readStackFile(dir, "enc"))).to.equal(`${path.join(dir, "Pulumi.enc.yaml")}: kv-backup-restore:namePrefix is encrypted; synth cannot read secrets offline`);
    expect(messageOf(() => readStackFile(dir, "missing"))).to.equal(`No stack file ${path.join(dir, "Pulumi.missing.yaml")}: create it or pick another --stack`);
  });

  // Pulumi reads every scalar config value as its source text (config.Value.UnmarshalYAML unmarshals into a
  // string first), so synth must not turn an unquoted date into a Date or `7.10` into "7.1".
  it("reads scalars as their text, as Pulumi does (unquoted dates, floats, empty values)", () => {
    const body = "config:\n  kv-backup-restore:keyVaultApiVersion: 2025-07-01\n  kv-backup-restore:other: 7.10\n  kv-backup-restore:empty:\n";
    expect(read("scalars", body)).to.deep.equal({
      "kv-backup-restore:keyVaultApiVersion": "2025-07-01",
      "kv-backup-restore:other": "7.10",
      "kv-backup-restore:empty": "",
    });
  });
});
