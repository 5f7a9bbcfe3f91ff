/**
 * The guide's workflow functions, read through the ExpressionScope the engine implements; names are passed
 * as given (the scope decides whether case matters). body(x) is actions(x).outputs.body and outputs(x) is
 * actions(x).outputs; actionBody and actionOutputs are the older spellings. A record without outputs (a
 * skipped action) gives null, as does an outputs value without a body.
 */
import { ActionRecord } from "../scope";
import { isObject } from "../values";
import { FunctionImpl, stringArg } from "./args";

function bodyOf(record: ActionRecord): unknown {
  const outputs = record.outputs;
  return isObject(outputs) ? (outputs.body ?? null) : null;
}

const body: FunctionImpl = (args, call) => bodyOf(call.scope.action(stringArg(call, args, 0)));
const outputs: FunctionImpl = (args, call) => call.scope.action(stringArg(call, args, 0)).outputs ?? null;

export const WORKFLOW_FUNCTIONS: Record<string, FunctionImpl> = {
  actions: (args, call) => call.scope.action(stringArg(call, args, 0)),
  body,
  actionBody: body,
  outputs,
  actionOutputs: outputs,
  items: (args, call) => call.scope.loopItem(stringArg(call, args, 0)),
  item: (_args, call) => call.scope.currentItem(),
  iterationIndexes: (args, call) => call.scope.iterationIndex(stringArg(call, args, 0)),
  variables: (args, call) => call.scope.variable(stringArg(call, args, 0)),
  parameters: (args, call) => call.scope.parameter(stringArg(call, args, 0)),
  trigger: (_args, call) => call.scope.trigger(),
  triggerBody: (_args, call) => call.scope.trigger().outputs.body ?? null,
  triggerOutputs: (_args, call) => call.scope.trigger().outputs,
  workflow: (_args, call) => call.scope.workflow(),
  result: (args, call) => call.scope.result(stringArg(call, args, 0)),
};
