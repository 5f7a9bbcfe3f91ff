import { BlobLocation, blobIdFromPath, locationPath } from "./blobId";
import { OCTET_STREAM } from "./contentEnvelope";

/**
 * The connector's BlobMetadata (field list from its swagger: Id, Name, DisplayName, Path, LastModified,
 * Size, MediaType, IsFolder, ETag, FileLocator). Run history also shows `LastModifiedBy: null`,
 * FileLocator equal to Id, second-precision UTC times ("2024-07-03T04:18:13Z") and quoted ETags.
 */
export interface BlobMetadata {
  Id: string;
  Name: string;
  DisplayName: string;
  Path: string;
  LastModified: string | null;
  Size: number;
  MediaType: string;
  IsFolder: boolean;
  ETag: string | null;
  FileLocator: string;
  LastModifiedBy: null;
}

export interface BlobFacts {
  lastModified?: Date;
  size?: number;
  contentType?: string;
  etag?: string;
}

function connectorTime(date: Date | undefined): string | null {
  return date ? date.toISOString().replace(/\.\d{3}Z$/, "Z") : null;
}

/** Last path segment without a trailing slash: the file, folder or container name. */
function leafName(path: string): string {
  const parts = path.replace(/\/+$/, "").split("/");
  return parts[parts.length - 1];
}

export function fileMetadata(location: BlobLocation, facts: BlobFacts): BlobMetadata {
  const path = locationPath(location);
  const id = blobIdFromPath(path);
  return {
    Id: id,
    Name: leafName(path),
    DisplayName: leafName(path),
    Path: path,
    LastModified: connectorTime(facts.lastModified),
    Size: facts.size ?? 0,
    MediaType: facts.contentType || OCTET_STREAM,
    IsFolder: false,
    ETag: facts.etag ?? null,
    FileLocator: id,
    LastModifiedBy: null,
  };
}

/**
 * A container or virtual folder. Assumed (not seen in published output): Path keeps the virtual folder's
 * trailing slash ("/container/dir/"), Size 0, MediaType application/octet-stream; a virtual folder has no
 * timestamp or ETag of its own, so those are null.
 */
export function folderMetadata(location: BlobLocation, facts: Pick<BlobFacts, "lastModified" | "etag"> = {}): BlobMetadata {
  return { ...fileMetadata(location, { ...facts, size: 0, contentType: OCTET_STREAM }), IsFolder: true };
}
