import * as vm from "node:vm";
import { ActionFailure } from "../failure";
import { ActionHandler, objectInputs } from "./handler";


/** Actions the code reads: `workflowContext.actions.X`, `workflowContext.actions['X']`, plus explicit dependencies. */
function referencedActions(code: string, explicit: unknown): string[] {
  const names = new Set<string>(Array.isArray(explicit) ? explicit.map(String) : []);
  for (const m of code.matchAll(/workflowContext\s*\.\s*actions\s*(?:\.\s*([A-Za-z_$][\w$]*)|\[\s*(["'])(.*?)\2\s*\])/g)) names.add(m[1] ?? m[3]);
  return [...names];
}

/**
 * Runs the code as the body of a function in a fresh V8 context with `workflowContext` (the referenced
 * actions' records, the trigger and workflow()), no require(), and the 5-second limit. Its return value is
 * the action's `body`.
 */
export const javaScriptCode: ActionHandler = async (name, action, frame) => {
  const inputs = objectInputs(action.inputs, "JavaScriptCode") as { code?: unknown; explicitDependencies?: { actions?: unknown; includeTrigger?: unknown } };
  const code = inputs.code;
  if (typeof code !== "string") throw new ActionFailure("InvalidTemplate", `'${name}': inputs.code must be a string.`);
  const actions: Record<string, unknown> = {};
  for (const a of referencedActions(code, inputs.explicitDependencies?.actions)) actions[a] = frame.action(a);
  // Copied through JSON so the code can neither see nor change the engine's own objects.
  const workflowContext = JSON.parse(JSON.stringify({ actions, trigger: frame.trigger(), workflow: frame.workflow() }));
  let result: unknown;
  try {
    result = vm.runInNewContext(`(function () {\n${code}\n})()`, { workflowContext }, { timeout: frame.run.limits.inlineCodeTimeoutMs, filename: `${name}.js` });
    if (result && typeof (result as PromiseLike<unknown>).then === "function") {
      result = await Promise.race([
        result as PromiseLike<unknown>,
        new Promise((_, reject) => setTimeout(() => reject(new Error(`timed out after ${frame.run.limits.inlineCodeTimeoutMs} ms`)), frame.run.limits.inlineCodeTimeoutMs)),
      ]);
    }
  } catch (err) {
    throw new ActionFailure("InlineCodeScriptRuntimeFailure", `The inline code of '${name}' failed: ${(err as Error).message}`);
  }
  const body = result === undefined ? null : JSON.parse(JSON.stringify(result));
  return { inputs: { code }, outputs: { body } };
};
