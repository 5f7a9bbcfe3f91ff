import { ActionRecord, ExpressionScope, TriggerRecord } from "../../../../local/engine/expression/scope";

/** An ExpressionScope over plain maps, for evaluating expressions without running a workflow. */
export function fakeScope(state: {
  parameters?: Record<string, unknown>;
  variables?: Record<string, unknown>;
  actions?: Record<string, ActionRecord>;
  trigger?: TriggerRecord;
  item?: unknown;
  now?: Date;
} = {}): ExpressionScope {
  const missing = (what: string): never => {
    throw new Error(what);
  };
  return {
    parameter: (n) => (state.parameters && n in state.parameters ? state.parameters[n] : missing(`no parameter ${n}`)),
    variable: (n) => (state.variables && n in state.variables ? state.variables[n] : missing(`no variable ${n}`)),
    action: (n) => state.actions?.[n] ?? missing(`no action ${n}`),
    trigger: () => state.trigger ?? { name: "manual", outputs: { body: null }, startTime: "", endTime: "" },
    loopItem: (n) => (n === "Loop" ? state.item : missing(`not in ${n}`)),
    currentItem: () => state.item,
    iterationIndex: () => 0,
    workflow: () => ({ name: "wf", run: { name: "run-1" } }),
    result: () => Object.values(state.actions ?? {}),
    now: () => state.now ?? new Date("2018-03-15T13:27:36.123Z"),
  };
}
