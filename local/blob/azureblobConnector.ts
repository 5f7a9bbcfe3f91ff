import { BlobServiceClient } from "@azure/storage-blob";
import { AZURITE_ACCOUNT_NAME } from "./azurite";
import { BlobLocation, fileLocation, folderLocation, locationPath, pathFromBlobId } from "./blobId";
import { Connector, ConnectorRequest, ConnectorResponse } from "../engine/connector";
import { datasetNamesAccount } from "./dataset";
import { DEFAULT_JSON_CONTENT_SHAPE, JsonContentShape } from "./contentEnvelope";
import { badFileId, createFile, deleteFile, fileLocationFromId, getFileContent, getFileMetadata, updateFile } from "./fileOperations";
import { listAll, listContainersPage, listFolderPage, listingResponse } from "./folderOperations";
import { queryFlag, queryText } from "./requestFields";
import { errorResponse, notImplemented } from "./responses";
import { Operation, ParsedPath, matchOperation, parsePath } from "./routes";

export type { ConnectorRequest, ConnectorResponse } from "../engine/connector";

/**
 * Page size of Lists blobs (V2) / the root listing: the connector reference gives "Maximum page size for
 * List blobs 5000"; a recorded response (microsoft/Power-Fx AzureBlobStorage_Paging_Response1.json) carries
 * `nextPageMarker` when more pages follow.
 */
export const DEFAULT_PAGE_SIZE = 5000;

export interface AzureBlobConnectorOptions {
  /** The account a V2 dataset must name; default Azurite's devstoreaccount1. */
  accountName?: string;
  /** Items per Lists blobs (V2) page; tests lower it to exercise nextPageMarker. */
  pageSize?: number;
  /** How Get blob content hands back application/json content; see JsonContentShape. */
  jsonContentShape?: JsonContentShape;
}

/**
 * The `azureblob` managed API as an ApiConnection action sees it, backed by a real Blob endpoint
 * (Azurite). Supported: Create/Update/Delete blob, Get blob metadata and content (by id and by path),
 * Lists blobs (V2) and its root, and the V1 ListFolder/ListRootFolder, in both the V1
 * (`/datasets/default/...`) and V2 (`/v2/datasets/{dataset}/...`) path families. Anything else
 * answers 501, which the engine reports as an unsupported feature.
 */
export class AzureBlobConnector implements Connector {
  private readonly accountName: string;
  private readonly pageSize: number;
  private readonly jsonContentShape: JsonContentShape;
  private callCount = 0;

  constructor(
    private readonly service: BlobServiceClient,
    options: AzureBlobConnectorOptions = {},
  ) {
    this.accountName = options.accountName ?? AZURITE_ACCOUNT_NAME;
    this.pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
    this.jsonContentShape = options.jsonContentShape ?? DEFAULT_JSON_CONTENT_SHAPE;
    if (!Number.isInteger(this.pageSize) || this.pageSize < 1) throw new Error(`pageSize must be a positive integer, got ${options.pageSize}`);
  }

  /** Requests handled so far, whatever their outcome. */
  get calls(): number {
    return this.callCount;
  }

  async handle(request: ConnectorRequest): Promise<ConnectorResponse> {
    this.callCount++;
    const method = String(request.method ?? "");
    const parsed = parsePath(String(request.path ?? ""));
    if (!parsed) return notImplemented(method, request.path, "not an azureblob dataset path (/datasets/default/... or /v2/datasets/{dataset}/...)");
    const operation = matchOperation(method, parsed);
    if (!operation) return notImplemented(method, request.path);
    if (!datasetNamesAccount(parsed.dataset, parsed.style, this.accountName, this.service.url)) return this.wrongDataset(parsed);
    return this.run(operation, request);
  }

  private run(operation: Operation, request: ConnectorRequest): Promise<ConnectorResponse> {
    switch (operation.kind) {
      case "createFile":
        return createFile(this.service, request);
      case "updateFile":
        return updateFile(this.service, request, operation.id);
      case "deleteFile":
        return deleteFile(this.service, request, operation.id);
      case "getFileMetadata":
        return this.withFileId(operation.id, (location) => getFileMetadata(this.service, location));
      case "getFileContent":
        return this.withFileId(operation.id, (location) => getFileContent(this.service, location, this.jsonContentShape));
      case "getFileMetadataByPath":
        return this.withFilePath(request, (location) => getFileMetadata(this.service, location));
      case "getFileContentByPath":
        return this.withFilePath(request, (location) => getFileContent(this.service, location, this.jsonContentShape));
      case "listRootFolderV2":
        return this.listRootV2(request);
      case "listFolderV2":
        return this.listFolderV2(request, operation.id);
      case "listRootFolder":
        return listingResponse("/", () => listAll((marker) => listContainersPage(this.service, { pageSize: this.pageSize, marker })));
      case "listFolder":
        return this.listFolderV1(operation.id);
    }
  }

  private withFileId(id: string, action: (location: BlobLocation) => Promise<ConnectorResponse>): Promise<ConnectorResponse> {
    const location = fileLocationFromId(id);
    return location ? action(location) : Promise.resolve(badFileId(id));
  }

  private withFilePath(request: ConnectorRequest, action: (location: BlobLocation) => Promise<ConnectorResponse>): Promise<ConnectorResponse> {
    const path = queryText(request, "path", true);
    if (!path) return Promise.resolve(errorResponse(400, "The 'path' query parameter is required."));
    const location = fileLocation(path);
    return location ? action(location) : Promise.resolve(errorResponse(400, `The path '${path}' does not name a blob (/container/name).`));
  }

  /** Lists blobs (V2) at the root: the containers, as folders. A flat listing of the whole account is not emulated. */
  private listRootV2(request: ConnectorRequest): Promise<ConnectorResponse> {
    if (queryFlag(request, "useFlatListing")) return Promise.resolve(notImplemented(request.method, request.path, "useFlatListing=true on the root folder"));
    const marker = queryText(request, "nextPageMarker");
    return listingResponse("/", () => listContainersPage(this.service, { pageSize: this.pageSize, marker }));
  }

  /** Lists blobs (V2): `{value: BlobMetadata[], nextPageMarker?}`, one page per call. */
  private listFolderV2(request: ConnectorRequest, id: string): Promise<ConnectorResponse> {
    const folder = folderLocation(pathFromBlobId(id));
    if (!folder) return Promise.resolve(errorResponse(400, `'${id}' does not identify a folder (/container[/dir]).`));
    const marker = queryText(request, "nextPageMarker");
    const flat = queryFlag(request, "useFlatListing");
    return listingResponse(locationPath(folder), () => listFolderPage(this.service, folder, flat, { pageSize: this.pageSize, marker }));
  }

  /** V1 ListFolder: the folder's immediate children as one bare array (no paging). */
  private listFolderV1(id: string): Promise<ConnectorResponse> {
    const folder = folderLocation(pathFromBlobId(id));
    if (!folder) return Promise.resolve(errorResponse(400, `'${id}' does not identify a folder (/container[/dir]).`));
    return listingResponse(locationPath(folder), () =>
      listAll((marker) => listFolderPage(this.service, folder, false, { pageSize: this.pageSize, marker })),
    );
  }

  /** The connection is bound to one account; naming another cannot reach it. */
  private wrongDataset(parsed: ParsedPath): ConnectorResponse {
    const expected = parsed.style === "v1" ? "'default'" : `'${this.accountName}' (or its blob endpoint, or AccountNameFromSettings)`;
    return errorResponse(
      400,
      `The dataset '${parsed.dataset}' is not the storage account of this connection: expected ${expected}. ` +
        "This connection cannot reach another storage account.",
    );
  }
}
