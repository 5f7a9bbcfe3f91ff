import * as pulumi from "@pulumi/pulumi";
import * as storage from "@pulumi/azure-native/storage";

export interface BackupStorageArgs {
  resourceGroupName: pulumi.Input<string>;
  location: pulumi.Input<string>;
  /** Globally unique: 3-24 lowercase letters and digits (see naming.ts). */
  accountName: pulumi.Input<string>;
  /** Default Standard_LRS. */
  sku?: pulumi.Input<string>;
  /** Default kv-backups. */
  containerName?: pulumi.Input<string>;
  /** Days a deleted blob or container can be undeleted; default 7. */
  softDeleteDays?: pulumi.Input<number>;
  /** Days backup documents (and their old versions) are kept before a lifecycle rule deletes them; default 90, 0 keeps them forever. */
  retentionDays?: number;
  /** Days each backup document cannot be changed or deleted, by anyone, after it is written (time-based WORM); default 0, off. */
  immutableDays?: number;
}

/**
 * A hardened storage account with a private container for backup documents: HTTPS only, TLS 1.2, no
 * public blob access, blob and container soft delete, and versioning, so an overwritten or deleted
 * backup can be recovered.
 */
export class BackupStorage extends pulumi.ComponentResource {
  readonly accountName: pulumi.Output<string>;
  readonly accountId: pulumi.Output<string>;
  readonly containerName: pulumi.Output<string>;
  /** The account key the blob connection authenticates with; secret. */
  readonly primaryAccessKey: pulumi.Output<string>;

  constructor(name: string, args: BackupStorageArgs, opts?: pulumi.ComponentResourceOptions) {
    super("kvbr:storage:BackupStorage", name, {}, opts);
    const softDeleteDays = args.softDeleteDays ?? 7;

    const account = new storage.StorageAccount(
      `${name}-account`,
      {
        resourceGroupName: args.resourceGroupName,
        location: args.location,
        accountName: args.accountName,
        kind: storage.Kind.StorageV2,
        sku: { name: args.sku ?? storage.SkuName.Standard_LRS },
        enableHttpsTrafficOnly: true,
        minimumTlsVersion: storage.MinimumTlsVersion.TLS1_2,
        allowBlobPublicAccess: false,
        // The azureblob API connection authenticates with the account key (azure-native cannot express
        // a managed-identity connection), so shared-key access stays on.
        allowSharedKeyAccess: true,
      },
      { parent: this },
    );

    const blobService = new storage.BlobServiceProperties(
      `${name}-blob-service`,
      {
        resourceGroupName: args.resourceGroupName,
        accountName: account.name,
        blobServicesName: "default",
        deleteRetentionPolicy: { enabled: true, days: softDeleteDays },
        containerDeleteRetentionPolicy: { enabled: true, days: softDeleteDays },
        isVersioningEnabled: true,
      },
      { parent: this },
    );

    const container = new storage.BlobContainer(
      `${name}-container`,
      {
        resourceGroupName: args.resourceGroupName,
        accountName: account.name,
        containerName: args.containerName ?? "kv-backups",
        publicAccess: storage.PublicAccess.None,
      },
      { parent: this, dependsOn: [blobService] },
    );

    const retentionDays = args.retentionDays ?? 90;
    if (!Number.isInteger(retentionDays) || retentionDays < 0) throw new Error(`BackupStorage ${name}: retentionDays must be a whole number of 0 or more, got ${retentionDays}`);
    if (retentionDays > 0) {
      // Versioning keeps overwritten or deleted documents as versions; they expire on the same clock.
      new storage.ManagementPolicy(
        `${name}-retention`,
        {
          resourceGroupName: args.resourceGroupName,
          accountName: account.name,
          managementPolicyName: "default",
          policy: {
            rules: [
              {
                name: "expire-backup-documents",
                enabled: true,
                type: storage.RuleType.Lifecycle,
                definition: {
                  filters: { blobTypes: ["blockBlob"], prefixMatch: [pulumi.interpolate`${container.name}/`] },
                  actions: {
                    baseBlob: { delete: { daysAfterModificationGreaterThan: retentionDays } },
                    version: { delete: { daysAfterCreationGreaterThan: retentionDays } },
                  },
                },
              },
            ],
          },
        },
        { parent: this },
      );
    }

    const immutableDays = args.immutableDays ?? 0;
    if (!Number.isInteger(immutableDays) || immutableDays < 0 || immutableDays > 146_000) throw new Error(`BackupStorage ${name}: immutableDays must be a whole number from 0 to 146000, got ${immutableDays}`);
    if (immutableDays > 0) {
      // Unlocked, so an operator can still shorten or remove it; locking is irreversible and left to them.
      new storage.BlobContainerImmutabilityPolicy(
        `${name}-immutability`,
        {
          resourceGroupName: args.resourceGroupName,
          accountName: account.name,
          containerName: container.name,
          immutabilityPolicyName: "default",
          immutabilityPeriodSinceCreationInDays: immutableDays,
          allowProtectedAppendWrites: false,
        },
        { parent: this },
      );
    }

    const keys = storage.listStorageAccountKeysOutput({ resourceGroupName: args.resourceGroupName, accountName: account.name }, { parent: this });
    this.accountName = account.name;
    this.accountId = account.id;
    this.containerName = container.name;
    this.primaryAccessKey = pulumi.secret(keys.keys[0].value);
    this.registerOutputs({ accountName: this.accountName, accountId: this.accountId, containerName: this.containerName });
  }
}
