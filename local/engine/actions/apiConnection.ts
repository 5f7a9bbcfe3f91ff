import { ActionJson } from "../../../workflows/definitionJson";
import { evaluateValue } from "../expression/evaluate";
import { assertInputsFit } from "../dataLimits";
import { ActionFailure, UnsupportedFeature } from "../failure";
import { Frame } from "../frame";
import { Connector } from "../connector";
import { sendWithRetry, statusCodeName } from "../outbound";
import { ActionHandler, objectInputs } from "./handler";

interface ConnectionEntry {
  connectionId?: unknown;
  id?: unknown;
}

/**
 * `host.connection.name` evaluates to a connection id from the `$connections` parameter; that entry's
 * managed API id (`.../managedApis/azureblob`) picks the local connector.
 */
function connectorFor(connectionName: unknown, frame: Frame, name: string): { api: string; connector: Connector } {
  let connections: Record<string, ConnectionEntry> = {};
  try {
    connections = (frame.parameter("$connections") ?? {}) as Record<string, ConnectionEntry>;
  } catch {
    // No $connections parameter: the lookup below reports the missing connection.
  }
  const entry = Object.entries(connections).find(([key, c]) => c.connectionId === connectionName || key === connectionName);
  if (!entry) throw new ActionFailure("InvalidTemplate", `'${name}': no $connections entry has the connection id ${JSON.stringify(connectionName)}.`);
  const api = String(entry[1].id ?? entry[0]).split("/").pop()!;
  const connector = frame.run.connectors[api];
  if (!connector) throw new UnsupportedFeature(`The managed connector '${api}' (action '${name}')`);
  return { api, connector };
}

/**
 * "For actions that support and are enabled for chunking, you can't use trigger bodies, variables, and
 * expressions ... because using any of these inputs prevents the chunking operation from happening. Instead,
 * use the Compose action. Specifically, you must create a body field by using the Compose action ... use
 * @body('Compose')" (logic-apps-handle-large-messages.md). So chunking takes effect only for exactly that:
 * the body of a Compose, as written; otherwise the action runs unchunked.
 */
const CHUNKABLE_BODY = /^@body\('([^']*)'\)$/i;

function chunks(action: ActionJson, index: ReadonlyMap<string, ActionJson>): boolean {
  const raw = objectInputs(action.inputs, "ApiConnection").body;
  const source = typeof raw === "string" ? CHUNKABLE_BODY.exec(raw)?.[1] : undefined;
  const asked = action.runtimeConfiguration?.contentTransfer?.transferMode?.toLowerCase() === "chunked";
  return asked && source !== undefined && index.get(source)?.type.toLowerCase() === "compose";
}

export const apiConnection: ActionHandler = async (name, action, frame) => {
  const inputs = evaluateValue(objectInputs(action.inputs, "ApiConnection"), frame) as {
    host?: { connection?: { name?: unknown } };
    method?: unknown;
    path?: unknown;
    queries?: Record<string, unknown>;
    headers?: Record<string, unknown>;
    body?: unknown;
    retryPolicy?: unknown;
  };
  assertInputsFit(name, inputs, frame.run.limits);
  const { api, connector } = connectorFor(inputs.host?.connection?.name, frame, name);
  if (typeof inputs.method !== "string" || typeof inputs.path !== "string") throw new ActionFailure("InvalidTemplate", `'${name}': inputs.method and inputs.path must be strings.`);
  const request = { method: inputs.method, path: inputs.path, queries: inputs.queries, headers: inputs.headers, body: inputs.body, chunked: chunks(action, frame.run.index) };
  const { response, retries } = await sendWithRetry(frame.run, inputs.retryPolicy, `'${name}' retryPolicy`, async () => {
    frame.run.counters.connectorCalls++;
    const answer = await connector.handle(request);
    if (answer.statusCode === 501) throw new UnsupportedFeature(`${String(inputs.method).toUpperCase()} ${inputs.path} on the local '${api}' connector (action '${name}')`);
    return answer;
  });
  const { chunked: _chunked, ...shown } = request;
  return { inputs: { host: inputs.host, ...shown }, outputs: response, code: statusCodeName(response.statusCode), retries };
};
