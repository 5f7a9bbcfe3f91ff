import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { IncomingMessage, Server, ServerResponse, createServer } from "node:http";
import { AddressInfo } from "node:net";
import { runWorkflow } from "../engine/run";
import { nextRunId } from "../engine/runContext";
import { RunOptions } from "../engine/runOptions";
import { RunRecord } from "../engine/runRecord";
import { DefinitionJson } from "../../workflows/definitionJson";
import { isOperator } from "./operator";
import { Recurrence, nextOccurrence } from "./recurrence";

/** One workflow as the stack deployed it: where it lives, its definition and parameters, and how it runs locally. */
export interface HostedWorkflow {
  name: string;
  resourceGroup: string;
  subscriptionId: string;
  definition: DefinitionJson;
  parameters: Record<string, unknown>;
  run: Pick<RunOptions, "connectors" | "hostRoutes" | "identity" | "integrationAccountLinked" | "timeScale" | "actionThrottle">;
}

interface HostedRun {
  workflow: HostedWorkflow;
  id: string;
  trigger: string;
  startTime: string;
  /** Until a slot of its trigger is free, the run waits. */
  waiting?: boolean;
  /** Set once the run has ended. */
  record?: RunRecord;
  /** Set if the engine itself broke: the run is Failed, never left Running. */
  failure?: string;
}

/** At most `limit` runs of one trigger at once; the others wait in order, as trigger concurrency makes them. */
class RunSlots {
  private active = 0;
  private readonly queue: Array<() => void> = [];
  constructor(private readonly limit: number) {}

  async run(hosted: HostedRun, start: () => Promise<void>): Promise<void> {
    if (this.active >= this.limit) {
      hosted.waiting = true;
      await new Promise<void>((resolve) => this.queue.push(resolve));
      hosted.waiting = false;
    }
    this.active++;
    try {
      await start();
    } finally {
      this.active--;
      this.queue.shift()?.();
    }
  }
}

const TRIGGER_PATH = /^\/workflows\/([^/]+)\/triggers\/([^/]+)\/paths\/invoke$/;
const RUNS_PATH = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.Logic\/workflows\/([^/]+)\/runs(?:\/([^/]+)(?:\/actions(?:\/([^/]+))?)?)?$/i;
const LINK_PATH = /^\/links\/([^/]+)\/([^/]+)\/(inputs|outputs)$/;

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "Content-Type": "application/json; charset=utf-8", ...headers }).end(JSON.stringify(body));
}
const armError = (res: ServerResponse, status: number, code: string, message: string): void => json(res, status, { error: { code, message } });

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

const sameSecret = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * The workflows of a local stack on loopback: Request triggers at callback URLs that check their signature
 * and answer 202 with `x-ms-workflow-run-id` (the run goes on in the background), and the Logic Apps runs
 * API (runs, a run, its actions, each action's inputsLink and outputsLink) in Azure's JSON shapes. The runs
 * API answers only the operator's token.
 */
export class WorkflowHost {
  private readonly runs = new Map<string, HostedRun>();
  private readonly pending = new Set<Promise<unknown>>();
  private readonly secret = randomBytes(16).toString("hex");

  private constructor(
    private readonly server: Server,
    readonly baseUrl: string,
    private readonly workflows: Map<string, HostedWorkflow>,
  ) {}

  static async start(workflows: HostedWorkflow[]): Promise<WorkflowHost> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const host = new WorkflowHost(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`, new Map(workflows.map((w) => [w.name.toLowerCase(), w])));
    server.on("request", (req, res) => {
      host.serve(req, res).catch((e: unknown) => {
        if (!res.headersSent) armError(res, 500, "InternalServerError", e instanceof Error ? e.message : String(e));
      });
    });
    for (const w of workflows) host.scheduleRecurrences(w);
    return host;
  }

  private readonly timers = new Set<NodeJS.Timeout>();
  private stopped = false;

  /**
   * Fire each Recurrence trigger at its occurrences, the waits multiplied by the time scale (0: never on its
   * own, since every occurrence would be due at once). The first is the next one after now; each later one
   * follows the one before on the trigger's own clock, whatever the scale.
   */
  private scheduleRecurrences(workflow: HostedWorkflow): void {
    const scale = workflow.run.timeScale ?? 1;
    if (!(scale > 0)) return;
    for (const [triggerName, trigger] of Object.entries(workflow.definition.triggers ?? {})) {
      if (trigger.type !== "Recurrence") continue;
      const recurrence = (trigger as { recurrence?: Recurrence }).recurrence;
      if (!recurrence) continue;
      const firstStart = new Date();
      const arm = (after: Date) => {
        if (this.stopped) return;
        const next = nextOccurrence(recurrence, after, firstStart);
        const timer = setTimeout(() => {
          this.timers.delete(timer);
          this.startRun(workflow, triggerName, trigger, undefined, {});
          arm(next);
        }, Math.max(0, (next.getTime() - after.getTime()) * scale));
        this.timers.add(timer);
      };
      arm(firstStart);
    }
  }

  /** Where `GET {managementUrl}/subscriptions/.../workflows/{name}/runs/{id}?api-version=2016-06-01` is served. */
  get managementUrl(): string {
    return this.baseUrl;
  }

  /** A signature over what it grants: for a trigger URL, the workflow, the trigger, and its api-version, sp and sv. */
  private sigOf(...parts: string[]): string {
    return createHmac("sha256", this.secret).update(parts.join("\n")).digest("base64url");
  }

  private triggerSig(workflow: string, trigger: string, query: URLSearchParams): string {
    return this.sigOf("trigger", workflow.toLowerCase(), trigger, query.get("api-version") ?? "", query.get("sp") ?? "", query.get("sv") ?? "");
  }

  /** The callback URL of a workflow's Request trigger (`manual`), signed as Azure's are with `sig`. */
  triggerUrl(workflow: string, trigger = "manual"): string {
    const query = new URLSearchParams({ "api-version": "2016-10-01", sp: `/triggers/${trigger}/run`, sv: "1.0" });
    query.set("sig", this.triggerSig(workflow, trigger, query));
    return `${this.baseUrl}/workflows/${workflow}/triggers/${trigger}/paths/invoke?${query.toString()}`;
  }

  /** Wait for every run started so far to end (tests and a clean stop). */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    await this.idle();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", this.baseUrl);
    const body = await readBody(req);
    const trigger = TRIGGER_PATH.exec(url.pathname);
    if (trigger) return this.invoke(req, res, url, decodeURIComponent(trigger[1]), decodeURIComponent(trigger[2]), body);
    const link = LINK_PATH.exec(url.pathname);
    if (link && req.method === "GET") return this.content(res, url, link[1], decodeURIComponent(link[2]), link[3] as "inputs" | "outputs");
    const runs = RUNS_PATH.exec(url.pathname);
    if (runs && req.method === "GET") {
      if (!isOperator(req.headers.authorization)) return armError(res, 401, "AuthenticationFailed", "Authentication failed. The 'Authorization' header is missing or is not the local operator's token.");
      if (url.searchParams.get("api-version") !== "2016-06-01") return armError(res, 400, "InvalidApiVersionParameter", `The api-version '${url.searchParams.get("api-version") ?? ""}' is invalid. The supported version is '2016-06-01'.`);
      return this.management(res, runs[1], decodeURIComponent(runs[2]), decodeURIComponent(runs[3]), runs[4], runs[5] === undefined ? undefined : decodeURIComponent(runs[5]), url.pathname.includes("/actions"));
    }
    armError(res, 404, "NotFound", `No local endpoint at ${req.method} ${url.pathname}.`);
  }

  private invoke(req: IncomingMessage, res: ServerResponse, url: URL, name: string, triggerName: string, text: string): void {
    const workflow = this.workflows.get(name.toLowerCase());
    if (!workflow) return armError(res, 404, "WorkflowNotFound", `The workflow '${name}' could not be found.`);
    const declared = workflow.definition.triggers?.[triggerName];
    if (!declared || declared.type !== "Request") return armError(res, 404, "WorkflowTriggerNotFound", `The workflow '${name}' has no Request trigger '${triggerName}'.`);
    if (!sameSecret(url.searchParams.get("sig") ?? "", this.triggerSig(name, triggerName, url.searchParams))) {
      return armError(res, 401, "DirectApiInvalidAuthorizationSignature", "The provided authorization token is not valid. The request should have a valid authorization header with 'Bearer' scheme or a valid 'sig' query parameter.");
    }
    // Azure: TriggerRequestMethodNotValid (observed wording; a Request trigger without a method takes POST).
    const expected = String((declared.inputs as { method?: unknown } | undefined)?.method ?? "POST").toUpperCase();
    if ((req.method ?? "").toUpperCase() !== expected) {
      return armError(res, 400, "TriggerRequestMethodNotValid", `The HTTP method for this request is not valid: expected '${expected}' and actual '${req.method ?? ""}'.`);
    }
    let body: unknown;
    try {
      body = text === "" ? undefined : JSON.parse(text);
    } catch {
      // Whether Azure refuses this or starts a run with the text is unconfirmed; refusing is the stricter.
      if (/json/i.test(req.headers["content-type"] ?? "")) return armError(res, 400, "InvalidRequestContent", "The request content is not valid JSON though its Content-Type says so.");
      body = text;
    }
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
    const id = this.startRun(workflow, triggerName, declared, body, headers);
    res.writeHead(202, { "x-ms-workflow-run-id": id, "x-ms-workflow-name": workflow.name, "Content-Length": "0" }).end();
  }

  /** Start a run of a trigger in the background (it may wait for a slot); its id at once. */
  private startRun(workflow: HostedWorkflow, triggerName: string, declared: { runtimeConfiguration?: unknown }, body: unknown, headers: Record<string, string>): string {
    const startTime = new Date();
    const id = nextRunId(startTime);
    const hosted: HostedRun = { workflow, id, trigger: triggerName, startTime: startTime.toISOString() };
    this.runs.set(id, hosted);
    const start = () =>
      runWorkflow(workflow.definition, { ...workflow.run, parameters: workflow.parameters, workflowName: workflow.name, runId: id, trigger: { name: triggerName, body, headers } }).then(
        (record) => void (hosted.record = record),
        (err: unknown) => void (hosted.failure = err instanceof Error ? err.message : String(err)),
      );
    const running = this.slots(workflow.name, triggerName, declared).run(hosted, start);
    this.pending.add(running);
    void running.finally(() => this.pending.delete(running));
    return id;
  }

  private readonly triggerSlots = new Map<string, RunSlots>();

  /** The trigger's run slots: `runtimeConfiguration.concurrency.runs` at once (unbounded without it); the rest wait. */
  private slots(workflow: string, trigger: string, declared: { runtimeConfiguration?: unknown }): RunSlots {
    const key = `${workflow.toLowerCase()}/${trigger}`;
    let slots = this.triggerSlots.get(key);
    if (!slots) {
      const runs = (declared.runtimeConfiguration as { concurrency?: { runs?: unknown } } | undefined)?.concurrency?.runs;
      slots = new RunSlots(typeof runs === "number" ? runs : Infinity);
      this.triggerSlots.set(key, slots);
    }
    return slots;
  }

  private resourceId(w: HostedWorkflow): string {
    return `/subscriptions/${w.subscriptionId}/resourceGroups/${w.resourceGroup}/providers/Microsoft.Logic/workflows/${w.name}`;
  }

  private runJson(run: HostedRun): unknown {
    const r = run.record;
    return {
      id: `${this.resourceId(run.workflow)}/runs/${run.id}`,
      name: run.id,
      type: "Microsoft.Logic/workflows/runs",
      properties: {
        status: r?.status ?? (run.failure ? "Failed" : run.waiting ? "Waiting" : "Running"),
        startTime: run.startTime,
        ...(r ? { endTime: r.endTime } : {}),
        ...(r?.error ? { error: r.error } : run.failure ? { error: { code: "LocalEngineFailure", message: run.failure } } : {}),
        trigger: { name: run.trigger },
        outputs: {},
      },
    };
  }

  private actionJson(run: HostedRun, name: string): unknown | undefined {
    const history = run.record?.actions[name];
    const last = history?.executions[history.executions.length - 1];
    if (!history || !last) return undefined;
    const link = (which: "inputs" | "outputs") =>
      last[which] === undefined ? {} : { [`${which}Link`]: { uri: `${this.baseUrl}/links/${run.id}/${encodeURIComponent(name)}/${which}?sig=${this.sigOf("link", run.id, name, which)}` } };
    return {
      id: `${this.resourceId(run.workflow)}/runs/${run.id}/actions/${name}`,
      name,
      type: "Microsoft.Logic/workflows/runs/actions",
      properties: { status: last.status, code: last.code, startTime: last.startTime, endTime: last.endTime, ...(last.error ? { error: last.error } : {}), ...link("inputs"), ...link("outputs") },
    };
  }

  private management(res: ServerResponse, subscription: string, group: string, name: string, runId: string | undefined, action: string | undefined, listActions: boolean): void {
    const workflow = this.workflows.get(name.toLowerCase());
    if (!workflow || workflow.subscriptionId !== subscription || workflow.resourceGroup.toLowerCase() !== group.toLowerCase()) {
      return armError(res, 404, "ResourceNotFound", `The Resource 'Microsoft.Logic/workflows/${name}' under resource group '${group}' was not found.`);
    }
    const ofWorkflow = [...this.runs.values()].filter((r) => r.workflow === workflow);
    if (runId === undefined) return json(res, 200, { value: ofWorkflow.sort((a, b) => a.id.localeCompare(b.id)).map((r) => this.runJson(r)) });
    const run = ofWorkflow.find((r) => r.id === runId);
    if (!run) return armError(res, 404, "WorkflowRunNotFound", `The workflow '${name}' run '${runId}' could not be found.`);
    if (!listActions) return json(res, 200, this.runJson(run));
    if (action === undefined) return json(res, 200, { value: Object.keys(run.record?.actions ?? {}).map((a) => this.actionJson(run, a)) });
    const found = this.actionJson(run, action);
    return found === undefined ? armError(res, 404, "WorkflowRunActionNotFound", `The workflow run action '${action}' could not be found.`) : json(res, 200, found);
  }

  /** An action's inputs or outputs, as run history shows them (secured values stay hidden). */
  private content(res: ServerResponse, url: URL, runId: string, action: string, which: "inputs" | "outputs"): void {
    const run = this.runs.get(runId);
    if (!run || !sameSecret(url.searchParams.get("sig") ?? "", this.sigOf("link", runId, action, which))) return armError(res, 403, "AuthorizationFailed", "The link is not valid.");
    const history = run.record?.actions[action];
    const last = history?.executions[history.executions.length - 1];
    json(res, 200, last?.[which] ?? null);
  }
}
