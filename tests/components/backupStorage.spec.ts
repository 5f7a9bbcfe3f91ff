import { mocks, promiseOf, settled } from "../mocks";
import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import { BackupStorage } from "../../components/backupStorage";
import { childrenOf, recorded } from "./helpers";

describe("BackupStorage", () => {
  it("creates a hardened StorageV2 account with the given name and the default sku", async () => {
    const storage = new BackupStorage("bs-defaults", { resourceGroupName: "rg-bs", location: "westeurope", accountName: "bsdefaultsacct" });
    await settled(storage.accountName, storage.containerName, storage.accountId);

    expect(recorded("bs-defaults-account").inputs).to.deep.equal({
      resourceGroupName: "rg-bs",
      location: "westeurope",
      accountName: "bsdefaultsacct",
      kind: "StorageV2",
      sku: { name: "Standard_LRS" },
      enableHttpsTrafficOnly: true,
      minimumTlsVersion: "TLS1_2",
      allowBlobPublicAccess: false,
      allowSharedKeyAccess: true,
    });
    expect(await promiseOf(storage.accountName)).to.equal("bsdefaultsacct");
    expect(await promiseOf(storage.accountId)).to.equal(
      "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-bs/providers/Microsoft.Storage/storageAccounts/bsdefaultsacct",
    );
  });

  it("turns on blob and container soft delete (7 days by default) and versioning on the 'default' blob service", async () => {
    const storage = new BackupStorage("bs-blobsvc", { resourceGroupName: "rg-bs", location: "westeurope", accountName: "bsblobsvcacct" });
    await settled(storage.accountName, storage.containerName);

    expect(recorded("bs-blobsvc-blob-service").type).to.equal("azure-native:storage:BlobServiceProperties");
    expect(recorded("bs-blobsvc-blob-service").inputs).to.deep.equal({
      resourceGroupName: "rg-bs",
      accountName: "bsblobsvcacct",
      blobServicesName: "default",
      deleteRetentionPolicy: { enabled: true, days: 7 },
      containerDeleteRetentionPolicy: { enabled: true, days: 7 },
      isVersioningEnabled: true,
    });
  });

  it("creates a private container, kv-backups by default", async () => {
    const storage = new BackupStorage("bs-container", { resourceGroupName: "rg-bs", location: "westeurope", accountName: "bscontaineracct" });
    await settled(storage.containerName);

    expect(recorded("bs-container-container").inputs).to.deep.equal({
      resourceGroupName: "rg-bs",
      accountName: "bscontaineracct",
      containerName: "kv-backups",
      publicAccess: "None",
    });
    expect(await promiseOf(storage.containerName)).to.equal("kv-backups");
  });

  it("uses the sku, container name and soft-delete days it is given", async () => {
    const storage = new BackupStorage("bs-custom", {
      resourceGroupName: "rg-bs",
      location: "northeurope",
      accountName: pulumi.output("bscustomacct"),
      sku: "Standard_GZRS",
      containerName: "nightly",
      softDeleteDays: 30,
    });
    await settled(storage.accountName, storage.containerName);

    const account = recorded("bs-custom-account").inputs;
    expect(account.sku).to.deep.equal({ name: "Standard_GZRS" });
    expect(account.location).to.equal("northeurope");
    const service = recorded("bs-custom-blob-service").inputs;
    expect(service.deleteRetentionPolicy).to.deep.equal({ enabled: true, days: 30 });
    expect(service.containerDeleteRetentionPolicy).to.deep.equal({ enabled: true, days: 30 });
    expect(recorded("bs-custom-container").inputs).to.deep.equal({
      resourceGroupName: "rg-bs",
      accountName: "bscustomacct",
      containerName: "nightly",
      publicAccess: "None",
    });
    expect(await promiseOf(storage.containerName)).to.equal("nightly");
  });

  it("exposes the primary access key only as a secret", async () => {
    const storage = new BackupStorage("bs-key", { resourceGroupName: "rg-bs", location: "westeurope", accountName: "bskeyacct" });
    expect(await pulumi.isSecret(storage.primaryAccessKey)).to.equal(true);
    expect(await promiseOf(storage.primaryAccessKey)).to.equal("fake-key-of-bskeyacct");
  });

  it("parents every child to the component, and the component to nothing", async () => {
    const storage = new BackupStorage("bs-tree", { resourceGroupName: "rg-bs", location: "westeurope", accountName: "bstreeacct" });
    await settled(storage.accountName, storage.containerName, storage.primaryAccessKey);

    expect(recorded("bs-tree").type).to.equal("kvbr:storage:BackupStorage");
    expect(recorded("bs-tree").parent).to.equal(null);
    expect(childrenOf("bs-tree")).to.deep.equal([
      ["azure-native:storage:StorageAccount", "bs-tree-account"],
      ["azure-native:storage:BlobServiceProperties", "bs-tree-blob-service"],
      ["azure-native:storage:BlobContainer", "bs-tree-container"],
      ["azure-native:storage:ManagementPolicy", "bs-tree-retention"],
    ]);
    expect(mocks.unmockedCalls).to.deep.equal([]);
  });

  it("expires backup documents and their old versions after 90 days by default, with a lifecycle rule on the container", async () => {
    const storage = new BackupStorage("bs-retention", { resourceGroupName: "rg-bs", location: "westeurope", accountName: "bsretentionacct", containerName: "kv-backups" });
    await settled(storage.accountName, storage.containerName);
    const policy = recorded("bs-retention-retention");
    expect(policy.type).to.equal("azure-native:storage:ManagementPolicy");
    expect(policy.inputs.managementPolicyName).to.equal("default");
    expect(policy.inputs.policy).to.deep.equal({
      rules: [
        {
          name: "expire-backup-documents",
          enabled: true,
          type: "Lifecycle",
          definition: {
            filters: { blobTypes: ["blockBlob"], prefixMatch: ["kv-backups/"] },
            actions: { baseBlob: { delete: { daysAfterModificationGreaterThan: 90 } }, version: { delete: { daysAfterCreationGreaterThan: 90 } } },
          },
        },
      ],
    });
  });

  it("takes the retention in days, and creates no rule when it is 0 (keep forever)", async () => {
    const kept = new BackupStorage("bs-keep", { resourceGroupName: "rg-bs", location: "westeurope", accountName: "bskeepacct", retentionDays: 0 });
    const short = new BackupStorage("bs-short", { resourceGroupName: "rg-bs", location: "westeurope", accountName: "bsshortacct", retentionDays: 7 });
    await settled(kept.accountName, short.accountName, kept.containerName, short.containerName);
    expect(mocks.resources.filter((r) => r.parent === "bs-keep" && r.type === "azure-native:storage:ManagementPolicy")).to.have.length(0);
    expect((recorded("bs-short-retention").inputs.policy as { rules: Array<{ definition: { actions: unknown } }> }).rules[0].definition.actions).to.deep.equal({
      baseBlob: { delete: { daysAfterModificationGreaterThan: 7 } },
      version: { delete: { daysAfterCreationGreaterThan: 7 } },
    });
  });

  it("write-protects backup documents for immutableDays with an unlocked container policy, and not at all by default", async () => {
    const locked = new BackupStorage("bs-worm", { resourceGroupName: "rg-bs", location: "westeurope", accountName: "bswormacct", containerName: "kv-backups", immutableDays: 30 });
    const open = new BackupStorage("bs-open", { resourceGroupName: "rg-bs", location: "westeurope", accountName: "bsopenacct" });
    await settled(locked.accountName, locked.containerName, open.accountName, open.containerName);
    expect(recorded("bs-worm-immutability").inputs).to.deep.equal({
      resourceGroupName: "rg-bs",
      accountName: "bswormacct",
      containerName: "kv-backups",
      immutabilityPolicyName: "default",
      immutabilityPeriodSinceCreationInDays: 30,
      allowProtectedAppendWrites: false,
    });
    expect(mocks.resources.filter((r) => r.parent === "bs-open" && r.type === "azure-native:storage:BlobContainerImmutabilityPolicy")).to.deep.equal([]);
  });
});
