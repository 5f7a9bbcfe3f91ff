import { ConnectorRequest } from "../engine/connector";

/** Query and header names are case-insensitive on the gateway. */
function lookup(record: Record<string, unknown> | undefined, name: string): unknown {
  if (!record) return undefined;
  const key = Object.keys(record).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : record[key];
}

export function headerValue(request: ConnectorRequest, name: string): string | undefined {
  const value = lookup(request.headers, name);
  return value === undefined || value === null ? undefined : String(value);
}

/** Booleans arrive as JSON booleans or as "true"/"True" strings, depending on how the definition wrote them. */
export function isTrue(value: unknown): boolean {
  return value === true || (typeof value === "string" && value.trim().toLowerCase() === "true");
}

export function queryFlag(request: ConnectorRequest, name: string): boolean {
  return isTrue(lookup(request.queries, name));
}

/**
 * A string query value, or undefined when absent or empty. Without `queryParametersSingleEncoded=true`
 * the connector expects path-like values (folderPath, name, path) to have been encoded once more by the
 * client, so it decodes them once itself (assumed from the flag's name and from designer output always
 * setting it; never observed directly).
 */
export function queryText(request: ConnectorRequest, name: string, pathLike = false): string | undefined {
  const value = lookup(request.queries, name);
  if (value === undefined || value === null) return undefined;
  let text = String(value);
  if (pathLike && !queryFlag(request, "queryParametersSingleEncoded")) {
    try {
      text = decodeURIComponent(text);
    } catch {
      // Left as written: the value was not percent-encoded.
    }
  }
  return text === "" ? undefined : text;
}
