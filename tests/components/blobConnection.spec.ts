import { mocks, promiseOf, settled } from "../mocks";
import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import { BlobConnection, managedApiId } from "../../components/blobConnection";
import { maskSecrets, revealSecrets } from "../../local/recordingMocks";
import { childrenOf, recorded } from "./helpers";

const SUB = "11111111-2222-3333-4444-555555555555";
const AZUREBLOB_WESTEUROPE = `/subscriptions/${SUB}/providers/Microsoft.Web/locations/westeurope/managedApis/azureblob`;

function connection(name: string, accessKey: pulumi.Input<string> = "plain-access-key-123"): BlobConnection {
  return new BlobConnection(name, {
    resourceGroupName: "rg-bc",
    location: "westeurope",
    subscriptionId: SUB,
    storageAccountName: "bcstorageacct",
    accessKey,
  });
}

describe("BlobConnection", () => {
  describe("managedApiId", () => {
    it("builds the managed API id of a connector in a region", () => {
      expect(managedApiId("sub-1", "northeurope", "azureblob")).to.equal("/subscriptions/sub-1/providers/Microsoft.Web/locations/northeurope/managedApis/azureblob");
      expect(managedApiId(SUB, "westeurope", "office365")).to.equal(`/subscriptions/${SUB}/providers/Microsoft.Web/locations/westeurope/managedApis/office365`);
    });
  });

  it("creates an azureblob web.Connection authenticated with the account name and key", async () => {
    const conn = connection("bc-props");
    await settled(conn.reference);

    const resource = recorded("bc-props-connection");
    expect(resource.type).to.equal("azure-native:web:Connection");
    expect(resource.parent).to.equal("bc-props");
    expect(revealSecrets(resource.inputs)).to.deep.equal({
      resourceGroupName: "rg-bc",
      location: "westeurope",
      properties: {
        api: { id: AZUREBLOB_WESTEUROPE },
        displayName: "Key Vault backups (blob storage)",
        parameterValues: { accountName: "bcstorageacct", accessKey: "plain-access-key-123" },
      },
    });
    expect(await promiseOf(conn.managedApiId)).to.equal(AZUREBLOB_WESTEUROPE);
  });

  it("sends the properties secret-wrapped, so the key never travels in plain text", async () => {
    const conn = connection("bc-secret");
    await settled(conn.reference);

    const inputs = recorded("bc-secret-connection").inputs;
    expect(pulumi.runtime.isRpcSecret(inputs.properties)).to.equal(true);
    expect(maskSecrets(inputs)).to.deep.equal({ resourceGroupName: "rg-bc", location: "westeurope", properties: "[secret]" });
    expect(JSON.stringify(maskSecrets(inputs))).not.to.contain("plain-access-key-123");
  });

  it("keeps the properties secret even when the key comes from a secret output", async () => {
    const conn = connection("bc-secret-output", pulumi.secret("secret-output-key-456"));
    await settled(conn.reference);

    const inputs = recorded("bc-secret-output-connection").inputs;
    expect(pulumi.runtime.isRpcSecret(inputs.properties)).to.equal(true);
    expect((revealSecrets(inputs) as { properties: { parameterValues: unknown } }).properties.parameterValues).to.deep.equal({
      accountName: "bcstorageacct",
      accessKey: "secret-output-key-456",
    });
  });

  it("offers the $connections entry: {connectionId, connectionName, id}", async () => {
    const conn = connection("bc-ref");
    const reference = await promiseOf(conn.reference);

    expect(reference).to.deep.equal({
      connectionId: "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-bc/providers/Microsoft.Web/connections/bc-ref-connection",
      connectionName: "bc-ref-connection",
      id: AZUREBLOB_WESTEUROPE,
    });
    expect(await promiseOf(conn.connectionId)).to.equal(reference.connectionId);
    expect(await promiseOf(conn.connectionName)).to.equal("bc-ref-connection");
  });

  it("parents its one child to the component", async () => {
    const conn = connection("bc-tree");
    await settled(conn.reference);

    expect(recorded("bc-tree").type).to.equal("kvbr:web:BlobConnection");
    expect(childrenOf("bc-tree")).to.deep.equal([["azure-native:web:Connection", "bc-tree-connection"]]);
    expect(mocks.unmockedCalls).to.deep.equal([]);
  });
});
