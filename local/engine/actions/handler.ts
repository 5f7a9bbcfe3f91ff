import { ActionStatus } from "../expression/scope";
import { ActionJson } from "../../../workflows/definitionJson";
import { Frame } from "../frame";
import { RunError } from "../runRecord";

/** What an action handler reports; a thrown ActionFailure or EvaluationError means Failed. */
export interface Outcome {
  status?: ActionStatus;
  inputs?: unknown;
  outputs?: unknown;
  code?: string;
  error?: RunError;
  retries?: number;
  /** Inputs for run history when they differ from what expressions see (Http hides its Authorization header). */
  historyInputs?: unknown;
}

/** How container actions run their inner blocks (passed in, so handlers and the executor do not import each other). */
export interface BlockRunner {
  run(actions: Record<string, ActionJson>, frame: Frame): Promise<Map<string, ActionStatus>>;
  status(actions: Record<string, ActionJson>, statuses: Map<string, ActionStatus>): ActionStatus;
  skipAll(blocks: Array<Record<string, ActionJson> | undefined>, frame: Frame): void;
}

export type ActionHandler = (name: string, action: ActionJson, frame: Frame, blocks: BlockRunner) => Promise<Outcome>;

/** An object-typed `inputs`, or a failure naming the action type. */
export function objectInputs(value: unknown, type: string): Record<string, unknown> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new Error(`${type} inputs must be an object`);
  }
  return value as Record<string, unknown>;
}
