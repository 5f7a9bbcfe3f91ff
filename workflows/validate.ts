import { Action, Actions, Json, WorkflowDefinition, childBranches } from "./definition";
import { ExpressionNode, FunctionCall } from "./expression/ast";
import { forEachCall, parseTemplate } from "./expression/parser";
import { lookupFunction } from "./expression/functions";

export interface ValidationProblem {
  /** Where: `actions.Scope.actions.Child.inputs.uri`, `triggers.manual`, ... */
  path: string;
  message: string;
}

/** Azure's limits for Consumption workflows (logic-apps-limits-and-config). */
export const LIMITS = {
  actionsPerWorkflow: 500,
  nestingDepth: 8,
  expressionCharacters: 8192,
  inlineCodeCharacters: 1024,
  untilCount: 5000,
  foreachConcurrency: 50,
  retryCount: 90,
} as const;

const RUN_AFTER_STATUSES = new Set(["Succeeded", "Failed", "Skipped", "TimedOut"]);
const CONTAINERS = new Set(["Foreach", "Until", "If", "Scope", "Switch"]);
const LOOPS = new Set(["Foreach", "Until"]);
const INPUTS_ONLY_SECURE = new Set(["Compose", "ParseJson", "Response"]);
/** Functions whose first argument names an action (or, for items(), an enclosing Foreach). */
const ACTION_REFERENCES = new Set(["actions", "body", "outputs", "result", "actionbody", "actionoutputs", "items", "iterationindexes"]);
const VARIABLE_ACTIONS = new Set(["SetVariable", "AppendToArrayVariable", "AppendToStringVariable", "IncrementVariable", "DecrementVariable"]);
const ISO_DURATION = /^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/;

interface Located {
  name: string;
  action: Action;
  path: string;
  depth: number;
  /** Names of enclosing Foreach actions, innermost last. */
  loops: string[];
  /** The top-level action this one is (or sits inside). */
  topLevel: string;
}

/** Check a definition for what Azure would reject, or what would fail at run time for certain. */
export function validateDefinition(definition: WorkflowDefinition): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  const report = (path: string, message: string) => problems.push({ path, message });

  if (!/^\d+\.\d+\.\d+\.\d+$/.test(definition.contentVersion ?? "")) report("contentVersion", "must look like 1.0.0.0");
  if (Object.keys(definition.triggers ?? {}).length === 0) report("triggers", "a workflow needs at least one trigger");

  const located = locate(definition.actions ?? {}, "actions", 1, [], undefined, problems);
  if (located.length > LIMITS.actionsPerWorkflow) report("actions", `${located.length} actions exceed Azure's limit of ${LIMITS.actionsPerWorkflow}`);
  const byName = new Map<string, Located>();
  for (const l of located) {
    if (byName.has(l.name)) report(l.path, `action name '${l.name}' is also used at ${byName.get(l.name)!.path}; names must be unique across the workflow`);
    else byName.set(l.name, l);
  }

  checkRunAfter(definition.actions ?? {}, "actions", report);
  for (const l of located) checkAction(l, report);

  const declaredVariables = topLevelVariables(definition.actions ?? {});
  const ancestors = topLevelAncestors(definition.actions ?? {});
  const useVariable = (l: Located, path: string, variable: string) => {
    const declaredBy = declaredVariables.get(variable);
    if (!declaredBy) report(path, `variable '${variable}' is never initialised by a top-level InitializeVariable`);
    else if (!ancestors.get(l.topLevel)?.has(declaredBy)) {
      report(path, `variable '${variable}' is used before '${declaredBy}' initialises it (add it to this action's runAfter chain)`);
    }
  };

  const checkTemplates = (value: Json | undefined, path: string, l: Located | undefined) => {
    walkStrings(value, path, (text, at) => {
      for (const call of calls(text, at, report)) checkCall(call, at, l);
    });
  };
  const checkCall = (call: FunctionCall, path: string, l: Located | undefined) => {
    const fn = lookupFunction(call.name);
    if (!fn) {
      report(path, `unknown function '${call.name}'`);
      return;
    }
    if (call.args.length < fn.minArgs || call.args.length > fn.maxArgs) {
      const range = fn.maxArgs === Infinity ? `at least ${fn.minArgs}` : fn.minArgs === fn.maxArgs ? `${fn.minArgs}` : `${fn.minArgs}-${fn.maxArgs}`;
      report(path, `function '${call.name}' takes ${range} argument(s), got ${call.args.length}`);
    }
    const first = stringLiteral(call.args[0]);
    const lower = call.name.toLowerCase();
    if (first === undefined) return;
    if (lower === "parameters" && !(first in (definition.parameters ?? {}))) report(path, `parameter '${first}' is not declared`);
    if (lower === "variables" && l) useVariable(l, path, first);
    if (lower === "items" && l && !l.loops.includes(first)) report(path, `items('${first}') is used outside that Foreach`);
    else if (ACTION_REFERENCES.has(lower) && !byName.has(first)) report(path, `action '${first}' referenced by ${call.name}() does not exist`);
  };

  for (const [name, trigger] of Object.entries(definition.triggers ?? {})) checkTemplates(trigger as unknown as Json, `triggers.${name}`, undefined);
  for (const l of located) {
    const { actions: _a, else: _e, cases: _c, default: _d, runAfter: _r, ...own } = l.action as Action & Record<string, unknown>;
    checkTemplates(own as Json, l.path, l);
    if (l.action.type === "InitializeVariable" && l.depth > 1) report(l.path, "InitializeVariable is only allowed at the top level of a workflow");
    if (VARIABLE_ACTIONS.has(l.action.type)) useVariable(l, `${l.path}.inputs.name`, (l.action as { inputs: { name: string } }).inputs.name);
    if (l.action.type === "SetVariable" || l.action.type === "AppendToArrayVariable" || l.action.type === "AppendToStringVariable") checkSelfReference(l, report);
  }
  return problems;
}

/** Azure refuses a variable action whose value reads the variable it changes ("Self reference is not supported"). */
function checkSelfReference(l: Located, report: (path: string, message: string) => void): void {
  const inputs = (l.action as { inputs: { name: string; value?: Json } }).inputs;
  const reads = new Set<string>();
  const visit = (value: Json | undefined): void => {
    if (typeof value === "string" && value.includes("@")) {
      try {
        forEachCall(parseTemplate(value), (call) => {
          const arg = call.args[0];
          if (call.name.toLowerCase() === "variables" && arg?.kind === "string") reads.add(arg.value);
        });
      } catch {
        // Syntax errors are reported by the template check.
      }
    } else if (Array.isArray(value)) value.forEach(visit);
    else if (value !== null && typeof value === "object") Object.values(value).forEach(visit);
  };
  visit(inputs.value);
  if (reads.has(inputs.name)) report(`${l.path}.inputs.value`, `${l.action.type} cannot read the variable '${inputs.name}' it changes; compose the new value in an earlier action`);
}

function locate(actions: Actions, path: string, depth: number, loops: string[], topLevel: string | undefined, problems: ValidationProblem[]): Located[] {
  const out: Located[] = [];
  for (const [name, action] of Object.entries(actions)) {
    const here = `${path}.${name}`;
    if (depth > LIMITS.nestingDepth) problems.push({ path: here, message: `nesting depth ${depth} exceeds Azure's limit of ${LIMITS.nestingDepth}` });
    const l: Located = { name, action, path: here, depth, loops, topLevel: topLevel ?? name };
    out.push(l);
    const inner = action.type === "Foreach" ? [...loops, name] : loops;
    const innerLoops = LOOPS.has(action.type) ? [...inner, `#${action.type}`] : inner;
    childBranches(action).forEach((branch, i) => {
      out.push(...locate(branch, branchPath(here, action, i), depth + 1, innerLoops, l.topLevel, problems));
    });
  }
  return out;
}

/** The definition path of the i-th branch that childBranches() returns for this action. */
function branchPath(here: string, action: Action, i: number): string {
  if (action.type === "If" && i === 1) return `${here}.else.actions`;
  if (action.type === "Switch") {
    const cases = Object.keys(action.cases);
    return i < cases.length ? `${here}.cases.${cases[i]}.actions` : `${here}.default.actions`;
  }
  return `${here}.actions`;
}

function checkRunAfter(actions: Actions, path: string, report: (path: string, message: string) => void): void {
  const names = new Set(Object.keys(actions));
  for (const [name, action] of Object.entries(actions)) {
    for (const [target, statuses] of Object.entries(action.runAfter ?? {})) {
      if (!names.has(target)) report(`${path}.${name}.runAfter`, `runs after '${target}', which is not an action in the same scope`);
      for (const s of statuses) if (!RUN_AFTER_STATUSES.has(s)) report(`${path}.${name}.runAfter`, `'${s}' is not a runAfter status (Succeeded, Failed, Skipped, TimedOut)`);
      if (statuses.length === 0) report(`${path}.${name}.runAfter`, `runAfter '${target}' lists no status`);
    }
    childBranches(action).forEach((branch, i) => checkRunAfter(branch, branchPath(`${path}.${name}`, action, i), report));
  }
  const cycle = findCycle(actions);
  if (cycle) report(path, `runAfter cycle: ${cycle.join(" -> ")}`);
}

function findCycle(actions: Actions): string[] | undefined {
  const state = new Map<string, "visiting" | "done">();
  const visit = (name: string, trail: string[]): string[] | undefined => {
    if (state.get(name) === "done" || !actions[name]) return undefined;
    if (state.get(name) === "visiting") return [...trail.slice(trail.indexOf(name)), name];
    state.set(name, "visiting");
    for (const target of Object.keys(actions[name].runAfter ?? {})) {
      const found = visit(target, [...trail, name]);
      if (found) return found;
    }
    state.set(name, "done");
    return undefined;
  };
  for (const name of Object.keys(actions)) {
    const found = visit(name, []);
    if (found) return found;
  }
  return undefined;
}

function checkAction(l: Located, report: (path: string, message: string) => void): void {
  const a = l.action;
  const secure = a.runtimeConfiguration?.secureData?.properties ?? [];
  if (secure.length && CONTAINERS.has(a.type)) report(l.path, `${a.type} does not support secureData`);
  if (secure.includes("outputs") && INPUTS_ONLY_SECURE.has(a.type)) report(l.path, `${a.type} supports only secure inputs (which also hides its outputs)`);
  const inLoop = l.loops.length > 0;
  if (a.type === "Terminate" && inLoop) report(l.path, "Terminate is not allowed inside Foreach or Until");
  if (a.type === "Response" && inLoop) report(l.path, "Response is not allowed inside Foreach or Until");
  if (a.type === "JavaScriptCode" && a.inputs.code.length > LIMITS.inlineCodeCharacters) {
    report(`${l.path}.inputs.code`, `inline code is ${a.inputs.code.length} characters; Consumption allows ${LIMITS.inlineCodeCharacters}`);
  }
  if (a.type === "Until") {
    const count = a.limit?.count;
    if (count !== undefined && (!Number.isInteger(count) || count < 1 || count > LIMITS.untilCount)) {
      report(`${l.path}.limit.count`, `Until count ${count} is outside 1-${LIMITS.untilCount}`);
    }
    if (a.limit?.timeout !== undefined && !ISO_DURATION.test(a.limit.timeout)) report(`${l.path}.limit.timeout`, `'${a.limit.timeout}' is not an ISO 8601 duration`);
  }
  if (a.type === "Foreach") {
    const reps = a.runtimeConfiguration?.concurrency?.repetitions;
    if (reps !== undefined && (!Number.isInteger(reps) || reps < 1 || reps > LIMITS.foreachConcurrency)) {
      report(`${l.path}.runtimeConfiguration.concurrency`, `Foreach concurrency ${reps} is outside 1-${LIMITS.foreachConcurrency}`);
    }
    if (reps !== undefined && a.operationOptions === "Sequential") report(l.path, "set either concurrency or operationOptions Sequential, not both");
  }
  if ((a.type === "Http" || a.type === "ApiConnection") && a.inputs.retryPolicy) {
    const { type, count, interval } = a.inputs.retryPolicy;
    if ((type === "fixed" || type === "exponential") && (count === undefined || count < 1 || count > LIMITS.retryCount)) {
      report(`${l.path}.inputs.retryPolicy.count`, `retry count ${count} is outside 1-${LIMITS.retryCount}`);
    }
    if (interval !== undefined && !ISO_DURATION.test(interval)) report(`${l.path}.inputs.retryPolicy.interval`, `'${interval}' is not an ISO 8601 duration`);
  }
}

/** Top-level variable name -> the InitializeVariable action that declares it. */
function topLevelVariables(actions: Actions): Map<string, string> {
  const out = new Map<string, string>();
  for (const [name, action] of Object.entries(actions)) {
    if (action.type === "InitializeVariable") for (const v of action.inputs.variables) out.set(v.name, name);
  }
  return out;
}

/** For each top-level action, every top-level action that must have finished before it starts. */
function topLevelAncestors(actions: Actions): Map<string, Set<string>> {
  const memo = new Map<string, Set<string>>();
  const of = (name: string, guard: Set<string>): Set<string> => {
    if (memo.has(name)) return memo.get(name)!;
    const out = new Set<string>();
    if (guard.has(name)) return out; // a cycle is reported elsewhere
    guard.add(name);
    for (const target of Object.keys(actions[name]?.runAfter ?? {})) {
      out.add(target);
      for (const a of of(target, guard)) out.add(a);
    }
    memo.set(name, out);
    return out;
  };
  for (const name of Object.keys(actions)) of(name, new Set());
  return memo;
}

function walkStrings(value: Json | undefined, path: string, visit: (text: string, path: string) => void): void {
  if (typeof value === "string") visit(value, path);
  else if (Array.isArray(value)) value.forEach((v, i) => walkStrings(v, `${path}[${i}]`, visit));
  else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) walkStrings(v, `${path}.${k}`, visit);
  }
}

/** The function calls of every expression in a string value, reporting syntax errors and over-long expressions. */
function calls(text: string, path: string, report: (path: string, message: string) => void): FunctionCall[] {
  if (!text.includes("@")) return [];
  let template;
  try {
    template = parseTemplate(text);
  } catch (err) {
    report(path, (err as Error).message);
    return [];
  }
  if (template.kind !== "literal" && text.length > LIMITS.expressionCharacters) {
    report(path, `expression is ${text.length} characters; Azure allows ${LIMITS.expressionCharacters}`);
  }
  const roots: ExpressionNode[] =
    template.kind === "expression" ? [template.expression] : template.kind === "interpolation" ? template.parts.filter((p): p is ExpressionNode => typeof p !== "string") : [];
  const out: FunctionCall[] = [];
  for (const root of roots) forEachCall(root, (c) => out.push(c));
  return out;
}

function stringLiteral(node: ExpressionNode | undefined): string | undefined {
  return node && node.kind === "string" ? node.value : undefined;
}
