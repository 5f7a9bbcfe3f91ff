import { apiConnection } from "./actions";
import { ActionHandle } from "./builder";
import { Expr, Named, encodeUriComponent, outputs, parameters } from "./expr";
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
 * Create blob (V2): writes what `content` produced as `folderPath/blobName`; the content is the whole backup,
 * so inputs are hidden. It chunks, as the designer sets it up, which lifts the connector's 50 MB per call to
 * 1,024 MB; chunking takes effect only when the body is an action's output as written, never an expression
 * or a variable (logic-apps-handle-large-messages.md), so the body is `outputs('<content>')`: a Compose's
 * outputs are the composed value, while what body() of a Compose gives is not documented.
 */
export function createBlob(name: string, folderPath: Value, blobName: Value, content: Named): ActionHandle {
  return apiConnection(
    name,
    {
      connection: BLOB_CONNECTION,
      method: "post",
      path: str`/v2/datasets/${dataset()}/files`,
      queries: { folderPath, name: blobName, queryParametersSingleEncoded: true },
      headers: { "Content-Type": "application/json", ReadFileMetadataFromServer: true },
      body: outputs(content),
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
