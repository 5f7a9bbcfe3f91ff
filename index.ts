import { readStackConfig } from "./config";
import { KeyVaultBackupRestore } from "./components/keyVaultBackupRestore";

// A bad config value throws here, before any resource is registered.
const config = readStackConfig();
const service = new KeyVaultBackupRestore("kvbr", config);

export const resourceGroupName = service.resourceGroupName;
export const sourceVaultUri = service.sourceVaultUri;
export const targetVaultUri = service.targetVaultUri;
export const storageAccountName = service.storageAccountName;
export const containerName = service.containerName;
export const backupWorkflowName = service.backupWorkflowName;
export const restoreWorkflowName = service.restoreWorkflowName;
/** Secret: the URL carries a SAS signature. POST to it to take a backup now. */
export const backupTriggerUrl = service.backupTriggerUrl;
/** Secret: POST `{}` for the latest backup, or `{"backup": "<name>"}`. */
export const restoreTriggerUrl = service.restoreTriggerUrl;
