import { expect } from "chai";
import { bindStorage } from "../../../local/stack/localStack";
import { RecordedResource, accountKeyOf } from "../../../local/recordingMocks";
import { sharedAzurite } from "../../sharedAzurite";

const resource = (type: string, name: string, inputs: Record<string, unknown>): RecordedResource => ({ type, name, parent: null, custom: true, inputs });
const account = resource("azure-native:storage:StorageAccount", "sa", { accountName: "kvbrtestbkp" });
const container = resource("azure-native:storage:BlobContainer", "c", { accountName: "kvbrtestbkp", containerName: "bind-test" });
const connection = (accessKey: string) => resource("azure-native:web:Connection", "conn", { properties: { parameterValues: { accountName: "kvbrtestbkp", accessKey } } });
const listing = { method: "get", path: "/v2/datasets/kvbrtestbkp/foldersV2/%252Fbind-test" };

describe("local stack: the blob connection is bound to its storage account with its own key", function () {
  this.timeout(30_000);
  after(async () => (await sharedAzurite()).serviceClient().getContainerClient("bind-test").deleteIfExists());

  it("creates the registered containers and serves the connection whose key is the account's", async () => {
    const azurite = await sharedAzurite();
    const { azureblob } = await bindStorage(azurite, [account], [container], [connection(accountKeyOf("kvbrtestbkp"))]);
    expect(await azurite.serviceClient().getContainerClient("bind-test").exists()).to.equal(true);
    expect((await azureblob.handle(listing)).statusCode).to.equal(200);
  });

  it("answers every call of a connection with another key with Storage's 403, as Azure would", async () => {
    const azurite = await sharedAzurite();
    const { azureblob } = await bindStorage(azurite, [account], [container], [connection("not-the-key")]);
    const answer = await azureblob.handle(listing);
    expect(answer.statusCode).to.equal(403);
    expect(answer.body).to.deep.include({ error: { code: "AuthenticationFailed" } });
  });
});
