import { RunLimits } from "../runLimits";
/**
 * What an expression sees while the engine evaluates one action's inputs. The engine implements it; the
 * evaluator only reads through it, so the evaluator stays independent of how runs are stored.
 */

/** An action's status as run history reports it. */
export type ActionStatus = "Succeeded" | "Failed" | "Skipped" | "TimedOut" | "Cancelled" | "Aborted";

/**
 * What `actions('<name>')` returns (and `result('<scope>')` lists): the run-history record of one action.
 * `outputs` has the action type's own shape: `{statusCode, headers, body}` for Http and ApiConnection,
 * `{body}` for ParseJson, Query, Select and JavaScriptCode, the composed value itself for Compose.
 */
export interface ActionRecord {
  name: string;
  status: ActionStatus;
  /** Set for Http and ApiConnection: the HTTP status code as a string, e.g. "OK"; else the status. */
  code?: string;
  inputs?: unknown;
  outputs?: unknown;
  error?: { code: string; message: string };
  startTime?: string;
  endTime?: string;
}

/** One entry of result() over a Foreach, as documented: an action of the loop and its record in each repetition. */
export interface LoopResult {
  name: string;
  outputs: ActionRecord[];
}

/**
 * How result() over a Foreach is shaped: "documented" as the functions reference shows it (one entry per
 * action of the loop, its repetitions under `outputs`), or "flat" (every repetition's records in one list).
 */
export type LoopResultReading = "documented" | "flat";

export interface TriggerRecord {
  name: string;
  inputs?: unknown;
  /** `{headers, body}` for a Request trigger. */
  outputs: { headers?: Record<string, string>; body?: unknown };
  startTime: string;
  endTime: string;
}

export interface ExpressionScope {
  /** Throws EvaluationError when the workflow declares no such parameter. */
  parameter(name: string): unknown;
  /** Throws when the variable was never initialised. */
  variable(name: string): unknown;
  /** Throws when the action does not exist or has not run yet. */
  action(name: string): ActionRecord;
  trigger(): TriggerRecord;
  /** `items('<loop>')`: the current item of that enclosing Foreach; throws when there is none. */
  loopItem(loopName: string): unknown;
  /** `item()`: the current item of the innermost Foreach, or of the Query/Select being evaluated. */
  currentItem(): unknown;
  /** `iterationIndexes('<until loop>')`. */
  iterationIndex(loopName: string): number;
  /** `workflow()`: `{id, name, type, location, run: {id, name, type}}`. */
  workflow(): unknown;
  /** `result('<scope>')`: the records of the scope's top-level actions. */
  result(scopeName: string): ActionRecord[] | LoopResult[];
  /** The clock for utcNow() and friends, so tests can fix it. */
  now(): Date;
  /** Which functions the 131,072-character expression evaluation limit covers in this run (see limits.ts). */
  expressionLimit(): ExpressionLimitReading;
  /** Azure's run-time limits as this run enforces them (lowered in scaled-down tests). */
  runLimits(): RunLimits;
}

/**
 * The limits page states the 131,072-character expression evaluation limit for concat(), base64() and
 * string(); whether it also covers base64ToString() and json() is unconfirmed (MicrosoftDocs/azure-docs
 * #55575, unanswered). "documented" applies it to the three functions the page names; "strict" to the two
 * decoders and to join() and replace() as well.
 */
export type ExpressionLimitReading = "documented" | "strict";
