import { Handler } from "./context";
import * as common from "./handlers/common";
import { createCertificate, pendingOperation } from "./handlers/certificates";
import { createKey, importKey } from "./handlers/keys";
import { setSecret } from "./handlers/secrets";
import { OBJECT_KINDS, ObjectKind } from "./types";

export interface Route {
  /** Counter name, e.g. "secrets.backup". */
  operation: string;
  kind: ObjectKind;
  name?: string;
  version?: string;
  handler: Handler;
}

const asKind = (segment: string | undefined): ObjectKind | undefined => OBJECT_KINDS.find((k) => k === segment);

/** Kind-specific writes: `PUT /secrets/{n}`, `POST /keys/{n}/create`, `PUT /keys/{n}`, `POST /certificates/{n}/create`. */
const WRITES: Record<string, { operation: string; handler: Handler } | undefined> = {
  "PUT secrets": { operation: "set", handler: setSecret },
  "PUT keys": { operation: "import", handler: importKey },
  "POST keys create": { operation: "create", handler: createKey },
  "POST certificates create": { operation: "create", handler: createCertificate },
};

/**
 * Map a method and the non-empty path segments to an operation. `GET /secrets/x/` and `GET /secrets/x`
 * are the same (segments drop the empty tail), as the SDK sends the former.
 */
export function matchRoute(method: string, segments: string[]): Route | undefined {
  const [first, name, third, ...rest] = segments;
  if (rest.length > 0 || first === undefined) return undefined;
  const kind = asKind(first);
  if (kind) {
    const at = (operation: string, handler: Handler, version?: string): Route => ({ operation: `${kind}.${operation}`, kind, name, version, handler });
    if (name === undefined) return method === "GET" ? { operation: `${kind}.list`, kind, handler: common.list } : undefined;
    if (name === "restore" && third === undefined && method === "POST") return { operation: `${kind}.restore`, kind, handler: common.restore };
    const write = WRITES[[method, kind, third].filter((s) => s !== undefined).join(" ")];
    if (write) return at(write.operation, write.handler);
    if (method === "GET" && third === "versions") return at("versions", common.listVersions);
    if (method === "GET" && third === "pending" && kind === "certificates") return at("pending", pendingOperation);
    if (method === "GET") return at("get", common.get, third);
    if (method === "POST" && third === "backup") return at("backup", common.backup);
    if (method === "DELETE" && third === undefined) return at("delete", common.remove);
    return undefined;
  }
  const deletedKind = first.startsWith("deleted") ? asKind(first.slice("deleted".length)) : undefined;
  if (!deletedKind) return undefined;
  const at = (operation: string, handler: Handler): Route => ({ operation: `${deletedKind}.${operation}`, kind: deletedKind, name, handler });
  if (name === undefined) return method === "GET" ? at("listDeleted", common.listDeleted) : undefined;
  if (third === undefined && method === "GET") return at("getDeleted", common.getDeleted);
  if (third === undefined && method === "DELETE") return at("purge", common.purge);
  if (third === "recover" && method === "POST") return at("recover", common.recover);
  return undefined;
}
