import { randomUUID } from "node:crypto";
import { ActionThrottle } from "./actionThrottle";
import { Connector } from "./connector";
import { RunLimits, runLimits } from "./runLimits";
import { ActionExecution, ActionHistory, RunCounters, RunError, RunStatus, emptyCounters } from "./runRecord";
import { ActionEvent, ManagedIdentity, RunOptions } from "./runOptions";
import { ExpressionLimitReading, LoopResultReading, TriggerRecord } from "./expression/scope";
import { ActionJson, DefinitionJson } from "../../workflows/definitionJson";

/** .NET ticks: 100 ns since 0001-01-01; DateTime.MaxValue is 3155378975999999999. */
const TICKS_AT_UNIX_EPOCH = 621_355_968_000_000_000n;
const MAX_TICKS = 3_155_378_975_999_999_999n;
let lastTicks = 0n;

/**
 * Azure's run ids (08584...CU00) shrink as time goes on: they start with the ticks left until DateTime.MaxValue
 * (observed: later runs have smaller ids). So do these, strictly, even for runs in the same millisecond; a
 * backup's name ends in its run id, and names of the same second sort newest first only because of this.
 */
export function nextRunId(now: Date): string {
  let ticks = BigInt(now.getTime()) * 10_000n + TICKS_AT_UNIX_EPOCH;
  if (ticks <= lastTicks) ticks = lastTicks + 1n;
  lastTicks = ticks;
  const random = parseInt(randomUUID().slice(0, 6), 16) % 10_000_000;
  return `0${String(MAX_TICKS - ticks).padStart(19, "0")}${String(random).padStart(7, "0")}CU00`;
}

/** State shared by every action of one run. */
export class RunContext {
  readonly runId: string;
  /** Variable values and declared types by lower-cased name: variable names are case-insensitive. */
  readonly variables = new Map<string, unknown>();
  readonly variableTypes = new Map<string, string>();
  /** Characters each variable holds, kept as appends grow it, for Azure's variable size limit. */
  readonly variableSizes = new Map<string, number>();
  /** Without a prototype: an action may be called `constructor` or `__proto__`. */
  readonly history: Record<string, ActionHistory> = Object.create(null);
  readonly counters: RunCounters = emptyCounters();
  /** Every action of the definition by name, at any depth: for result() and for the type of each record. */
  readonly index = new Map<string, ActionJson>();
  terminated?: { status: RunStatus; error?: RunError };
  response?: { statusCode: number; headers?: Record<string, unknown>; body?: unknown };
  readonly timeScale: number;
  readonly now: () => Date;
  readonly random: () => number;
  readonly connectors: Record<string, Connector>;
  readonly workflowName: string;
  readonly identity: ManagedIdentity | null;
  readonly expressionLimit: ExpressionLimitReading;
  readonly loopResults: LoopResultReading;
  readonly allowRemoteHosts: boolean;
  readonly hostRoutes: Record<string, string>;
  readonly actionThrottle: ActionThrottle;
  readonly limits: RunLimits;

  constructor(
    readonly definition: DefinitionJson,
    readonly parameters: Map<string, unknown>,
    readonly trigger: TriggerRecord,
    private readonly options: RunOptions,
  ) {
    this.timeScale = options.timeScale ?? 1;
    this.now = options.now ?? (() => new Date());
    this.random = options.random ?? Math.random;
    this.connectors = options.connectors ?? {};
    this.workflowName = options.workflowName ?? "local-workflow";
    this.identity = options.identity === undefined ? { principalId: `local-managed-identity-${this.workflowName}` } : options.identity;
    this.expressionLimit = options.expressionLimit ?? "strict";
    this.loopResults = options.loopResults ?? "documented";
    this.allowRemoteHosts = options.allowRemoteHosts ?? false;
    this.hostRoutes = Object.fromEntries(Object.entries(options.hostRoutes ?? {}).map(([h, url]) => [h.toLowerCase(), url]));
    this.runId = options.runId ?? nextRunId(this.now());
    this.actionThrottle = options.actionThrottle ?? new ActionThrottle(undefined, this.timeScale);
    this.limits = runLimits(options.limits);
  }

  /** Scaled sleep: retry intervals and waits keep their ratios but take timeScale of the time. */
  sleep(ms: number): Promise<void> {
    const scaled = ms * this.timeScale;
    return scaled <= 0 ? Promise.resolve() : new Promise((resolve) => setTimeout(resolve, scaled));
  }

  record(name: string, type: string, execution: ActionExecution, path: number[]): void {
    const h = (this.history[name] ??= { type, status: execution.status, executions: [] });
    h.executions.push(execution);
    // In a loop, one failed repetition marks the action Failed, as the designer's summary does.
    h.status = h.status === "Failed" && path.length > 0 ? "Failed" : execution.status;
    this.counters.actionExecutions += execution.status === "Skipped" ? 0 : 1;
    this.options.onAction?.({ name, status: execution.status, path } satisfies ActionEvent);
  }

  workflow(): unknown {
    const id = `/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/local/providers/Microsoft.Logic/workflows/${this.workflowName}`;
    return {
      id,
      name: this.workflowName,
      type: "Microsoft.Logic/workflows",
      location: "local",
      run: { id: `${id}/runs/${this.runId}`, name: this.runId, type: "Microsoft.Logic/workflows/runs" },
    };
  }
}
