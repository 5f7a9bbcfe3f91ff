import { BlobServiceClient } from "@azure/storage-blob";
import { BlobLocation } from "./blobId";
import { BlobMetadata, fileMetadata, folderMetadata } from "./blobMetadata";
import { ConnectorResponse } from "../engine/connector";
import { jsonResponse, storageErrorResponse } from "./responses";

/** One page of a listing and the marker for the next page (absent on the last page). */
export interface ListingPage {
  value: BlobMetadata[];
  nextPageMarker?: string;
}

export interface PageRequest {
  pageSize: number;
  /** The previous page's nextPageMarker (Azure's continuation token, passed through opaquely). */
  marker?: string;
}

/**
 * The children of a container or virtual folder. Non-flat: immediate blobs plus virtual folders
 * (IsFolder true) for each deeper prefix. Flat: every blob under the folder, no folders. Blobs and
 * folders together count towards the page size, as in Blob storage's own listing.
 */
export async function listFolderPage(
  service: BlobServiceClient,
  folder: BlobLocation,
  flat: boolean,
  page: PageRequest,
): Promise<ListingPage> {
  const container = service.getContainerClient(folder.container);
  const settings = { maxPageSize: page.pageSize, continuationToken: page.marker };
  const value: BlobMetadata[] = [];
  let next: string | undefined;
  if (flat) {
    const result = await container.listBlobsFlat({ prefix: folder.name || undefined }).byPage(settings).next();
    if (!result.done) {
      for (const blob of result.value.segment.blobItems) value.push(blobItemMetadata(folder.container, blob));
      next = result.value.continuationToken;
    }
  } else {
    const result = await container.listBlobsByHierarchy("/", { prefix: folder.name || undefined }).byPage(settings).next();
    if (!result.done) {
      for (const prefix of result.value.segment.blobPrefixes ?? []) value.push(folderMetadata({ container: folder.container, name: prefix.name }));
      for (const blob of result.value.segment.blobItems) value.push(blobItemMetadata(folder.container, blob));
      next = result.value.continuationToken;
    }
  }
  // The service returns one lexically ordered sequence; the SDK splits it into prefixes and blobs.
  value.sort((a, b) => (a.Path < b.Path ? -1 : a.Path > b.Path ? 1 : 0));
  return next ? { value, nextPageMarker: next } : { value };
}

/** The containers of the account, listed as folders (the connector's root folder). */
export async function listContainersPage(service: BlobServiceClient, page: PageRequest): Promise<ListingPage> {
  const result = await service.listContainers().byPage({ maxPageSize: page.pageSize, continuationToken: page.marker }).next();
  if (result.done) return { value: [] };
  const value = (result.value.containerItems ?? []).map((c) =>
    folderMetadata({ container: c.name, name: "" }, { lastModified: c.properties.lastModified, etag: c.properties.etag }),
  );
  const next = result.value.continuationToken;
  return next ? { value, nextPageMarker: next } : { value };
}

/** Every page, for the V1 ListFolder/ListRootFolder operations, which answer with one bare array. */
export async function listAll(fetchPage: (marker: string | undefined) => Promise<ListingPage>): Promise<BlobMetadata[]> {
  const all: BlobMetadata[] = [];
  let marker: string | undefined;
  do {
    const page = await fetchPage(marker);
    all.push(...page.value);
    marker = page.nextPageMarker;
  } while (marker);
  return all;
}

/** Runs a listing and maps storage errors (missing container, bad marker) to connector errors. */
export async function listingResponse(what: string, list: () => Promise<unknown>): Promise<ConnectorResponse> {
  try {
    return jsonResponse(await list());
  } catch (error) {
    return storageErrorResponse(error, what);
  }
}

function blobItemMetadata(
  container: string,
  blob: { name: string; properties: { lastModified?: Date; contentLength?: number; contentType?: string; etag?: string } },
): BlobMetadata {
  const p = blob.properties;
  return fileMetadata({ container, name: blob.name }, { lastModified: p.lastModified, size: p.contentLength, contentType: p.contentType, etag: p.etag });
}
