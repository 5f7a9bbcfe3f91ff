import { expect } from "chai";
import { BlobServiceClient } from "@azure/storage-blob";
import { AzuriteHandle, startAzurite } from "../../../local/blob/azurite";
import { AzureBlobConnector, ConnectorRequest, ConnectorResponse } from "../../../local/blob/azureblobConnector";
import { blobIdFromPath } from "../../../local/blob/blobId";
import { BlobMetadata } from "../../../local/blob/blobMetadata";

/** What a workflow expression `encodeURIComponent(encodeURIComponent(x))` evaluates to. */
const twice = (text: string): string => encodeURIComponent(encodeURIComponent(text));

type Style = "v1" | "v2";
/** The path prefix each family uses, with the dataset double-encoded as the designer writes it. */
const base = (style: Style, dataset = "devstoreaccount1"): string => (style === "v2" ? `/v2/datasets/${twice(dataset)}` : "/datasets/default");

const decode = (envelope: unknown): string => Buffer.from((envelope as { $content: string }).$content, "base64").toString("utf8");

/** Checks the connector's error body shape: {status, message (with clientRequestId), error.message, source}. */
function expectError(response: ConnectorResponse, status: number, messagePart: string): void {
  expect(response.statusCode, JSON.stringify(response.body)).to.equal(status);
  const body = response.body as { status: number; message: string; error: { message: string }; source: string };
  expect(body.status).to.equal(status);
  expect(body.message).to.contain(messagePart);
  expect(body.message).to.match(/\r\nclientRequestId: [0-9a-f-]{36}$/);
  expect(body.error.message).to.contain(messagePart);
  expect(body.source).to.be.a("string").and.not.equal("");
}

describe("AzureBlobConnector (against Azurite)", () => {
  let azurite: AzuriteHandle;
  let service: BlobServiceClient;
  let connector: AzureBlobConnector;
  let containerCount = 0;

  /** A fresh container per test keeps listings independent. */
  async function newContainer(): Promise<string> {
    const name = `conn-test-${++containerCount}`;
    await service.getContainerClient(name).create();
    return name;
  }

  async function putBlob(container: string, name: string, text: string, contentType = "application/json"): Promise<void> {
    await service.getContainerClient(container).getBlockBlobClient(name).upload(text, Buffer.byteLength(text), { blobHTTPHeaders: { blobContentType: contentType } });
  }

  async function readBlob(container: string, name: string): Promise<{ text: string; contentType?: string }> {
    const client = service.getContainerClient(container).getBlobClient(name);
    const [buffer, props] = await Promise.all([client.downloadToBuffer(), client.getProperties()]);
    return { text: buffer.toString("utf8"), contentType: props.contentType };
  }

  function create(style: Style, folderPath: string, name: string, body: unknown, headers?: Record<string, unknown>): Promise<ConnectorResponse> {
    return connector.handle({
      method: "post",
      path: `${base(style)}/files`,
      queries: { folderPath, name, queryParametersSingleEncoded: true },
      headers: { ReadFileMetadataFromServer: true, ...headers },
      body,
    });
  }

  function getByPath(style: Style, path: string, via: AzureBlobConnector = connector): Promise<ConnectorResponse> {
    return via.handle({ method: "get", path: `${base(style)}/GetFileContentByPath`, queries: { path, inferContentType: true, queryParametersSingleEncoded: true } });
  }

  function list(style: Style, folderId: string, queries: Record<string, unknown> = {}, via: AzureBlobConnector = connector): Promise<ConnectorResponse> {
    return via.handle({ method: "get", path: `${base(style)}/foldersV2/${twice(folderId)}`, queries: { useFlatListing: false, ...queries } });
  }

  const names = (response: ConnectorResponse): string[] => ((response.body as { value: BlobMetadata[] }).value ?? []).map((m) => m.Name);

  before(async () => {
    azurite = await startAzurite();
    service = azurite.serviceClient();
    connector = new AzureBlobConnector(service);
  });

  after(async () => {
    await azurite?.stop();
  });

  describe("Create blob", () => {
    for (const style of ["v2", "v1"] as const) {
      it(`stores a JSON array body as its JSON text and returns BlobMetadata (${style})`, async () => {
        const container = await newContainer();
        const doc = [{ name: "secret-1", value: "QUJD" }, { name: "secret-2", value: "REVG" }];
        const response = await create(style, `/${container}/backups`, "20250101T000000Z-run.json", doc, { "Content-Type": "application/json" });

        expect(response.statusCode, JSON.stringify(response.body)).to.equal(200);
        const meta = response.body as BlobMetadata;
        const path = `/${container}/backups/20250101T000000Z-run.json`;
        expect(meta).to.include({ Id: blobIdFromPath(path), FileLocator: blobIdFromPath(path), Name: "20250101T000000Z-run.json", DisplayName: "20250101T000000Z-run.json" });
        expect(meta).to.include({ Path: path, Size: Buffer.byteLength(JSON.stringify(doc)), MediaType: "application/json", IsFolder: false });
        expect(meta.LastModified).to.match(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
        expect(meta.ETag).to.be.a("string").and.not.equal("");
        expect(await readBlob(container, "backups/20250101T000000Z-run.json")).to.deep.equal({ text: JSON.stringify(doc), contentType: "application/json" });
      });
    }

    it("stores a string body as-is and decodes a $content envelope body from base64", async () => {
      const container = await newContainer();
      expect((await create("v2", `/${container}`, "note.txt", "line 1\nline 2")).statusCode).to.equal(200);
      expect((await readBlob(container, "note.txt")).text).to.equal("line 1\nline 2");

      const bytes = Buffer.from([0x00, 0xff, 0x10, 0x80]);
      const response = await create("v2", `/${container}/bin`, "raw.bin", { "$content-type": "application/x-raw", $content: bytes.toString("base64") });
      expect((response.body as BlobMetadata).MediaType).to.equal("application/x-raw");
      const stored = await service.getContainerClient(container).getBlobClient("bin/raw.bin").downloadToBuffer();
      expect(stored.equals(bytes)).to.equal(true);
    });

    it("writes at most 50 MB a call unless the action chunks, then up to 1,024 MB", async () => {
      const container = await newContainer();
      const over = { "$content-type": "application/octet-stream", $content: Buffer.alloc(50 * 1024 * 1024 + 1).toString("base64") };
      const request = (chunked: boolean): ConnectorRequest => ({
        method: "post",
        path: `${base("v2")}/files`,
        queries: { folderPath: `/${container}`, name: "big.bin", queryParametersSingleEncoded: true },
        body: over,
        chunked,
      });
      expectError(await connector.handle(request(false)), 413, "The request content is 52428801 bytes, larger than 52428800 bytes. Turn on chunking");
      expect(await service.getContainerClient(container).getBlobClient("big.bin").exists()).to.equal(false);
      expect((await connector.handle(request(true))).statusCode).to.equal(200);
      expect((await service.getContainerClient(container).getBlobClient("big.bin").getProperties()).contentLength).to.equal(50 * 1024 * 1024 + 1);
    }).timeout(60_000);

    it("overwrites an existing blob of the same name", async () => {
      const container = await newContainer();
      await create("v2", `/${container}`, "same.json", { v: 1 });
      await create("v2", `/${container}`, "same.json", { v: 2 });
      expect((await readBlob(container, "same.json")).text).to.equal('{"v":2}');
    });

    it("answers 404 with the connector's error body when the container does not exist", async () => {
      const response = await create("v2", "/no-such-container/backups", "x.json", [1]);
      expectError(response, 404, "container does not exist");
    });

    it("answers 400 when folderPath or name is missing", async () => {
      const response = await connector.handle({ method: "POST", path: `${base("v2")}/files`, queries: { name: "x.json" }, body: "x" });
      expectError(response, 400, "folderPath");
    });
  });

  describe("Get blob content using path", () => {
    for (const style of ["v2", "v1"] as const) {
      it(`returns a JSON document written as application/json in the $content envelope (${style})`, async () => {
        const container = await newContainer();
        const doc = [{ name: "k1", value: "base64url-backup" }];
        await create(style, `/${container}/backups`, "b.json", doc, { "Content-Type": "application/json" });

        const response = await getByPath(style, `/${container}/backups/b.json`);
        expect(response.statusCode).to.equal(200);
        expect(response.headers["Content-Type"]).to.equal("application/json");
        expect(response.body).to.have.property("$content-type", "application/json");
        // What the restore workflow does: json(base64ToString(body(...)?['$content'])).
        expect(decode(response.body)).to.equal(JSON.stringify(doc));
        expect(JSON.parse(decode(response.body))).to.deep.equal(doc);
      });
    }

    it("returns JSON as the parsed object when set to the documented shape, and what does not parse as bytes", async () => {
      const container = await newContainer();
      const asObject = new AzureBlobConnector(service, { jsonContentShape: "object" });
      await putBlob(container, "doc.json", '{"a":[1,2]}');
      await putBlob(container, "bad.json", "{not json");
      expect((await getByPath("v2", `/${container}/doc.json`, asObject)).body).to.deep.equal({ a: [1, 2] });
      expect(decode((await getByPath("v2", `/${container}/bad.json`, asObject)).body)).to.equal("{not json");
      // The default stays the envelope observed in 2019.
      expect((await getByPath("v2", `/${container}/doc.json`)).body).to.have.property("$content");
    });

    it("returns text/* content as a plain string", async () => {
      const container = await newContainer();
      await putBlob(container, "readme.txt", "plain text", "text/plain");
      const response = await getByPath("v2", `/${container}/readme.txt`);
      expect(response.body).to.equal("plain text");
    });

    it("accepts a path without the leading slash, as seen in public run history", async () => {
      const container = await newContainer();
      await putBlob(container, "dir/x.json", "{}");
      expect((await getByPath("v2", `${container}/dir/x.json`)).statusCode).to.equal(200);
    });

    it("answers 404 with the connector's error body for a missing blob", async () => {
      const container = await newContainer();
      const response = await getByPath("v2", `/${container}/backups/missing.json`);
      expectError(response, 404, `/${container}/backups/missing.json`);
      expectError(response, 404, "blob does not exist");
    });

    it("decodes the path once more when queryParametersSingleEncoded is not set (assumed semantics)", async () => {
      const container = await newContainer();
      await putBlob(container, "a b.json", "{}");
      const response = await connector.handle({ method: "get", path: `${base("v2")}/GetFileContentByPath`, queries: { path: encodeURIComponent(`/${container}/a b.json`) } });
      expect(response.statusCode).to.equal(200);
    });
  });

  describe("blobs by id", () => {
    for (const style of ["v2", "v1"] as const) {
      it(`gets metadata and content by the Id that Create returned, then deletes it (${style})`, async () => {
        const container = await newContainer();
        const created = (await create(style, `/${container}/backups`, "c.json", { a: 1 }, { "Content-Type": "application/json" })).body as BlobMetadata;
        const filePath = `${base(style)}/files/${twice(created.Id)}`;

        const meta = await connector.handle({ method: "get", path: filePath });
        expect(meta.statusCode).to.equal(200);
        expect(meta.body).to.deep.include({ Id: created.Id, Path: `/${container}/backups/c.json`, Size: 7 });

        const content = await connector.handle({ method: "GET", path: `${filePath}/content`, queries: { inferContentType: true } });
        expect(decode(content.body)).to.equal('{"a":1}');

        const deleted = await connector.handle({ method: "delete", path: filePath, headers: { SkipDeleteIfFileNotFoundOnServer: false } });
        expect(deleted.statusCode).to.equal(200);
        expect(await service.getContainerClient(container).getBlobClient("backups/c.json").exists()).to.equal(false);
        expectError(await connector.handle({ method: "delete", path: filePath }), 404, "blob does not exist");
      });
    }

    it("accepts a plain encoded path where an id is expected", async () => {
      const container = await newContainer();
      await putBlob(container, "p/q.json", '{"q":true}');
      const response = await connector.handle({ method: "get", path: `${base("v2")}/files/${twice(`/${container}/p/q.json`)}/content` });
      expect(decode(response.body)).to.equal('{"q":true}');
    });

    it("gets metadata by path (GetFileByPath)", async () => {
      const container = await newContainer();
      await putBlob(container, "m.json", "[1,2]");
      const response = await connector.handle({ method: "get", path: `${base("v2")}/GetFileByPath`, queries: { path: `/${container}/m.json`, queryParametersSingleEncoded: true } });
      expect(response.body).to.deep.include({ Name: "m.json", Path: `/${container}/m.json`, Size: 5, MediaType: "application/json", IsFolder: false });
    });

    it("updates an existing blob with PUT and refuses to update a missing one", async () => {
      const container = await newContainer();
      await putBlob(container, "u.json", '{"v":1}');
      const id = blobIdFromPath(`/${container}/u.json`);
      const updated = await connector.handle({ method: "put", path: `${base("v2")}/files/${twice(id)}`, headers: { "Content-Type": "application/json" }, body: { v: 2 } });
      expect(updated.statusCode).to.equal(200);
      expect((await readBlob(container, "u.json")).text).to.equal('{"v":2}');
      const missing = await connector.handle({ method: "put", path: `${base("v2")}/files/${twice(blobIdFromPath(`/${container}/nope.json`))}`, body: {} });
      expectError(missing, 404, "blob does not exist");
    });

    it("treats a missing blob as deleted when SkipDeleteIfFileNotFoundOnServer is true", async () => {
      const container = await newContainer();
      const response = await connector.handle({ method: "delete", path: `${base("v2")}/files/${twice(blobIdFromPath(`/${container}/gone.json`))}`, headers: { SkipDeleteIfFileNotFoundOnServer: true } });
      expect(response.statusCode).to.equal(200);
    });
  });

  describe("Lists blobs (V2)", () => {
    let container: string;

    before(async () => {
      container = await newContainer();
      for (const name of ["backups/b.json", "backups/a.json", "backups/old/c.json", "partial/p.json", "top.json"]) await putBlob(container, name, "{}");
    });

    for (const style of ["v2", "v1"] as const) {
      it(`lists a folder's immediate blobs and its virtual folders (${style})`, async () => {
        const response = await list(style, `/${container}/backups`);
        expect(response.statusCode).to.equal(200);
        const value = (response.body as { value: BlobMetadata[] }).value;
        expect(value.map((m) => [m.Name, m.IsFolder, m.Path])).to.deep.equal([
          ["a.json", false, `/${container}/backups/a.json`],
          ["b.json", false, `/${container}/backups/b.json`],
          ["old", true, `/${container}/backups/old/`],
        ]);
        expect(response.body).to.not.have.property("nextPageMarker");
      });
    }

    it("lists a container's top level: blobs and folders", async () => {
      expect(names(await list("v2", `/${container}`))).to.deep.equal(["backups", "partial", "top.json"]);
    });

    it("lists every blob below the folder with useFlatListing", async () => {
      expect(names(await list("v2", `/${container}/backups`, { useFlatListing: true }))).to.deep.equal(["a.json", "b.json", "c.json"]);
    });

    it("accepts the folder's Id from a listing, and a trailing slash, as the folder id", async () => {
      const folder = (await list("v2", `/${container}/backups`)).body as { value: BlobMetadata[] };
      const old = folder.value.find((m) => m.IsFolder)!;
      expect(names(await list("v2", old.Id))).to.deep.equal(["c.json"]);
      expect(names(await list("v2", `/${container}/backups/`))).to.deep.equal(["a.json", "b.json", "old"]);
    });

    it("pages with nextPageMarker when a folder holds more than a page", async () => {
      const paged = new AzureBlobConnector(service, { pageSize: 2 });
      const big = await newContainer();
      const expected = ["f1.json", "f2.json", "f3.json", "f4.json", "f5.json"];
      for (const name of expected) await putBlob(big, `backups/${name}`, "{}");

      const seen: string[] = [];
      const markers: string[] = [];
      let marker: string | undefined;
      do {
        const response = await list("v2", `/${big}/backups`, marker ? { nextPageMarker: marker } : { nextPageMarker: "" }, paged);
        const page = response.body as { value: BlobMetadata[]; nextPageMarker?: string };
        expect(page.value.length).to.be.at.most(2);
        seen.push(...page.value.map((m) => m.Name));
        marker = page.nextPageMarker;
        if (marker) markers.push(marker);
      } while (marker);
      expect(seen).to.deep.equal(expected);
      expect(markers).to.have.length(2);
      // The default page size (5000) returns the same folder in one page.
      const whole = await list("v2", `/${big}/backups`);
      expect(names(whole)).to.deep.equal(expected);
      expect(whole.body).to.not.have.property("nextPageMarker");
    });

    it("lists the root (foldersV2 without an id) as the account's containers", async () => {
      const response = await connector.handle({ method: "get", path: `${base("v2")}/foldersV2`, queries: { nextPageMarker: "" } });
      const value = (response.body as { value: BlobMetadata[] }).value;
      expect(value.find((m) => m.Name === container)).to.include({ Path: `/${container}`, IsFolder: true, Id: blobIdFromPath(`/${container}`) });
    });

    it("answers V1 ListFolder (folders/{id}) with a bare array of all children", async () => {
      const response = await connector.handle({ method: "get", path: `/datasets/default/folders/${encodeURIComponent(`/${container}/backups`)}` });
      expect(response.body).to.be.an("array");
      expect((response.body as BlobMetadata[]).map((m) => m.Name)).to.deep.equal(["a.json", "b.json", "old"]);
    });

    it("answers 404 for a container that does not exist", async () => {
      expectError(await list("v2", "/no-such-container/backups"), 404, "container does not exist");
    });

    it("supports the restore flow: pick a listed item's Path, then get its content by that path", async () => {
      const restoreContainer = await newContainer();
      await create("v2", `/${restoreContainer}/backups`, "20250102T000000Z-r2.json", [{ n: 2 }], { "Content-Type": "application/json" });
      await create("v2", `/${restoreContainer}/backups`, "20250101T000000Z-r1.json", [{ n: 1 }], { "Content-Type": "application/json" });
      const files = ((await list("v2", `/${restoreContainer}/backups`)).body as { value: BlobMetadata[] }).value.filter((f) => !f.IsFolder);
      const newest = files.sort((a, b) => (a.Name < b.Name ? 1 : -1))[0];
      const content = await getByPath("v2", newest.Path);
      expect(JSON.parse(decode(content.body))).to.deep.equal([{ n: 2 }]);
    });
  });

  describe("datasets", () => {
    let container: string;

    before(async () => {
      container = await newContainer();
      await putBlob(container, "d.json", '{"d":1}');
    });

    const read = (dataset: string): Promise<ConnectorResponse> =>
      connector.handle({ method: "get", path: `/v2/datasets/${twice(dataset)}/GetFileContentByPath`, queries: { path: `/${container}/d.json`, queryParametersSingleEncoded: true } });

    it("accepts the blob endpoint form of the dataset, which only works when decoded twice", async () => {
      expect((await read("https://devstoreaccount1.blob.core.windows.net/")).statusCode).to.equal(200);
      expect((await read(azurite.blobEndpoint)).statusCode).to.equal(200);
      expect((await read("AccountNameFromSettings")).statusCode).to.equal(200);
    });

    it("rejects a dataset naming another storage account with a clear error", async () => {
      const response = await read("someotheraccount");
      expectError(response, 400, "someotheraccount");
      expectError(response, 400, "devstoreaccount1");
      expectError(await read("https://someotheraccount.blob.core.windows.net/"), 400, "not the storage account of this connection");
    });

    it("rejects a V1 dataset other than 'default'", async () => {
      const response = await connector.handle({ method: "get", path: "/datasets/devstoreaccount1/GetFileContentByPath", queries: { path: `/${container}/d.json` } });
      expectError(response, 400, "'default'");
    });

    it("uses the configured account name", async () => {
      const named = new AzureBlobConnector(service, { accountName: "kvbackupsdev" });
      expect((await named.handle({ method: "get", path: `/v2/datasets/${twice("kvbackupsdev")}/GetFileContentByPath`, queries: { path: `/${container}/d.json` } })).statusCode).to.equal(200);
      expect((await named.handle({ method: "get", path: `/v2/datasets/devstoreaccount1/GetFileContentByPath`, queries: { path: `/${container}/d.json` } })).statusCode).to.equal(400);
    });
  });

  describe("unsupported operations", () => {
    const cases: Array<[string, ConnectorRequest]> = [
      ["copy blob", { method: "post", path: `/v2/datasets/devstoreaccount1/copyFile`, queries: { source: "/a/b", destination: "/a/c" } }],
      ["an unknown method on a known route", { method: "patch", path: `/v2/datasets/devstoreaccount1/files/${twice("/a/b.json")}` }],
      ["V1-only ListFolder on the V2 family", { method: "get", path: `/v2/datasets/devstoreaccount1/folders/${twice("/a")}` }],
      ["a path outside any dataset", { method: "get", path: "/something/else" }],
    ];
    for (const [what, request] of cases) {
      it(`answers 501 naming the method and path for ${what}`, async () => {
        const response = await connector.handle(request);
        expectError(response, 501, `${request.method.toUpperCase()} ${request.path}`);
      });
    }

    it("answers 501 for a flat listing of the whole account", async () => {
      const response = await connector.handle({ method: "get", path: `${base("v2")}/foldersV2`, queries: { useFlatListing: true } });
      expectError(response, 501, "useFlatListing=true on the root folder");
    });
  });

  it("counts every request it handles", async () => {
    const counted = new AzureBlobConnector(service);
    await counted.handle({ method: "get", path: "/nowhere" });
    await counted.handle({ method: "get", path: `${base("v2")}/foldersV2` });
    expect(counted.calls).to.equal(2);
  });
});
