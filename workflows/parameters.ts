import { WorkflowParameter } from "./workflow";

/**
 * The workflow parameters both definitions declare. Their values are known only at deploy time, so the
 * logicApp component (or the local engine) fills them in; the definitions themselves stay static.
 */
export const vaultBaseUrl = new WorkflowParameter("vaultBaseUrl", "String");
export const keyVaultApiVersion = new WorkflowParameter("keyVaultApiVersion", "String");
export const storageAccountName = new WorkflowParameter("storageAccountName", "String");
export const containerName = new WorkflowParameter("containerName", "String");
export const connections = new WorkflowParameter("$connections", "Object", {});

export const WORKFLOW_PARAMETERS = [vaultBaseUrl, keyVaultApiVersion, storageAccountName, containerName, connections] as const;

/** One entry of the `$connections` parameter, as the Logic Apps runtime expects it. */
export interface ConnectionReference {
  connectionId: string;
  connectionName: string;
  /** The managed API: /subscriptions/{sub}/providers/Microsoft.Web/locations/{location}/managedApis/azureblob */
  id: string;
}

export interface WorkflowParameterValues {
  /** The vault's URI with a trailing slash, e.g. https://myvault.vault.azure.net/ */
  vaultBaseUrl: string;
  keyVaultApiVersion: string;
  storageAccountName: string;
  containerName: string;
  $connections: { azureblob: ConnectionReference };
}

/** The `parameters` property of a Microsoft.Logic/workflows resource: each value wrapped in `{value}`. */
export function workflowParameterValues(values: WorkflowParameterValues): Record<keyof WorkflowParameterValues, { value: WorkflowParameterValues[keyof WorkflowParameterValues] }> {
  return {
    vaultBaseUrl: { value: values.vaultBaseUrl },
    keyVaultApiVersion: { value: values.keyVaultApiVersion },
    storageAccountName: { value: values.storageAccountName },
    containerName: { value: values.containerName },
    $connections: { value: values.$connections },
  };
}
