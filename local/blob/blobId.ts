/**
 * The azureblob connector names files and folders by an opaque id. Designer output and run history
 * show it is standard base64 (with `=` padding) of the URL-encoded path with lower-case escapes:
 * "JTJmZm9sZGVyJTJmMS50eHQ=" is base64("%2ffolder%2f1.txt") for the blob "/folder/1.txt".
 * Workflows may also pass a plain path where an id is expected; both forms are accepted.
 */

/** A location in the account: a container plus a blob name or a virtual-folder prefix inside it. */
export interface BlobLocation {
  container: string;
  /** Blob name for files; for folders, the prefix ("" for the container itself, else ending in "/"). */
  name: string;
}

const STRICT_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** URL-encodes like the connector's ids do: every reserved character escaped, hex digits lower-case. */
function encodeForId(path: string): string {
  return encodeURIComponent(path).replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase());
}

export function blobIdFromPath(path: string): string {
  return Buffer.from(encodeForId(path), "utf8").toString("base64");
}

/**
 * The path an id stands for. A value starting with "/" is already a path; a base64 value that decodes
 * to an encoded absolute path ("%2f...") is an id; anything else is read as a path without its leading
 * slash (public definitions use e.g. `foldersV2/unprocessed` for the container "unprocessed").
 */
export function pathFromBlobId(id: string): string {
  if (id.startsWith("/")) return id;
  if (id.length > 0 && STRICT_BASE64.test(id)) {
    const decoded = Buffer.from(id, "base64").toString("utf8");
    if (/^%2f/i.test(decoded)) {
      try {
        return decodeURIComponent(decoded);
      } catch {
        // Not a valid escape sequence after all: fall through and treat the value as a path.
      }
    }
  }
  return `/${id}`;
}

/** "/container/dir/name.json" → {container, name: "dir/name.json"}; undefined when no container is named. */
export function fileLocation(path: string): BlobLocation | undefined {
  const [container, ...rest] = path.replace(/^\/+/, "").split("/");
  const name = rest.join("/");
  if (!container || !name) return undefined;
  return { container, name };
}

/** "/container", "/container/dir" and "/container/dir/" → {container, name: "" | "dir/"}. */
export function folderLocation(path: string): BlobLocation | undefined {
  const [container, ...rest] = path.replace(/^\/+/, "").replace(/\/+$/, "").split("/");
  if (!container) return undefined;
  const prefix = rest.join("/");
  return { container, name: prefix ? `${prefix}/` : "" };
}

/** The connector's `Path` for a location: "/container/name" (folders keep the prefix's trailing slash). */
export function locationPath(location: BlobLocation): string {
  return location.name ? `/${location.container}/${location.name}` : `/${location.container}`;
}
