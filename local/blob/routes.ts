/**
 * Request paths of the azureblob connector, as an ApiConnection action writes them (relative to the
 * connection). Two families exist (routes from the connector's swagger as surfaced by the generated
 * Azure/Connectors-NodeJS-SDK client and Microsoft.Azure.Workflows.Sdk; V1 forms from public definitions):
 *   V2: /v2/datasets/{dataset}/files, /files/{id}, /files/{id}/content, /GetFileByPath,
 *       /GetFileContentByPath, /foldersV2, /foldersV2/{id}
 *   V1: /datasets/default/... with the same operations, plus /folders and /folders/{id} (ListFolder,
 *       whose response is a bare array)
 * Workflows double-encode the dataset and id segments (`encodeURIComponent(encodeURIComponent(x))`):
 * the gateway's HTTP layer decodes once and the connector once, so each segment is decoded twice here.
 */

export type PathStyle = "v1" | "v2";

export type Operation =
  | { kind: "createFile" }
  | { kind: "getFileMetadata"; id: string }
  | { kind: "updateFile"; id: string }
  | { kind: "deleteFile"; id: string }
  | { kind: "getFileContent"; id: string }
  | { kind: "getFileMetadataByPath" }
  | { kind: "getFileContentByPath" }
  | { kind: "listRootFolderV2" }
  | { kind: "listFolderV2"; id: string }
  | { kind: "listRootFolder" }
  | { kind: "listFolder"; id: string };

export interface ParsedPath {
  style: PathStyle;
  /** Decoded dataset: "default" (V1), an account name, a blob endpoint or AccountNameFromSettings. */
  dataset: string;
  /** Decoded segments after the dataset. */
  segments: string[];
}

/** Decodes once, leaving the text unchanged where it is not valid percent-encoding (as lenient servers do). */
function decodeOnce(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

const decodeSegment = (segment: string): string => decodeOnce(decodeOnce(segment));

export function parsePath(rawPath: string): ParsedPath | undefined {
  const raw = rawPath.replace(/^\/+/, "").split("/");
  if (raw.length > 1 && raw[raw.length - 1] === "") raw.pop();
  const lower = raw.map((s) => s.toLowerCase());
  if (lower[0] === "v2" && lower[1] === "datasets" && raw.length >= 3) {
    return { style: "v2", dataset: decodeSegment(raw[2]), segments: raw.slice(3).map(decodeSegment) };
  }
  if (lower[0] === "datasets" && raw.length >= 2) {
    return { style: "v1", dataset: decodeSegment(raw[1]), segments: raw.slice(2).map(decodeSegment) };
  }
  return undefined;
}

/** Route names are matched case-insensitively, as the gateway's routing is. */
export function matchOperation(method: string, parsed: ParsedPath): Operation | undefined {
  const verb = method.toUpperCase();
  const [first = "", id, third, ...extra] = parsed.segments;
  if (extra.length) return undefined;
  const head = first.toLowerCase();
  const n = parsed.segments.length;

  if (head === "files") {
    if (n === 1 && verb === "POST") return { kind: "createFile" };
    if (n === 2 && id !== undefined) {
      if (verb === "GET") return { kind: "getFileMetadata", id };
      if (verb === "PUT") return { kind: "updateFile", id };
      if (verb === "DELETE") return { kind: "deleteFile", id };
    }
    if (n === 3 && id !== undefined && third?.toLowerCase() === "content" && verb === "GET") return { kind: "getFileContent", id };
    return undefined;
  }
  if (verb !== "GET") return undefined;
  if (head === "getfilebypath" && n === 1) return { kind: "getFileMetadataByPath" };
  if (head === "getfilecontentbypath" && n === 1) return { kind: "getFileContentByPath" };
  if (head === "foldersv2") {
    if (n === 1) return { kind: "listRootFolderV2" };
    if (n === 2 && id !== undefined) return { kind: "listFolderV2", id };
  }
  // ListFolder / ListRootFolder (bare arrays) only exist in the V1 family.
  if (head === "folders" && parsed.style === "v1") {
    if (n === 1) return { kind: "listRootFolder" };
    if (n === 2 && id !== undefined) return { kind: "listFolder", id };
  }
  return undefined;
}
