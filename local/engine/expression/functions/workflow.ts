import { str } from "./args";
import type { FunctionImpl } from "../functions";
import { ActionRecord } from "../scope";

/** `outputs.body` of an action record; null when it has none (a failed call without a body). */
function bodyOf(record: ActionRecord): unknown {
  const out = record.outputs;
  return out !== null && typeof out === "object" && !Array.isArray(out) && "body" in out ? (out as { body: unknown }).body ?? null : null;
}

export const WORKFLOW_FUNCTIONS: Record<string, FunctionImpl> = {
  actions: ([n], scope) => scope.action(str("actions", n)),
  body: ([n], scope) => bodyOf(scope.action(str("body", n))),
  actionBody: ([n], scope) => bodyOf(scope.action(str("actionBody", n))),
  outputs: ([n], scope) => scope.action(str("outputs", n)).outputs ?? null,
  actionOutputs: ([n], scope) => scope.action(str("actionOutputs", n)).outputs ?? null,
  items: ([n], scope) => scope.loopItem(str("items", n)),
  item: (_args, scope) => scope.currentItem(),
  iterationIndexes: ([n], scope) => scope.iterationIndex(str("iterationIndexes", n)),
  variables: ([n], scope) => scope.variable(str("variables", n)),
  parameters: ([n], scope) => scope.parameter(str("parameters", n)),
  trigger: (_args, scope) => scope.trigger(),
  triggerBody: (_args, scope) => scope.trigger().outputs.body ?? null,
  triggerOutputs: (_args, scope) => scope.trigger().outputs,
  workflow: (_args, scope) => scope.workflow(),
  result: ([n], scope) => scope.result(str("result", n)),
};
