import { apiConnection } from "./actions";
import { ActionHandle } from "./builder";
import { Expr, encodeUriComponent, parameters } from "./expr";
import { storageAccountName } from "./parameters";
import { Value, str } from "./value";

/** The `$connections` entry every blob action uses. */
export const BLOB_CONNECTION = "azureblob";

/**
 * The dataset segment is the real account name, double-encoded as the designer writes it. The
 * `AccountNameFromSettings` placeholder is avoided: it fails with managed-identity connections.
 */
const dataset = (): Expr => encodeUriComponent(encodeUriComponent(parameters(storageAccountName)));

/** Create blob (V2): writes `content` as `folderPath/blobName`; the content is the whole backup, so inputs are hidden. */
export function createBlob(name: string, folderPath: Value, blobName: Value, content: Value): ActionHandle {
  return apiConnection(
    name,
    {
      connection: BLOB_CONNECTION,
      method: "post",
      path: str`/v2/datasets/${dataset()}/files`,
      queries: { folderPath, name: blobName, queryParametersSingleEncoded: true },
      headers: { "Content-Type": "application/json", ReadFileMetadataFromServer: true },
      body: content,
    },
    { secure: ["inputs"] },
  );
}

/** List blobs (V2) in one folder; the folder id may be a `/container/dir` path. */
export function listFolder(name: string, folderPath: Expr): ActionHandle {
  return apiConnection(name, {
    connection: BLOB_CONNECTION,
    method: "get",
    path: str`/v2/datasets/${dataset()}/foldersV2/${encodeUriComponent(encodeUriComponent(folderPath))}`,
    queries: { useFlatListing: false },
  });
}

/** Get blob content using path (V2). JSON content comes back base64-wrapped as `{$content-type, $content}`. */
export function getBlobContentByPath(name: string, path: Expr): ActionHandle {
  return apiConnection(
    name,
    {
      connection: BLOB_CONNECTION,
      method: "get",
      path: str`/v2/datasets/${dataset()}/GetFileContentByPath`,
      queries: { path, inferContentType: true, queryParametersSingleEncoded: true },
    },
    { secure: ["outputs"] },
  );
}
