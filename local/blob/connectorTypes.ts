/**
 * The request/response contract between the local engine's ApiConnection action and a connector.
 * Structurally identical to the engine's own `Connector` types, declared here so the blob emulation
 * compiles and tests on its own.
 */

export interface ConnectorRequest {
  /** Lower or upper case. */
  method: string;
  /** Already evaluated, still URL-encoded as the workflow wrote it, without a query string. */
  path: string;
  queries?: Record<string, unknown>;
  headers?: Record<string, unknown>;
  /** Any JSON value, a string, or a `{"$content-type","$content"}` envelope. */
  body?: unknown;
}

export interface ConnectorResponse {
  statusCode: number;
  headers: Record<string, string>;
  body?: unknown;
}
