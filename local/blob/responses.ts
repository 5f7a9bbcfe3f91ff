import { randomUUID } from "crypto";
import { ConnectorResponse } from "../engine/connector";

/**
 * Managed connectors report errors as JSON like
 *   {"status": 404, "message": "...\r\nclientRequestId: <guid>", "error": {"message": "..."}, "source": "azureblob-eus.azconn-eus.p.azurewebsites.net"}
 * (shape from published run history and the Logic Apps blob troubleshooting docs); `source` names the
 * connector host, here a local one so failures are recognisably emulated.
 */
export const ERROR_SOURCE = "azureblob-local.emulator";

const JSON_HEADERS = { "Content-Type": "application/json; charset=utf-8" };

export function jsonResponse(body: unknown, statusCode = 200): ConnectorResponse {
  return { statusCode, headers: { ...JSON_HEADERS }, body };
}

export function emptyResponse(statusCode = 200): ConnectorResponse {
  return { statusCode, headers: {} };
}

export function errorResponse(status: number, message: string): ConnectorResponse {
  return jsonResponse(
    { status, message: `${message}\r\nclientRequestId: ${randomUUID()}`, error: { message }, source: ERROR_SOURCE },
    status,
  );
}

/** The engine turns a 501 into a run failure that names the unsupported feature; the body says what was asked. */
export function notImplemented(method: string, path: string, reason?: string): ConnectorResponse {
  const what = `${method.toUpperCase()} ${path}`;
  return errorResponse(501, `The local azureblob emulation does not implement ${what}${reason ? `: ${reason}` : ""}.`);
}

/** A thrown storage SDK error (RestError) → the connector's error response; anything else is a bug and rethrown. */
export function storageErrorResponse(error: unknown, what: string): ConnectorResponse {
  const status = (error as { statusCode?: unknown })?.statusCode;
  if (typeof status !== "number") throw error;
  const code = (error as { code?: unknown }).code;
  const detail = STORAGE_MESSAGES[String(code)] ?? String((error as Error).message ?? "").split("\n")[0];
  return errorResponse(status, `${detail} (${what})`);
}

const STORAGE_MESSAGES: Record<string, string> = {
  BlobNotFound: "The specified blob does not exist.",
  ContainerNotFound: "The specified container does not exist.",
};
