import { LIMITS } from "../../../workflows/limits";
import { evaluateValue } from "../expression/evaluate";
import { assertInputsFit } from "../dataLimits";
import { ActionFailure, UnsupportedFeature } from "../failure";
import { managedIdentityToken } from "../managedIdentity";
import { OutboundResponse, sendWithRetry, statusCodeName } from "../outbound";
import { ActionHandler, objectInputs } from "./handler";

interface HttpInputs {
  method?: unknown;
  uri?: unknown;
  headers?: Record<string, unknown>;
  queries?: Record<string, unknown>;
  body?: unknown;
  authentication?: { type?: unknown; audience?: unknown; identity?: unknown };
  retryPolicy?: unknown;
}

function urlOf(uri: unknown, queries: Record<string, unknown> | undefined, name: string): string {
  if (typeof uri !== "string") throw new ActionFailure("InvalidTemplate", `'${name}': inputs.uri must be a string.`);
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    throw new ActionFailure("InvalidTemplate", `'${name}': '${uri}' is not an absolute URI.`);
  }
  for (const [k, v] of Object.entries(queries ?? {})) url.searchParams.append(k, typeof v === "string" ? v : JSON.stringify(v));
  return url.toString();
}

/** Loopback by address, never by a name DNS could send elsewhere (`localhost` is the one name kept). */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  return host === "localhost" || host === "::1" || /^127(\.\d{1,3}){3}$/.test(host);
}

function parseBody(text: string, contentType: string): unknown {
  if (text === "") return undefined;
  if (/json/i.test(contentType)) {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return text;
}

/**
 * The URL a request really goes to: a routed host's path and query on its local base URL. Only `https` on
 * the default port is routed, as the real service listens there and nowhere else.
 */
function routed(url: string, routes: Record<string, string>): string {
  const parsed = new URL(url);
  const base = Object.hasOwn(routes, parsed.hostname.toLowerCase()) ? routes[parsed.hostname.toLowerCase()] : undefined;
  if (base === undefined || parsed.protocol !== "https:" || parsed.port !== "") return url;
  return new URL(`${parsed.pathname.replace(/^\//, "")}${parsed.search}`, base.endsWith("/") ? base : `${base}/`).toString();
}

export const http: ActionHandler = async (name, action, frame) => {
  const inputs = evaluateValue(objectInputs(action.inputs, "Http"), frame) as HttpInputs;
  const method = String(inputs.method ?? "").toUpperCase();
  if (!/^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)$/.test(method)) throw new ActionFailure("InvalidTemplate", `'${name}': unsupported method '${String(inputs.method)}'.`);
  assertInputsFit(name, inputs, frame.run.limits);
  const requested = urlOf(inputs.uri, inputs.queries, name);
  const url = routed(requested, frame.run.hostRoutes);
  const host = new URL(url).hostname;
  if (!frame.run.allowRemoteHosts && !isLoopbackHost(host)) {
    throw new ActionFailure(
      "LocalEngineRemoteHostRefused",
      `'${name}': the local engine sends requests only to loopback, and ${host} is not; point the parameters at the emulators, or allow remote hosts explicitly (kvbr run --allow-remote-hosts).`,
    );
  }
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(inputs.headers ?? {})) headers[k] = typeof v === "string" ? v : JSON.stringify(v);
  const auth = inputs.authentication;
  if (auth) {
    if (auth.type !== "ManagedServiceIdentity") throw new UnsupportedFeature(`Authentication type '${String(auth.type)}' (action '${name}')`);
    if (typeof auth.audience !== "string") throw new ActionFailure("InvalidTemplate", `'${name}': a managed identity needs an audience.`);
    // Azure's wording for this failure is not confirmed; that it fails before sending is.
    if (frame.run.identity === null) throw new ActionFailure("ManagedIdentityNotEnabled", `'${name}': the workflow has no managed identity to authenticate with.`);
    headers.Authorization = `Bearer ${managedIdentityToken(auth.audience, frame.run.identity)}`;
  }
  let payload: string | undefined;
  if (inputs.body !== undefined) {
    payload = typeof inputs.body === "string" ? inputs.body : JSON.stringify(inputs.body);
    if (typeof inputs.body !== "string" && !Object.keys(headers).some((h) => h.toLowerCase() === "content-type")) headers["Content-Type"] = "application/json";
  }
  const send = async (): Promise<OutboundResponse> => {
    frame.run.counters.httpRequests++;
    const res = await fetch(url, { method, headers, body: payload, signal: AbortSignal.timeout(LIMITS.httpRequestTimeoutMs) });
    const text = await res.text();
    const byStatus = frame.run.counters.httpByStatus;
    byStatus[res.status] = (byStatus[res.status] ?? 0) + 1;
    const resHeaders = Object.fromEntries(res.headers.entries());
    if (res.status === 202 && resHeaders.location && action.operationOptions !== "DisableAsyncPattern") {
      throw new UnsupportedFeature(`The asynchronous polling pattern (202 with Location, action '${name}')`);
    }
    return { statusCode: res.status, headers: resHeaders, body: parseBody(text, resHeaders["content-type"] ?? "") };
  };
  // Run history never shows the Authorization header (Azure hides it too).
  const { Authorization: _hidden, ...shownHeaders } = headers;
  // History shows the URI the workflow asked for (a vault's own name), not where it was routed locally.
  const historyInputs = { method, uri: requested, headers: shownHeaders, body: inputs.body, authentication: auth };
  const { response, retries } = await sendWithRetry(frame.run, inputs.retryPolicy, `'${name}' retryPolicy`, send).catch((err: unknown) => {
    if (err instanceof ActionFailure) err.inputs ??= historyInputs;
    throw err;
  });
  return { inputs: historyInputs, outputs: response, code: statusCodeName(response.statusCode), retries };
};
