import { BlobServiceClient } from "@azure/storage-blob";
import { BlobLocation, fileLocation, folderLocation, locationPath, pathFromBlobId } from "./blobId";
import { fileMetadata } from "./blobMetadata";
import { ConnectorRequest, ConnectorResponse } from "../engine/connector";
import { LIMITS } from "../../workflows/limits";
import { JsonContentShape, requestContent, responseContent } from "./contentEnvelope";
import { headerValue, isTrue, queryText } from "./requestFields";
import { emptyResponse, errorResponse, jsonResponse, storageErrorResponse } from "./responses";

/**
 * What one call may move. "By default, Azure Blob Storage managed connector actions can read or write files
 * that are 50 MB or smaller. To handle files larger than 50 MB but up to 1024 MB, Blob actions support
 * message chunking. The Get blob content action implicitly uses chunking."
 * (articles/connectors/connectors-create-api-azureblobstorage.md). Create blob chunks when the action asks
 * for it (the designer adds contentTransfer Chunked); whether Update blob chunks is unconfirmed, so it does
 * not here. Lists and metadata are small.
 */
export function transferLimit(chunked: boolean): number {
  return chunked ? LIMITS.chunkedTransferBytes : LIMITS.connectorCallBytes;
}

/** Azure's wording for this was not found; SharePoint's connector answers 413 "The request is larger than N bytes." (Azure/logicapps#569). */
function tooLarge(bytes: number, limit: number, what: string): ConnectorResponse {
  const hint = limit < LIMITS.chunkedTransferBytes ? " Turn on chunking (runtimeConfiguration.contentTransfer) for content up to 1024 MB." : "";
  return errorResponse(413, `The ${what} is ${bytes} bytes, larger than ${limit} bytes.${hint}`);
}

/** Create blob: POST .../files?folderPath=/container[/dir]&name=... with the content as the body. Overwrites. */
export async function createFile(service: BlobServiceClient, request: ConnectorRequest): Promise<ConnectorResponse> {
  const folderPath = queryText(request, "folderPath", true);
  const name = queryText(request, "name", true);
  if (!folderPath || !name) return errorResponse(400, "The 'folderPath' and 'name' query parameters are required.");
  if (request.body === undefined) return errorResponse(400, "The request body (the blob content) is required.");
  const folder = folderLocation(folderPath);
  if (!folder) return errorResponse(400, `The folder path '${folderPath}' does not name a container.`);
  return writeFile(service, { container: folder.container, name: folder.name + name.replace(/^\/+/, "") }, request, transferLimit(request.chunked === true));
}

/** Update blob: PUT .../files/{id}; unlike create, the blob must already exist. */
export async function updateFile(service: BlobServiceClient, request: ConnectorRequest, id: string): Promise<ConnectorResponse> {
  const location = fileLocationFromId(id);
  if (!location) return badFileId(id);
  if (request.body === undefined) return errorResponse(400, "The request body (the blob content) is required.");
  const exists = await blobClient(service, location).exists();
  if (!exists) return errorResponse(404, `The specified blob does not exist. (${locationPath(location)})`);
  return writeFile(service, location, request, transferLimit(false));
}

async function writeFile(service: BlobServiceClient, location: BlobLocation, request: ConnectorRequest, limit: number): Promise<ConnectorResponse> {
  const { bytes, contentType } = requestContent(request.body, headerValue(request, "Content-Type"));
  if (bytes.length > limit) return tooLarge(bytes.length, limit, "request content");
  try {
    const uploaded = await blobClient(service, location).upload(bytes, bytes.length, { blobHTTPHeaders: { blobContentType: contentType } });
    return jsonResponse(fileMetadata(location, { lastModified: uploaded.lastModified, etag: uploaded.etag, size: bytes.length, contentType }));
  } catch (error) {
    return storageErrorResponse(error, locationPath(location));
  }
}

/** Get Blob Metadata (by id) and Get Blob Metadata using path. */
export async function getFileMetadata(service: BlobServiceClient, location: BlobLocation): Promise<ConnectorResponse> {
  try {
    const p = await blobClient(service, location).getProperties();
    return jsonResponse(fileMetadata(location, { lastModified: p.lastModified, etag: p.etag, size: p.contentLength, contentType: p.contentType }));
  } catch (error) {
    return storageErrorResponse(error, locationPath(location));
  }
}

/**
 * Get blob content (by id) and Get blob content using path. `inferContentType` is accepted but changes
 * nothing: public run history shows a .json blob read with inferContentType=true still coming back as
 * application/octet-stream, so the stored type is what decides (see `responseContent`).
 */
export async function getFileContent(service: BlobServiceClient, location: BlobLocation, jsonShape: JsonContentShape): Promise<ConnectorResponse> {
  try {
    const downloaded = await blobClient(service, location).download();
    const limit = transferLimit(true);
    if ((downloaded.contentLength ?? 0) > limit) return tooLarge(downloaded.contentLength ?? 0, limit, "blob");
    const bytes = await readAll(downloaded.readableStreamBody);
    const contentType = downloaded.contentType || "application/octet-stream";
    const headers: Record<string, string> = { "Content-Type": contentType };
    if (downloaded.etag) headers.ETag = downloaded.etag;
    return { statusCode: 200, headers, body: responseContent(bytes, contentType, jsonShape) };
  } catch (error) {
    return storageErrorResponse(error, locationPath(location));
  }
}

/**
 * Delete blob: DELETE .../files/{id} → 200 without a body. The SDKs send
 * `SkipDeleteIfFileNotFoundOnServer: false`; with true, a missing blob also counts as deleted.
 */
export async function deleteFile(service: BlobServiceClient, request: ConnectorRequest, id: string): Promise<ConnectorResponse> {
  const location = fileLocationFromId(id);
  if (!location) return badFileId(id);
  try {
    await blobClient(service, location).delete();
    return emptyResponse(200);
  } catch (error) {
    const status = (error as { statusCode?: unknown }).statusCode;
    if (status === 404 && isTrue(headerValue(request, "SkipDeleteIfFileNotFoundOnServer"))) return emptyResponse(200);
    return storageErrorResponse(error, locationPath(location));
  }
}

export function fileLocationFromId(id: string): BlobLocation | undefined {
  return fileLocation(pathFromBlobId(id));
}

export function badFileId(id: string): ConnectorResponse {
  return errorResponse(400, `'${id}' does not identify a blob: expected an id from Create/List or a path like /container/name.`);
}

function blobClient(service: BlobServiceClient, location: BlobLocation) {
  return service.getContainerClient(location.container).getBlockBlobClient(location.name);
}

async function readAll(stream: NodeJS.ReadableStream | undefined): Promise<Buffer> {
  if (!stream) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : Buffer.from(chunk));
  return Buffer.concat(chunks);
}
