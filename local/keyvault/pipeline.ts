import { randomUUID } from "node:crypto";
import { IncomingMessage, ServerResponse } from "node:http";
import { authenticate, authorize } from "./auth";
import { KvResponse, VaultContext } from "./context";
import { RequestCounters } from "./counters";
import { KeyVaultError, badParameter, routeNotFound } from "./errors";
import { Route, matchRoute } from "./routes";

/** The api-versions Key Vault clients send: 7.x (with previews) and the 2025 stable release. */
const SUPPORTED_API_VERSION = /^(7\.\d+(-preview(\.\d+)?)?|2025-07-01)$/;

function checkApiVersion(query: URLSearchParams): void {
  const version = query.get("api-version");
  if (version === null || version === "") throw badParameter("The 'api-version' query parameter is required.");
  if (!SUPPORTED_API_VERSION.test(version)) {
    throw badParameter(`The specified version (${version}) is not recognized. Consider using the latest supported version (2025-07-01).`);
  }
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function parseJson(raw: Buffer): unknown {
  if (raw.length === 0) return undefined;
  try {
    return JSON.parse(raw.toString("utf8"));
  } catch {
    throw badParameter("The request body is not valid JSON.");
  }
}

const errorAnswer = (e: KeyVaultError): KvResponse => ({ status: e.status, body: e.body(), headers: e.headers });

function segmentsOf(pathname: string): string[] | undefined {
  try {
    return pathname.split("/").filter(Boolean).map(decodeURIComponent);
  } catch {
    return undefined;
  }
}

/**
 * Authenticate, authorize (with access policies), inject faults, check the api-version, then run the operation. The order is Key Vault's
 * as far as clients can tell: an unauthenticated request gets the 401 challenge and nothing else happens;
 * faults hit only authenticated requests.
 */
async function answer(vault: VaultContext, req: IncomingMessage, url: URL, route: Route | undefined, raw: Buffer): Promise<KvResponse> {
  const policies = vault.accessPolicies();
  const caller = authenticate(req.headers.authorization, policies !== undefined);
  if ("denied" in caller) return errorAnswer(caller.denied);
  if (policies && route) {
    const refused = authorize(caller.claims, route.kind, route.operation.split(".")[1], policies, vault.identity);
    if (refused) return errorAnswer(refused);
  }
  const fault = await vault.faults.before(route?.name);
  if (fault) return errorAnswer(fault);
  const limited = route ? vault.limits()?.admit(route.kind, route.operation.split(".")[1]) : undefined;
  if (limited) return errorAnswer(limited);
  try {
    checkApiVersion(url.searchParams);
    if (!route) throw routeNotFound(req.method ?? "", url.pathname);
    return route.handler(vault, { kind: route.kind, name: route.name, version: route.version, query: url.searchParams, body: parseJson(raw) });
  } catch (e) {
    if (e instanceof KeyVaultError) return errorAnswer(e);
    const message = e instanceof Error ? e.message : String(e);
    return { status: 500, body: { error: { code: "InternalError", message: `Emulator failure: ${message}` } } };
  }
}

function write(res: ServerResponse, response: KvResponse): void {
  const headers: Record<string, string> = {
    "Cache-Control": "no-cache",
    "x-ms-request-id": randomUUID(),
    "x-ms-keyvault-service-version": "emulator",
    ...response.headers,
  };
  if (response.body === undefined) {
    res.writeHead(response.status, headers).end();
    return;
  }
  const text = JSON.stringify(response.body);
  res.writeHead(response.status, { ...headers, "Content-Type": "application/json; charset=utf-8", "Content-Length": String(Buffer.byteLength(text)) }).end(text);
}

/** Serve one HTTP request against a vault and count it (every request, whatever its status). */
export async function serve(vault: VaultContext, counters: RequestCounters, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const raw = await readBody(req);
  const url = new URL(req.url ?? "/", vault.baseUrl);
  const segments = segmentsOf(url.pathname);
  const route = segments ? matchRoute(req.method ?? "GET", segments) : undefined;
  const response = await answer(vault, req, url, route, raw);
  counters.record(route?.operation ?? "unknown", response.status);
  // The operation happened; only its answer is lost on the way back.
  if (response.lost || (response.status !== 401 && vault.faults.loseAnswer())) {
    req.socket.destroy();
    return;
  }
  write(res, response);
}
