import { ActionStatus } from "./expression/scope";

/** What run history shows in place of inputs or outputs that `secureData` hides. */
export const SECURED = "[secured]";

export type RunStatus = "Succeeded" | "Failed" | "Cancelled" | "TimedOut";

export interface RunError {
  code: string;
  message: string;
}

/** One execution of an action: once at top level, once per iteration inside loops. */
export interface ActionExecution {
  status: ActionStatus;
  code?: string;
  error?: RunError;
  startTime: string;
  endTime: string;
  /** As run history shows them: `"[secured]"` where secureData hides them. */
  inputs?: unknown;
  outputs?: unknown;
  /** Attempts beyond the first made under the retry policy. */
  retries?: number;
}

export interface ActionHistory {
  type: string;
  /** The last execution's status; for an action in a loop, Failed if any repetition failed. */
  status: ActionStatus;
  /** Executions in start order: one outside loops, one per repetition inside them. */
  executions: ActionExecution[];
}

export interface RunCounters {
  /** Action executions, as Azure bills Consumption workflows (each loop repetition counts). */
  actionExecutions: number;
  /** Outbound HTTP requests of Http actions, retries included. */
  httpRequests: number;
  httpByStatus: Record<string, number>;
  /** Calls through managed connectors (ApiConnection), retries included. */
  connectorCalls: number;
  /** Attempts repeated under retry policies. */
  retries: number;
  /** Bytes of inputs and outputs of every action execution, as Azure measures them for its data limits. */
  contentBytes: number;
  /** The biggest single input or output of the run, and whose it was. */
  largestContent: { action: string; side: "inputs" | "outputs"; bytes: number };
}

export interface RunRecord {
  id: string;
  status: RunStatus;
  error?: RunError;
  startTime: string;
  endTime: string;
  trigger: { name: string; type: string; outputs: unknown };
  actions: Record<string, ActionHistory>;
  counters: RunCounters;
  /** The body a Response action returned to the Request trigger's caller, if any. */
  response?: { statusCode: number; headers?: Record<string, unknown>; body?: unknown };
}

export function emptyCounters(): RunCounters {
  return { actionExecutions: 0, httpRequests: 0, httpByStatus: {}, connectorCalls: 0, retries: 0, contentBytes: 0, largestContent: { action: "", side: "inputs", bytes: 0 } };
}
