import * as pulumi from "@pulumi/pulumi";
import { StackConfig, readStackConfig } from "./config";
import { KeyVaultBackupRestore } from "./components/keyVaultBackupRestore";
import { deploymentPlan } from "./plan/deploymentPlan";

export interface StackOutputs {
  resourceGroupName: pulumi.Output<string>;
  sourceVaultUri: pulumi.Output<string>;
  targetVaultUri: pulumi.Output<string>;
  storageAccountName: pulumi.Output<string>;
  containerName: pulumi.Output<string>;
  backupWorkflowName: pulumi.Output<string>;
  restoreWorkflowName: pulumi.Output<string>;
  /** Secret: the URL carries a SAS signature. POST to it to take a backup now. */
  backupTriggerUrl: pulumi.Output<string>;
  /** Secret: POST `{}` for the latest backup, or `{"backup": "<name>"}`. */
  restoreTriggerUrl: pulumi.Output<string>;
}

/**
 * The program: config -> plan -> the service component. A function, so tests and synth can run it under
 * their own mocks, once per stack, in one process. A bad config value throws before any resource exists.
 */
export function program(config: StackConfig = readStackConfig()): StackOutputs {
  const service = new KeyVaultBackupRestore("kvbr", deploymentPlan(config));
  return {
    resourceGroupName: service.resourceGroupName,
    sourceVaultUri: service.sourceVaultUri,
    targetVaultUri: service.targetVaultUri,
    storageAccountName: service.storageAccountName,
    containerName: service.containerName,
    backupWorkflowName: service.backupWorkflowName,
    restoreWorkflowName: service.restoreWorkflowName,
    backupTriggerUrl: service.backupTriggerUrl,
    restoreTriggerUrl: service.restoreTriggerUrl,
  };
}
