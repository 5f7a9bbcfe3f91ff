import { program } from "./program";

const outputs = program();

export const resourceGroupName = outputs.resourceGroupName;
export const sourceVaultUri = outputs.sourceVaultUri;
export const targetVaultUri = outputs.targetVaultUri;
export const storageAccountName = outputs.storageAccountName;
export const containerName = outputs.containerName;
export const backupWorkflowName = outputs.backupWorkflowName;
export const restoreWorkflowName = outputs.restoreWorkflowName;
export const backupTriggerUrl = outputs.backupTriggerUrl;
export const restoreTriggerUrl = outputs.restoreTriggerUrl;
