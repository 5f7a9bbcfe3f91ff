import { evaluateValue } from "../expression/evaluate";
import { evaluateCondition } from "../condition";
import { durationMs } from "../../../workflows/duration";
import { LIMITS } from "../../../workflows/limits";
import { isResponseStatus } from "../../../workflows/validation/actionRules";
import { ActionFailure } from "../failure";
import { RunStatus } from "../runRecord";
import { ActionHandler, objectInputs } from "./handler";
import { ActionRecord } from "../expression/scope";

export const scope: ActionHandler = async (_name, action, frame, blocks) => {
  const inner = action.actions ?? {};
  return { status: blocks.status(inner, await blocks.run(inner, frame)) };
};

export const ifAction: ActionHandler = async (name, action, frame, blocks) => {
  const result = evaluateCondition(action.expression, frame, `expression of '${name}'`);
  const taken = (result ? action.actions : action.else?.actions) ?? {};
  blocks.skipAll([result ? action.else?.actions : action.actions], frame);
  return { inputs: { expressionResult: result }, status: blocks.status(taken, await blocks.run(taken, frame)) };
};

export const switchAction: ActionHandler = async (_name, action, frame, blocks) => {
  const value = evaluateValue(action.expression, frame);
  const cases = Object.entries(action.cases ?? {});
  const match = cases.find(([, c]) => JSON.stringify(c.case) === JSON.stringify(value));
  const taken = (match ? match[1].actions : action.default?.actions) ?? {};
  blocks.skipAll([...cases.filter((c) => c !== match).map(([, c]) => c.actions), match ? action.default?.actions : undefined], frame);
  return { inputs: { expressionResult: value }, outputs: { case: match ? match[0] : "default" }, status: blocks.status(taken, await blocks.run(taken, frame)) };
};

/** A Foreach nested in another Foreach always runs its repetitions one at a time, as documented. */
function concurrencyOf(action: { operationOptions?: string; runtimeConfiguration?: { concurrency?: { repetitions?: number } } }, nested: boolean): number {
  if (nested || action.operationOptions?.toLowerCase() === "sequential") return 1;
  return action.runtimeConfiguration?.concurrency?.repetitions ?? LIMITS.foreachDefaultConcurrency;
}

/** Repetitions run `concurrency` at a time; the loop is Failed if any repetition failed. */
export const foreach: ActionHandler = async (name, action, frame, blocks) => {
  const items = evaluateValue(action.foreach, frame);
  if (!Array.isArray(items)) {
    throw new ActionFailure("InvalidTemplate", `The execution of template action '${name}' failed: the result of the evaluation of 'foreach' expression is of type '${items === null ? "Null" : typeof items}'. The result must be a valid array.`);
  }
  // Azure's wording for this limit was not found; the shape follows its message for array variables.
  if (items.length > frame.run.limits.foreachItems) {
    throw new ActionFailure("BadRequest", `The number of items in the 'foreach' of action '${name}' exceeds the limit: maximum '${frame.run.limits.foreachItems}' and actual '${items.length}'.`);
  }
  const inner = action.actions ?? {};
  const concurrency = concurrencyOf(action, frame.insideForeach());
  const topLevel = Object.keys(inner);
  const results: ActionRecord[][] = new Array(items.length);
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (next < items.length && !frame.run.terminated) {
      const index = next++;
      const repetition = frame.repetition(name, index, { value: items[index] });
      if (blocks.status(inner, await blocks.run(inner, repetition)) !== "Succeeded") failed = true;
      results[index] = repetition.ownRecords(topLevel);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  // For result('<loop>'): repetitions that never ran (the run was terminated) have no records.
  frame.setLoopResults(name, Array.from(results, (r) => r ?? []));
  return { inputs: { foreachItems: items.length }, status: failed ? "Failed" : "Succeeded" };
};

/**
 * Do-while: the body runs, then the condition is checked. As documented, a failed cycle does not stop the
 * loop; the loop ends when the condition holds, the count is reached, or a cycle ends past the timeout
 * (TimedOut), and its status is that of its last cycle.
 */
export const until: ActionHandler = async (name, action, frame, blocks) => {
  const count = Math.min(action.limit?.count ?? LIMITS.untilDefaultCount, frame.run.limits.untilCount);
  const timeout = action.limit?.timeout ?? LIMITS.untilDefaultTimeout;
  const timeoutMs = durationMs(timeout, `'${name}' limit.timeout`) * frame.run.timeScale;
  const started = Date.now();
  const inner = action.actions ?? {};
  for (let index = 0; ; index++) {
    const repetition = frame.repetition(name, index);
    const status = blocks.status(inner, await blocks.run(inner, repetition));
    repetition.publishTo(frame);
    if (frame.run.terminated) return { status: "Cancelled" };
    const last = (outputs: Record<string, unknown>) =>
      status === "Succeeded" ? { outputs } : { status, outputs, error: { code: "ActionFailed", message: `An action failed in the last repetition (${index}) of '${name}'.` } };
    if (evaluateCondition(action.expression, repetition, `expression of '${name}'`)) return last({ iterations: index + 1 });
    if (index + 1 >= count) return last({ iterations: index + 1, limitReached: "count" });
    // At time scale 0 waits take no time, so no cycle can outlast a timeout.
    if (frame.run.timeScale > 0 && Date.now() - started >= timeoutMs) return { status: "TimedOut", error: { code: "ActionTimedOut", message: `'${name}' reached its timeout of ${timeout}.` } };
  }
};

const RUN_STATUSES: readonly RunStatus[] = ["Failed", "Cancelled", "Succeeded"];

/** Ends the whole run with the given status; actions not yet started never run. */
export const terminate: ActionHandler = async (name, action, frame) => {
  const inputs = evaluateValue(objectInputs(action.inputs, "Terminate"), frame) as { runStatus?: unknown; runError?: { code?: unknown; message?: unknown } };
  const status = RUN_STATUSES.find((s) => s === inputs.runStatus);
  if (!status) throw new ActionFailure("InvalidTemplate", `'${name}': runStatus must be Failed, Cancelled or Succeeded, got ${JSON.stringify(inputs.runStatus)}.`);
  const error = status === "Failed" ? { code: String(inputs.runError?.code ?? "Terminated"), message: String(inputs.runError?.message ?? "") } : undefined;
  frame.run.terminated ??= { status, error };
  return { inputs };
};

export const response: ActionHandler = async (name, action, frame) => {
  const inputs = evaluateValue(objectInputs(action.inputs, "Response"), frame) as { statusCode?: unknown; headers?: Record<string, unknown>; body?: unknown };
  const statusCode = Number(inputs.statusCode ?? 200);
  if (!isResponseStatus(statusCode)) throw new ActionFailure("InvalidTemplate", `'${name}': statusCode must be a 2xx, 4xx or 5xx status, got ${JSON.stringify(inputs.statusCode)}.`);
  if (frame.run.response) throw new ActionFailure("InvalidTemplate", `'${name}': the run already sent its response.`);
  frame.run.response = { statusCode, headers: inputs.headers, body: inputs.body };
  return { inputs, outputs: { statusCode, headers: inputs.headers, body: inputs.body } };
};
