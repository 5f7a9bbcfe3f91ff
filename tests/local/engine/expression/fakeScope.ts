import { AZURE_RUN_LIMITS } from "../../../../local/engine/runLimits";
import { expect } from "chai";
import { EvaluationError, evaluateString } from "../../../../local/engine/expression/evaluate";
import { ActionRecord, ExpressionLimitReading, ExpressionScope, TriggerRecord } from "../../../../local/engine/expression/scope";

/** Workflow state for a fake scope; whatever is left out is missing, and reading it fails like the engine does. */
export interface FakeState {
  parameters?: Record<string, unknown>;
  variables?: Record<string, unknown>;
  actions?: Record<string, ActionRecord>;
  trigger?: TriggerRecord;
  /** What item() gives. */
  item?: unknown;
  /** items('<loop>') by loop name. */
  loops?: Record<string, unknown>;
  /** iterationIndexes('<loop>') by loop name. */
  iterations?: Record<string, number>;
  /** result('<scope>') by scope name. */
  results?: Record<string, ActionRecord[]>;
  workflow?: unknown;
  now?: Date;
  /** Default "strict", as in the engine. */
  expressionLimit?: ExpressionLimitReading;
}

const DEFAULT_NOW = new Date("2018-03-15T13:27:36.123Z");

/** An ExpressionScope over plain maps, for evaluating expressions without running a workflow. */
export function fakeScope(state: FakeState = {}): ExpressionScope {
  const lookup = <T>(map: Record<string, T> | undefined, name: string, missing: string): T => {
    if (map && Object.prototype.hasOwnProperty.call(map, name)) return map[name];
    throw new EvaluationError(missing);
  };
  return {
    parameter: (n) => lookup(state.parameters, n, `The workflow parameter '${n}' is not found.`),
    variable: (n) => lookup(state.variables, n, `The variable '${n}' is not initialized.`),
    action: (n) => lookup(state.actions, n, `The template action '${n}' is not defined in the workflow.`),
    trigger: () => state.trigger ?? { name: "manual", outputs: {}, startTime: "2018-03-15T13:00:00Z", endTime: "2018-03-15T13:00:00Z" },
    loopItem: (n) => lookup(state.loops, n, `items('${n}'): the action is not inside the Foreach '${n}'.`),
    currentItem: () => {
      if (!("item" in state)) throw new EvaluationError("item() can only be used inside a Foreach loop.");
      return state.item;
    },
    iterationIndex: (n) => lookup(state.iterations, n, `iterationIndexes('${n}'): the action is not inside the loop '${n}'.`),
    workflow: () => state.workflow ?? { name: "wf", run: { name: "run-1" } },
    result: (n) => lookup(state.results, n, `result('${n}'): there is no action '${n}'.`),
    now: () => state.now ?? DEFAULT_NOW,
    expressionLimit: () => state.expressionLimit ?? "strict",
    runLimits: () => AZURE_RUN_LIMITS,
  };
}

/** The value of the expression body `text` (no leading @) against a fake scope. */
export function ev(text: string, state: FakeState = {}): unknown {
  return evaluateString(`@${text}`, fakeScope(state));
}

/** The EvaluationError message the expression body `text` fails with; fails the test if it succeeds. */
export function errorOf(text: string, state: FakeState = {}): string {
  try {
    ev(text, state);
  } catch (err) {
    expect(err).to.be.instanceOf(EvaluationError);
    return (err as Error).message;
  }
  throw new Error(`expected @${text} to fail`);
}
