import { expect } from "chai";
import * as http from "node:http";
import { AddressInfo } from "node:net";
import { ActionJson, DefinitionJson } from "../../../workflows/definitionJson";
import { runWorkflow } from "../../../local/engine/run";
import { RunError, RunRecord } from "../../../local/engine/runRecord";
import { RunOptions } from "../../../local/engine/runOptions";

/** A definition with a manual Request trigger around the given actions. */
export function definition(actions: Record<string, ActionJson>, parameters: DefinitionJson["parameters"] = {}): DefinitionJson {
  return {
    $schema: "https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#",
    contentVersion: "1.0.0.0",
    parameters,
    triggers: { manual: { type: "Request", kind: "Http", inputs: { schema: {} } } },
    actions,
    outputs: {},
  };
}

export function run(actions: Record<string, ActionJson>, options: RunOptions = {}, parameters: DefinitionJson["parameters"] = {}): Promise<RunRecord> {
  return runWorkflow(definition(actions, parameters), { timeScale: 0, ...options });
}

/**
 * The error of a run that never started because Azure would have refused the definition when it was saved;
 * fails the test if anything ran.
 */
export function refusal(record: RunRecord): RunError {
  expect(record.status).to.equal("Failed");
  expect(record.actions).to.deep.equal({});
  expect(record.counters.actionExecutions).to.equal(0);
  return record.error!;
}

/** The last execution's outputs of an action, as run history shows them. */
export function outputsOf(record: RunRecord, action: string): unknown {
  const h = record.actions[action];
  if (!h) throw new Error(`action ${action} did not run; ran: ${Object.keys(record.actions).join(", ")}`);
  return h.executions[h.executions.length - 1].outputs;
}

export function statusesOf(record: RunRecord): Record<string, string> {
  return Object.fromEntries(Object.entries(record.actions).map(([n, h]) => [n, h.status]));
}

export interface SeenRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A loopback HTTP server answering from a script, recording requests and the peak of concurrent ones. */
export class ScriptedServer {
  readonly requests: SeenRequest[] = [];
  inFlight = 0;
  peakInFlight = 0;
  private server?: http.Server;

  constructor(private readonly answer: (req: SeenRequest, index: number) => { status: number; body?: unknown; delayMs?: number; headers?: Record<string, string> }) {}

  async start(): Promise<string> {
    this.server = http.createServer((req, res) => {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => {
        const seen = { method: req.method ?? "", url: req.url ?? "", headers: req.headers, body };
        this.requests.push(seen);
        this.inFlight++;
        this.peakInFlight = Math.max(this.peakInFlight, this.inFlight);
        const a = this.answer(seen, this.requests.length - 1);
        setTimeout(() => {
          this.inFlight--;
          res.writeHead(a.status, { "Content-Type": "application/json", ...(a.headers ?? {}) });
          res.end(a.body === undefined ? "" : JSON.stringify(a.body));
        }, a.delayMs ?? 0);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    this.server?.closeAllConnections();
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
