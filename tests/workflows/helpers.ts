import { Action, Actions, ForeachAction, HttpAction, UntilAction, WorkflowDefinition } from "../../workflows/definition";

/** One action of a rendered definition, found by an independent walk (not the validator's). */
export interface Found {
  name: string;
  action: Action;
  /** The `actions` map the action sits in, so its siblings (runAfter targets) can be looked up. */
  siblings: Actions;
}

function branchesOf(action: Action): Actions[] {
  const a = action as Action & { actions?: Actions; else?: { actions: Actions } };
  return [a.actions, a.else?.actions].filter((b): b is Actions => b !== undefined);
}

/** Every action at any depth. */
export function everyAction(definition: WorkflowDefinition): Found[] {
  const out: Found[] = [];
  const walk = (actions: Actions) => {
    for (const [name, action] of Object.entries(actions)) {
      out.push({ name, action, siblings: actions });
      branchesOf(action).forEach(walk);
    }
  };
  walk(definition.actions);
  return out;
}

/** The action called `name` at any depth; fails the test if there is not exactly one. */
export function find(definition: WorkflowDefinition, name: string): Found {
  const hits = everyAction(definition).filter((f) => f.name === name);
  if (hits.length !== 1) throw new Error(`expected one action named '${name}', found ${hits.length}`);
  return hits[0];
}

export function ofType<T extends Action["type"]>(definition: WorkflowDefinition, type: T): Array<Found & { action: Extract<Action, { type: T }> }> {
  return everyAction(definition).filter((f): f is Found & { action: Extract<Action, { type: T }> } => f.action.type === type);
}

export const httpActions = (d: WorkflowDefinition): Array<Found & { action: HttpAction }> => ofType(d, "Http");
export const untilLoops = (d: WorkflowDefinition): Array<Found & { action: UntilAction }> => ofType(d, "Until");
export const foreachLoops = (d: WorkflowDefinition): Array<Found & { action: ForeachAction }> => ofType(d, "Foreach");

/** Names of the top-level actions that run after `name` (in any status). */
export function successorsOf(definition: WorkflowDefinition, name: string): string[] {
  return Object.entries(definition.actions)
    .filter(([, a]) => Object.keys(a.runAfter ?? {}).includes(name))
    .map(([n]) => n);
}

/**
 * Order `names` (top-level actions) by following runAfter: each must run after exactly the previous one.
 * Fails the test when the chain is broken or branches.
 */
export function chainOrder(definition: WorkflowDefinition, names: string[]): string[] {
  const set = new Set(names);
  const first = names.filter((n) => !Object.keys(definition.actions[n].runAfter ?? {}).some((t) => set.has(t)));
  if (first.length !== 1) throw new Error(`expected one first action among ${names.join(", ")}, found ${first.join(", ")}`);
  const order = [first[0]];
  while (order.length < names.length) {
    const next = names.filter((n) => Object.keys(definition.actions[n].runAfter ?? {}).includes(order[order.length - 1]));
    if (next.length !== 1) throw new Error(`after ${order[order.length - 1]}: expected one successor, found ${next.join(", ") || "none"}`);
    order.push(next[0]);
  }
  return order;
}

/** Every top-level action that must finish before `name` starts, following runAfter transitively. */
export function ancestorsOf(definition: WorkflowDefinition, name: string): Set<string> {
  const out = new Set<string>();
  const visit = (n: string) => {
    for (const dep of Object.keys(definition.actions[n]?.runAfter ?? {})) if (!out.has(dep)) (out.add(dep), visit(dep));
  };
  visit(name);
  return out;
}

/** `names` in the order runAfter forces on them; throws unless each one waits for the one before it. */
export function sequenceOf(definition: WorkflowDefinition, names: string[]): string[] {
  const order = [...names].sort((a, b) => ancestorsOf(definition, a).size - ancestorsOf(definition, b).size);
  order.slice(1).forEach((n, i) => {
    if (!ancestorsOf(definition, n).has(order[i])) throw new Error(`${n} does not wait for ${order[i]}`);
  });
  return order;
}
