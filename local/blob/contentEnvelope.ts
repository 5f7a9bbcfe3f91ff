/**
 * How blob bytes cross the Logic Apps boundary. The runtime carries non-text content as the
 * binary envelope `{"$content-type": "<type>", "$content": "<base64>"}`; expressions decode it with
 * base64ToString(body(...)?['$content']).
 */

export interface ContentEnvelope {
  "$content-type": string;
  $content: string;
}

export const OCTET_STREAM = "application/octet-stream";

export function isContentEnvelope(value: unknown): value is ContentEnvelope {
  return (
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    typeof (value as Record<string, unknown>).$content === "string"
  );
}

/**
 * The bytes and content type a Create/Update blob request stores.
 * - `$content` envelope: its base64 is decoded; its `$content-type` is the type unless a header overrides it.
 * - string: stored as UTF-8 as-is (the runtime sends string bodies as text).
 * - any other JSON value (object, array, number, boolean, null): stored as its JSON text, as the runtime
 *   serialises JSON bodies.
 * An explicit Content-Type header always wins: it is the connector's "Content-Type" parameter.
 * Without one, the type is assumed from what the runtime would send: JSON → application/json,
 * string → text/plain; charset=utf-8, envelope → its own type, else application/octet-stream.
 */
export function requestContent(body: unknown, contentTypeHeader: string | undefined): { bytes: Buffer; contentType: string } {
  if (isContentEnvelope(body)) {
    const envelopeType = typeof body["$content-type"] === "string" && body["$content-type"] ? body["$content-type"] : OCTET_STREAM;
    return { bytes: Buffer.from(body.$content, "base64"), contentType: contentTypeHeader ?? envelopeType };
  }
  if (Buffer.isBuffer(body) || body instanceof Uint8Array) {
    return { bytes: Buffer.from(body), contentType: contentTypeHeader ?? OCTET_STREAM };
  }
  if (typeof body === "string") {
    return { bytes: Buffer.from(body, "utf8"), contentType: contentTypeHeader ?? "text/plain; charset=utf-8" };
  }
  return { bytes: Buffer.from(JSON.stringify(body), "utf8"), contentType: contentTypeHeader ?? "application/json" };
}

/** `text/*` types reach the workflow as a plain string; see `responseContent`. */
export function isTextContentType(contentType: string): boolean {
  return /^text\//i.test(contentType.trim());
}

/**
 * How JSON content reaches the workflow; which one Azure does today is unconfirmed, so both are emulated:
 * - "envelope": the `$content` envelope, what the original 2019 deployment observed for a JSON backup written
 *   with Content-Type application/json and read back with Get blob content using path (its restore had to
 *   base64-decode `$content`), and what a 2025 report shows expressions seeing (Azure/logicapps#1379);
 * - "object": the parsed JSON, as logic-apps-content-type.md says application/json content "is stored and
 *   handled as a JSON Object".
 */
export type JsonContentShape = "envelope" | "object";
export const DEFAULT_JSON_CONTENT_SHAPE: JsonContentShape = "envelope";

const isJsonContentType = (contentType: string): boolean => /^application\/(.+\+)?json\b/i.test(contentType.trim());

/**
 * The body of a Get blob content response, decided by the stored content type: `text/*` as a plain string
 * (UTF-8), as the runtime hands text to expressions; application/json in the given shape (content that does
 * not parse stays an envelope); everything else as the `$content` envelope.
 */
export function responseContent(bytes: Buffer, contentType: string, jsonShape: JsonContentShape = DEFAULT_JSON_CONTENT_SHAPE): unknown {
  if (isTextContentType(contentType)) return bytes.toString("utf8");
  if (jsonShape === "object" && isJsonContentType(contentType)) {
    try {
      return JSON.parse(bytes.toString("utf8"));
    } catch {
      // Not JSON after all: it travels as bytes.
    }
  }
  return { "$content-type": contentType, $content: bytes.toString("base64") };
}
