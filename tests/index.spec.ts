import { mocks, promiseOf, settled } from "./mocks";
import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import { RecordedResource, revealSecrets } from "../local/recordingMocks";
import { buildBackupWorkflow } from "../workflows/backup";
import { buildRestoreWorkflow } from "../workflows/restore";
import { untilRecorded } from "./components/helpers";

type Program = typeof import("../index");

const SUB = "00000000-0000-0000-0000-000000000001";
const TENANT = "00000000-0000-0000-0000-0000000000aa";
const RG = "kvbr-rg";
const SOURCE = "kvbrtest-src-x7k2q9";
const TARGET = "kvbrtest-dst-x7k2q9";
const ACCOUNT = "kvbrtestbkpx7k2q9";
const BACKUP_WF = "kvbrtest-backup-x7k2q9";
const RESTORE_WF = "kvbrtest-restore-x7k2q9";
const AZUREBLOB = {
  connectionId: `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.Web/connections/kvbr-blob-connection`,
  connectionName: "kvbr-blob-connection",
  id: `/subscriptions/${SUB}/providers/Microsoft.Web/locations/northeurope/managedApis/azureblob`,
};

describe("index.ts: the whole program", () => {
  let program: Program;
  /** Every resource of the program: the root component and everything beneath it. */
  let tree: RecordedResource[];
  const one = (name: string): RecordedResource => {
    const found = tree.filter((r) => r.name === name);
    expect(found, name).to.have.length(1);
    return found[0];
  };

  before(async () => {
    pulumi.runtime.setAllConfig({
      "kv-backup-restore:location": "northeurope",
      "kv-backup-restore:namePrefix": "kvbrtest",
      "kv-backup-restore:kinds": '["secrets","keys"]',
      "kv-backup-restore:conflictPolicy": "fail",
      "kv-backup-restore:concurrency": "5",
      "kv-backup-restore:keyVaultApiVersion": "7.5",
      "kv-backup-restore:softDeleteRetentionDays": "14",
      "kv-backup-restore:purgeProtection": "true",
      "kv-backup-restore:storageSku": "Standard_ZRS",
      "kv-backup-restore:containerName": "kvbr-test-backups",
      "kv-backup-restore:integrationAccountSku": "Basic",
    });
    program = await import("../index");
    await settled(
      program.resourceGroupName,
      program.sourceVaultUri,
      program.targetVaultUri,
      program.storageAccountName,
      program.containerName,
      program.backupWorkflowName,
      program.restoreWorkflowName,
      program.backupTriggerUrl,
      program.restoreTriggerUrl,
    );
    // Nothing exported waits on the access policies.
    await untilRecorded("kvbr-backup-access-policy");
    await untilRecorded("kvbr-restore-access-policy");
    const names = new Set(["kvbr"]);
    for (let grew = true; grew; ) {
      const before = names.size;
      for (const r of mocks.resources) if (r.parent !== null && names.has(r.parent)) names.add(r.name);
      grew = names.size > before;
    }
    tree = mocks.resources.filter((r) => names.has(r.name));
  });

  it("registers exactly these resource types, this many of each", () => {
    const counts: Record<string, number> = {};
    for (const r of tree) counts[r.type] = (counts[r.type] ?? 0) + 1;
    expect(counts).to.deep.equal({
      "kvbr:index:KeyVaultBackupRestore": 1,
      "azure-native:resources:ResourceGroup": 1,
      "random:index/randomString:RandomString": 1,
      "kvbr:storage:BackupStorage": 1,
      "azure-native:storage:StorageAccount": 1,
      "azure-native:storage:BlobServiceProperties": 1,
      "azure-native:storage:ManagementPolicy": 1,
      "azure-native:storage:BlobContainer": 1,
      "kvbr:web:BlobConnection": 1,
      "azure-native:web:Connection": 1,
      "kvbr:logic:IntegrationAccount": 1,
      "azure-native:logic:IntegrationAccount": 1,
      "kvbr:keyvault:KeyVault": 2,
      "azure-native:keyvault:Vault": 2,
      "kvbr:logic:LogicApp": 2,
      "azure-native:logic:Workflow": 2,
      "kvbr:keyvault:VaultAccess": 2,
      "azure-native:keyvault:AccessPolicy": 2,
    });
    expect(tree).to.have.length(24);
  });

  it("has one root, and every other resource has a component of the program as its parent", () => {
    // Every logical name of the program starts with "kvbr-" (no other spec uses that prefix), so an
    // unparented resource would show up here but not in the tree.
    const named = mocks.resources.filter((r) => r.name === "kvbr" || r.name.startsWith("kvbr-"));
    expect(named.map((r) => r.name).sort()).to.deep.equal(tree.map((r) => r.name).sort());
    const components = new Set(tree.filter((r) => !r.custom).map((r) => r.name));
    expect(tree.filter((r) => r.parent === null).map((r) => r.name)).to.deep.equal(["kvbr"]);
    for (const r of tree.filter((x) => x.name !== "kvbr")) expect(components.has(r.parent ?? ""), `${r.type} ${r.name} parent ${r.parent}`).to.equal(true);
  });

  it("applies the config: names, location, sku, container, retention and purge protection", () => {
    expect(one("kvbr-rg").inputs).to.deep.equal({ location: "northeurope" });
    expect(one("kvbr-suffix").inputs).to.include({ length: 6, upper: false, special: false, numeric: true });
    expect(one("kvbr-storage-account").inputs).to.include({ accountName: ACCOUNT, location: "northeurope", resourceGroupName: RG });
    expect(one("kvbr-storage-account").inputs.sku).to.deep.equal({ name: "Standard_ZRS" });
    expect(one("kvbr-storage-container").inputs).to.include({ containerName: "kvbr-test-backups", accountName: ACCOUNT });
    expect(one("kvbr-integration-account").inputs.sku).to.deep.equal({ name: "Basic" });
    for (const [vault, name] of [["kvbr-src-vault", SOURCE], ["kvbr-dst-vault", TARGET]] as const) {
      const inputs = one(vault).inputs;
      expect(inputs.vaultName).to.equal(name);
      expect(inputs.properties).to.include({ tenantId: TENANT, softDeleteRetentionInDays: 14, enablePurgeProtection: true, enableSoftDelete: true });
    }
  });

  it("connects the blob connection to the storage account with its key, as a secret", () => {
    const inputs = one("kvbr-blob-connection").inputs;
    expect(pulumi.runtime.isRpcSecret(inputs.properties)).to.equal(true);
    expect((revealSecrets(inputs.properties) as { parameterValues: unknown }).parameterValues).to.deep.equal({
      accountName: ACCOUNT,
      accessKey: `fake-key-of-${ACCOUNT}`,
    });
  });

  it("grants the backup workflow's identity list+backup on the SOURCE vault", () => {
    expect(one("kvbr-backup-access-policy").parent).to.equal("kvbr-backup-access");
    expect(one("kvbr-backup-access-policy").inputs).to.deep.equal({
      resourceGroupName: RG,
      vaultName: SOURCE,
      policy: {
        tenantId: TENANT,
        objectId: `principal-of-${BACKUP_WF}`,
        permissions: { keys: ["list", "backup"], secrets: ["list", "backup"] },
      },
    });
  });

  it("grants the restore workflow's identity restore+list on the TARGET vault", () => {
    expect(one("kvbr-restore-access-policy").inputs).to.deep.equal({
      resourceGroupName: RG,
      vaultName: TARGET,
      policy: {
        tenantId: TENANT,
        objectId: `principal-of-${RESTORE_WF}`,
        permissions: { keys: ["restore", "list"], secrets: ["restore", "list"] },
      },
    });
  });

  it("links only the restore workflow to the integration account", () => {
    expect(one("kvbr-backup-workflow").inputs).not.to.have.property("integrationAccount");
    expect(one("kvbr-restore-workflow").inputs.integrationAccount).to.deep.equal({
      id: `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.Logic/integrationAccounts/kvbr-integration-account`,
    });
  });

  it("points each workflow's parameters at its own vault, the storage and the connection", () => {
    const common = {
      keyVaultApiVersion: { value: "7.5" },
      storageAccountName: { value: ACCOUNT },
      containerName: { value: "kvbr-test-backups" },
      $connections: { value: { azureblob: AZUREBLOB } },
    };
    expect(one("kvbr-backup-workflow").inputs.workflowName).to.equal(BACKUP_WF);
    expect(one("kvbr-backup-workflow").inputs.parameters).to.deep.equal({ vaultBaseUrl: { value: `https://${SOURCE}.vault.azure.net/` }, ...common });
    expect(one("kvbr-restore-workflow").inputs.workflowName).to.equal(RESTORE_WF);
    expect(one("kvbr-restore-workflow").inputs.parameters).to.deep.equal({ vaultBaseUrl: { value: `https://${TARGET}.vault.azure.net/` }, ...common });
  });

  it("deploys the definitions the builders make for this config", () => {
    const plain = (v: unknown): unknown => JSON.parse(JSON.stringify(v));
    expect(one("kvbr-backup-workflow").inputs.definition).to.deep.equal(plain(buildBackupWorkflow({ kinds: ["secrets", "keys"], concurrency: 5 })));
    expect(one("kvbr-restore-workflow").inputs.definition).to.deep.equal(
      plain(buildRestoreWorkflow({ kinds: ["secrets", "keys"], concurrency: 5, conflictPolicy: "fail" })),
    );
    expect(one("kvbr-restore-workflow").inputs.definition).not.to.deep.equal(plain(buildRestoreWorkflow({ kinds: ["secrets", "keys"], concurrency: 5 })));
    expect(one("kvbr-backup-workflow").inputs.definition).not.to.deep.equal(plain(buildBackupWorkflow({ kinds: ["secrets", "keys"], concurrency: 20 })));
  });

  it("exports the outputs, with the trigger URLs as secrets", async () => {
    expect(await promiseOf(program.resourceGroupName)).to.equal(RG);
    expect(await promiseOf(program.sourceVaultUri)).to.equal(`https://${SOURCE}.vault.azure.net/`);
    expect(await promiseOf(program.targetVaultUri)).to.equal(`https://${TARGET}.vault.azure.net/`);
    expect(await promiseOf(program.storageAccountName)).to.equal(ACCOUNT);
    expect(await promiseOf(program.containerName)).to.equal("kvbr-test-backups");
    expect(await promiseOf(program.backupWorkflowName)).to.equal(BACKUP_WF);
    expect(await promiseOf(program.restoreWorkflowName)).to.equal(RESTORE_WF);
    expect(await pulumi.isSecret(program.backupTriggerUrl)).to.equal(true);
    expect(await pulumi.isSecret(program.restoreTriggerUrl)).to.equal(true);
    expect(await pulumi.isSecret(program.sourceVaultUri)).to.equal(false);
    expect(await promiseOf(program.backupTriggerUrl)).to.equal(
      `https://logic.invalid/workflows/${BACKUP_WF}/triggers/manual/paths/invoke?api-version=2016-10-01&sig=fake`,
    );
    expect(await promiseOf(program.restoreTriggerUrl)).to.equal(
      `https://logic.invalid/workflows/${RESTORE_WF}/triggers/manual/paths/invoke?api-version=2016-10-01&sig=fake`,
    );
  });

  it("calls no function the mocks do not answer", () => {
    expect(mocks.unmockedCalls).to.deep.equal([]);
  });
});
