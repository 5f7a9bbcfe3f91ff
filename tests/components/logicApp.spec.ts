import { mocks, promiseOf, settled } from "../mocks";
import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import { LogicApp } from "../../components/logicApp";
import { WorkflowDefinition } from "../../workflows/definition";
import { WorkflowParameterValues } from "../../workflows/parameters";
import { buildBackupWorkflow } from "../../workflows/backup";
import { childrenOf, recorded } from "./helpers";

const AZUREBLOB = {
  connectionId: "/subscriptions/s/resourceGroups/rg-la/providers/Microsoft.Web/connections/blob",
  connectionName: "blob",
  id: "/subscriptions/s/providers/Microsoft.Web/locations/westeurope/managedApis/azureblob",
};

const PARAMETERS: WorkflowParameterValues = {
  vaultBaseUrl: "https://lasource.vault.azure.net/",
  keyVaultApiVersion: "7.5",
  storageAccountName: "lastorage",
  containerName: "la-backups",
  $connections: { azureblob: AZUREBLOB },
};

/** A small hand-written definition, so the pass-through check does not depend on the builders. */
const DEFINITION: WorkflowDefinition = {
  $schema: "https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#",
  contentVersion: "1.0.0.0",
  parameters: { vaultBaseUrl: { type: "String" } },
  triggers: { manual: { type: "Request", kind: "Http", inputs: { method: "POST", schema: {} } } },
  actions: { Respond: { type: "Response", inputs: { statusCode: 200, body: "@parameters('vaultBaseUrl')" }, runAfter: {} } },
  outputs: {},
} as WorkflowDefinition;

function logicApp(name: string, extra: { integrationAccountId?: pulumi.Input<string>; definition?: WorkflowDefinition } = {}): LogicApp {
  return new LogicApp(name, {
    resourceGroupName: "rg-la",
    location: "westeurope",
    workflowName: `${name}-wf`,
    definition: extra.definition ?? DEFINITION,
    parameters: pulumi.output(PARAMETERS),
    ...(extra.integrationAccountId === undefined ? {} : { integrationAccountId: extra.integrationAccountId }),
  });
}

describe("LogicApp", () => {
  it("creates an enabled Consumption workflow with a system-assigned identity", async () => {
    const app = logicApp("la-basic");
    await settled(app.workflowName, app.principalId);

    const workflow = recorded("la-basic-workflow");
    expect(workflow.type).to.equal("azure-native:logic:Workflow");
    expect(workflow.parent).to.equal("la-basic");
    expect(workflow.inputs.identity).to.deep.equal({ type: "SystemAssigned" });
    expect(workflow.inputs.state).to.equal("Enabled");
    expect(workflow.inputs.workflowName).to.equal("la-basic-wf");
    expect(workflow.inputs.resourceGroupName).to.equal("rg-la");
    expect(workflow.inputs.location).to.equal("westeurope");
    expect(childrenOf("la-basic")).to.deep.equal([["azure-native:logic:Workflow", "la-basic-workflow"]]);
  });

  it("passes the definition through unchanged", async () => {
    const app = logicApp("la-def");
    await settled(app.workflowName);
    expect(recorded("la-def-workflow").inputs.definition).to.deep.equal({
      $schema: "https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#",
      contentVersion: "1.0.0.0",
      parameters: { vaultBaseUrl: { type: "String" } },
      triggers: { manual: { type: "Request", kind: "Http", inputs: { method: "POST", schema: {} } } },
      actions: { Respond: { type: "Response", inputs: { statusCode: 200, body: "@parameters('vaultBaseUrl')" }, runAfter: {} } },
      outputs: {},
    });
  });

  it("passes a built definition through unchanged too", async () => {
    const definition = buildBackupWorkflow({ kinds: ["keys"], concurrency: 3 });
    const snapshot = JSON.parse(JSON.stringify(definition)) as unknown;
    const app = logicApp("la-built", { definition });
    await settled(app.workflowName);
    expect(recorded("la-built-workflow").inputs.definition).to.deep.equal(snapshot);
  });

  it("wraps each parameter as {value}, including $connections.azureblob", async () => {
    const app = logicApp("la-params");
    await settled(app.workflowName);
    expect(recorded("la-params-workflow").inputs.parameters).to.deep.equal({
      vaultBaseUrl: { value: "https://lasource.vault.azure.net/" },
      keyVaultApiVersion: { value: "7.5" },
      storageAccountName: { value: "lastorage" },
      containerName: { value: "la-backups" },
      $connections: {
        value: {
          azureblob: {
            connectionId: "/subscriptions/s/resourceGroups/rg-la/providers/Microsoft.Web/connections/blob",
            connectionName: "blob",
            id: "/subscriptions/s/providers/Microsoft.Web/locations/westeurope/managedApis/azureblob",
          },
        },
      },
    });
  });

  it("links no integration account unless asked", async () => {
    const app = logicApp("la-no-ia");
    await settled(app.workflowName);
    expect(recorded("la-no-ia-workflow").inputs).not.to.have.property("integrationAccount");
  });

  it("links the integration account it is given as {id}", async () => {
    const app = logicApp("la-ia", { integrationAccountId: pulumi.output("/subscriptions/s/resourceGroups/rg-la/providers/Microsoft.Logic/integrationAccounts/ia") });
    await settled(app.workflowName);
    expect(recorded("la-ia-workflow").inputs.integrationAccount).to.deep.equal({
      id: "/subscriptions/s/resourceGroups/rg-la/providers/Microsoft.Logic/integrationAccounts/ia",
    });
  });

  it("exposes the callback URL of the 'manual' trigger as a secret", async () => {
    const app = logicApp("la-callback");
    expect(await pulumi.isSecret(app.callbackUrl)).to.equal(true);
    expect(await promiseOf(app.callbackUrl)).to.equal(
      "https://logic.invalid/workflows/la-callback-wf/triggers/manual/paths/invoke?api-version=2016-10-01&sig=fake",
    );
    expect(mocks.unmockedCalls).to.deep.equal([]);
  });

  it("exposes the identity's principalId, the workflow name and id", async () => {
    const app = logicApp("la-identity");
    expect(await promiseOf(app.principalId)).to.equal("principal-of-la-identity-wf");
    expect(await promiseOf(app.workflowName)).to.equal("la-identity-wf");
    expect(await promiseOf(app.workflowId)).to.equal(
      "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-la/providers/Microsoft.Logic/workflows/la-identity-wf",
    );
  });
});
