import { apiConnection, compose } from "./actions";
import { ActionHandle } from "./builder";
import { Expr, body, encodeUriComponent, parameters } from "./expr";
import { storageAccountName } from "./parameters";
import { Value, str } from "./value";

/** The `$connections` entry every blob action uses. */
export const BLOB_CONNECTION = "azureblob";

/**
 * The dataset segment is the real account name, double-encoded as the designer writes it. The
 * `AccountNameFromSettings` placeholder is avoided: it fails with managed-identity connections.
 */
const dataset = (): Expr => encodeUriComponent(encodeUriComponent(parameters(storageAccountName)));

/**
 * Content for a chunking action, as logic-apps-handle-large-messages.md prescribes: trigger bodies,
 * variables and expressions "prevent the chunking operation from happening", so "you must create a `body`
 * field by using the Compose action" and reference it with `@body('Compose')`. Secure inputs hide it.
 */
export function chunkableContent(name: string, content: Value): ActionHandle {
  return compose(name, { body: content }, { secureInputs: true });
}

/**
 * Create blob (V2): writes the `body` of a chunkableContent Compose as `folderPath/blobName`; the content is
 * the whole backup, so inputs are hidden. It chunks, as the designer sets it up, which lifts the connector's
 * 50 MB per call to 1,024 MB.
 */
export function createBlob(name: string, folderPath: Value, blobName: Value, content: ActionHandle): ActionHandle {
  return apiConnection(
    name,
    {
      connection: BLOB_CONNECTION,
      method: "post",
      path: str`/v2/datasets/${dataset()}/files`,
      queries: { folderPath, name: blobName, queryParametersSingleEncoded: true },
      headers: { "Content-Type": "application/json", ReadFileMetadataFromServer: true },
      body: body(content),
    },
    { secure: ["inputs"], chunked: true },
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

/**
 * Get blob content using path (V2). It chunks implicitly (up to 1,024 MB). JSON content may come back as the
 * `{$content-type, $content}` envelope (observed) or as the parsed object (as documented): read either.
 */
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
