import { expect } from "chai";
import { StackSynth, synthStack, urnOf } from "./stackSynth";

/**
 * Upgrades must never replace what holds data: a vault, the storage account or its container, the blob
 * connection, the resource group that contains them all, or the random suffix every name is made from.
 * Pulumi identifies a resource by its URN (type, name and the types of its parents), so these are pinned as
 * the program registers them. A later change to one of them needs an alias on the resource and a test here
 * showing that the old URN maps to the new one; never edit this list to make a change pass.
 */
const STATEFUL_TYPES = new Set([
  "azure-native:resources:ResourceGroup",
  "random:index/randomString:RandomString",
  "azure-native:keyvault:Vault",
  "azure-native:storage:StorageAccount",
  "azure-native:storage:BlobContainer",
  "azure-native:web:Connection",
]);

const ROOT = "kvbr:index:KeyVaultBackupRestore";
const PINNED: Record<string, string[]> = {
  dev: [
    `urn:pulumi:dev::kv-backup-restore::${ROOT}$kvbr:keyvault:KeyVault$azure-native:keyvault:Vault::kvbr-dst-vault`,
    `urn:pulumi:dev::kv-backup-restore::${ROOT}$kvbr:keyvault:KeyVault$azure-native:keyvault:Vault::kvbr-src-vault`,
    `urn:pulumi:dev::kv-backup-restore::${ROOT}$azure-native:resources:ResourceGroup::kvbr-rg`,
    `urn:pulumi:dev::kv-backup-restore::${ROOT}$kvbr:storage:BackupStorage$azure-native:storage:BlobContainer::kvbr-storage-container`,
    `urn:pulumi:dev::kv-backup-restore::${ROOT}$kvbr:storage:BackupStorage$azure-native:storage:StorageAccount::kvbr-storage-account`,
    `urn:pulumi:dev::kv-backup-restore::${ROOT}$kvbr:web:BlobConnection$azure-native:web:Connection::kvbr-blob-connection`,
    `urn:pulumi:dev::kv-backup-restore::${ROOT}$random:index/randomString:RandomString::kvbr-suffix`,
  ],
  // prod protects an existing source vault: only the target vault is the stack's.
  prod: [
    `urn:pulumi:prod::kv-backup-restore::${ROOT}$kvbr:keyvault:KeyVault$azure-native:keyvault:Vault::kvbr-dst-vault`,
    `urn:pulumi:prod::kv-backup-restore::${ROOT}$azure-native:resources:ResourceGroup::kvbr-rg`,
    `urn:pulumi:prod::kv-backup-restore::${ROOT}$kvbr:storage:BackupStorage$azure-native:storage:BlobContainer::kvbr-storage-container`,
    `urn:pulumi:prod::kv-backup-restore::${ROOT}$kvbr:storage:BackupStorage$azure-native:storage:StorageAccount::kvbr-storage-account`,
    `urn:pulumi:prod::kv-backup-restore::${ROOT}$kvbr:web:BlobConnection$azure-native:web:Connection::kvbr-blob-connection`,
    `urn:pulumi:prod::kv-backup-restore::${ROOT}$random:index/randomString:RandomString::kvbr-suffix`,
  ],
};

const statefulUrns = (synth: StackSynth): string[] =>
  synth.resources
    .filter((r) => STATEFUL_TYPES.has(r.type))
    .map((r) => urnOf(synth, r))
    .sort();

describe("upgrades: the identity of every resource that holds data", function () {
  this.timeout(240_000);

  for (const stack of Object.keys(PINNED)) {
    it(`${stack}: vaults, storage, container, connection, resource group and suffix keep their URNs`, async () => {
      expect(statefulUrns(await synthStack(stack))).to.deep.equal([...PINNED[stack]].sort());
    });
  }

  it("urnOf follows the parent chain as Pulumi does", () => {
    const synth: StackSynth = {
      stack: "s",
      resources: [
        { type: "a:b:Root", name: "root", parent: null, inputs: {} },
        { type: "a:b:Mid", name: "mid", parent: "root", inputs: {} },
        { type: "x:y:Leaf", name: "leaf", parent: "mid", inputs: {} },
      ],
      backup: { definition: { triggers: {}, actions: {} }, parameters: {} },
      restore: { definition: { triggers: {}, actions: {} }, parameters: {} },
    };
    expect(urnOf(synth, synth.resources[2])).to.equal("urn:pulumi:s::kv-backup-restore::a:b:Root$a:b:Mid$x:y:Leaf::leaf");
  });
});
