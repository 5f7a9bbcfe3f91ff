import { expect } from "chai";
import { datasetNamesAccount } from "../../../local/blob/dataset";
import { matchOperation, parsePath } from "../../../local/blob/routes";

const twice = (text: string): string => encodeURIComponent(encodeURIComponent(text));

describe("azureblob routes", () => {
  it("decodes a double-encoded V2 dataset and id once for the HTTP layer and once for the connector", () => {
    const parsed = parsePath(`/v2/datasets/${twice("https://acct.blob.core.windows.net/")}/foldersV2/${twice("/c/backups")}`);
    expect(parsed).to.deep.equal({ style: "v2", dataset: "https://acct.blob.core.windows.net/", segments: ["foldersV2", "/c/backups"] });
    expect(matchOperation("get", parsed!)).to.deep.equal({ kind: "listFolderV2", id: "/c/backups" });
  });

  it("parses the V1 family under /datasets/default", () => {
    const parsed = parsePath(`/datasets/default/folders/${encodeURIComponent("/c")}`)!;
    expect(parsed.style).to.equal("v1");
    expect(matchOperation("GET", parsed)).to.deep.equal({ kind: "listFolder", id: "/c" });
  });

  it("maps each supported method and route", () => {
    const op = (method: string, path: string) => matchOperation(method, parsePath(path)!)?.kind;
    expect(op("post", "/v2/datasets/a/files")).to.equal("createFile");
    expect(op("GET", "/v2/datasets/a/files/ID")).to.equal("getFileMetadata");
    expect(op("put", "/v2/datasets/a/files/ID")).to.equal("updateFile");
    expect(op("delete", "/v2/datasets/a/files/ID")).to.equal("deleteFile");
    expect(op("get", "/v2/datasets/a/files/ID/content")).to.equal("getFileContent");
    expect(op("get", "/v2/datasets/a/GetFileByPath")).to.equal("getFileMetadataByPath");
    expect(op("get", "/v2/datasets/a/getfilecontentbypath")).to.equal("getFileContentByPath");
    expect(op("get", "/v2/datasets/a/foldersV2")).to.equal("listRootFolderV2");
    expect(op("get", "/datasets/default/folders")).to.equal("listRootFolder");
  });

  it("matches nothing for routes outside the emulated set", () => {
    const op = (method: string, path: string) => matchOperation(method, parsePath(path)!);
    expect(op("post", "/v2/datasets/a/copyFile")).to.equal(undefined);
    expect(op("patch", "/v2/datasets/a/files/ID")).to.equal(undefined);
    expect(op("get", "/v2/datasets/a/folders/ID")).to.equal(undefined); // ListFolder is V1-only
    expect(parsePath("/apim/other")).to.equal(undefined);
  });

  it("accepts the account name, its blob endpoint, the emulator endpoint and AccountNameFromSettings as the dataset", () => {
    const names = (dataset: string) => datasetNamesAccount(dataset, "v2", "devstoreaccount1", "http://127.0.0.1:5555/devstoreaccount1");
    expect(names("devstoreaccount1")).to.equal(true);
    expect(names("https://devstoreaccount1.blob.core.windows.net/")).to.equal(true);
    expect(names("http://127.0.0.1:5555/devstoreaccount1/")).to.equal(true);
    expect(names("AccountNameFromSettings")).to.equal(true);
    expect(names("otheraccount")).to.equal(false);
    expect(names("https://otheraccount.blob.core.windows.net/")).to.equal(false);
    expect(datasetNamesAccount("default", "v1", "devstoreaccount1", "")).to.equal(true);
    expect(datasetNamesAccount("devstoreaccount1", "v1", "devstoreaccount1", "")).to.equal(false);
  });
});
