/** A request an ApiConnection action sends to a managed connector, after its inputs are evaluated. */
export interface ConnectorRequest {
  method: string;
  /** As the definition wrote it, still URL-encoded, without the query string. */
  path: string;
  queries?: Record<string, unknown>;
  headers?: Record<string, unknown>;
  body?: unknown;
  /**
   * The action asked for chunked transfer (runtimeConfiguration.contentTransfer.transferMode Chunked) and
   * its body allows it. A connector decides what that lifts for each of its operations.
   */
  chunked?: boolean;
}

export interface ConnectorResponse {
  statusCode: number;
  headers: Record<string, string>;
  body?: unknown;
}

/** A local stand-in for one managed API (`azureblob`, ...), keyed by the API name in `$connections`. */
export interface Connector {
  handle(request: ConnectorRequest): Promise<ConnectorResponse>;
}
