import { DefinitionJson, isAction, isJsonObject } from "../definitionJson";
import { ExpressionNode, FunctionCall } from "../expression/ast";
import { containsExpression, forEachCall, parseTemplate } from "../expression/parser";
import { lookupFunction } from "../expression/functions";
import { LIMITS } from "../limits";
import { Located, Report } from "./located";
import { ancestorsIn } from "./runAfter";

/** Functions whose first argument names an action (or, for items(), an enclosing Foreach). */
const ACTION_REFERENCES = new Set(["actions", "body", "outputs", "result", "actionbody", "actionoutputs", "items", "iterationindexes"]);
const VARIABLE_ACTIONS = new Set(["setvariable", "appendtoarrayvariable", "appendtostringvariable", "incrementvariable", "decrementvariable"]);
const SELF_REFERENCE_CHECKED = new Set(["setvariable", "appendtoarrayvariable", "appendtostringvariable"]);

/**
 * Every expression parses, is within Azure's length, calls documented functions with their arity, and
 * refers only to declared parameters, existing actions, enclosing Foreach loops and variables initialised
 * at the top level before it runs.
 */
export function checkExpressions(definition: DefinitionJson, located: Located[], report: Report): void {
  const byName = new Set(located.map((l) => l.name));
  const declaredVariables = topLevelVariables(definition.actions);
  const ancestors = isJsonObject(definition.actions) ? ancestorsIn(definition.actions) : new Map<string, Set<string>>();
  const parameters = isJsonObject(definition.parameters) ? definition.parameters : {};

  const useVariable = (l: Located, path: string, variable: string) => {
    const declaredBy = declaredVariables.get(variable.toLowerCase());
    if (!declaredBy) report(path, `variable '${variable}' is never initialised by a top-level InitializeVariable`);
    else if (!ancestors.get(l.topLevel)?.has(declaredBy)) {
      report(path, `variable '${variable}' is used before '${declaredBy}' initialises it (add it to this action's runAfter chain)`);
    }
  };
  const checkCall = (call: FunctionCall, path: string, l: Located | undefined, actionAllowed: boolean) => {
    const fn = lookupFunction(call.name);
    if (!fn) {
      report(path, `unknown function '${call.name}'`);
      return;
    }
    if (call.args.length < fn.minArgs || call.args.length > fn.maxArgs) {
      const range = fn.maxArgs === Infinity ? `at least ${fn.minArgs}` : fn.minArgs === fn.maxArgs ? `${fn.minArgs}` : `${fn.minArgs}-${fn.maxArgs}`;
      report(path, `function '${call.name}' takes ${range} argument(s), got ${call.args.length}`);
    }
    const name = call.name.toLowerCase();
    // The functions reference: action() only in trackedProperties, a webhook's unsubscribe and an Until condition.
    if (name === "action" && !actionAllowed) report(path, "action() is only allowed in trackedProperties and in an Until loop's condition");
    const first = stringLiteral(call.args[0]);
    if (first === undefined) return;
    if (name === "parameters" && !Object.hasOwn(parameters, first)) report(path, `parameter '${first}' is not declared`);
    if (name === "variables" && l) useVariable(l, path, first);
    if (name === "items" && l && !l.foreachs.includes(first)) report(path, `items('${first}') is used outside that Foreach`);
    else if (name === "iterationindexes" && l && !l.untils.includes(first) && !(l.name === first && l.action.type.toLowerCase() === "until")) {
      report(path, `iterationIndexes('${first}') is used outside that Until loop`);
    }
    else if (ACTION_REFERENCES.has(name) && !byName.has(first)) report(path, `action '${first}' referenced by ${call.name}() does not exist`);
  };
  const checkTemplates = (value: unknown, path: string, l: Located | undefined, actionAllowed = false) =>
    walkStrings(value, path, (text, at) => {
      for (const call of callsIn(text, at, report)) checkCall(call, at, l, actionAllowed);
    });

  for (const [name, trigger] of Object.entries(isJsonObject(definition.triggers) ? definition.triggers : {})) checkTemplates(trigger, `triggers.${name}`, undefined);
  for (const l of located) {
    const { actions: _a, else: _e, cases: _c, default: _d, runAfter: _r, trackedProperties, expression, ...own } = l.action;
    checkTemplates(own, l.path, l);
    checkTemplates(trackedProperties, `${l.path}.trackedProperties`, l, true);
    checkTemplates(expression, `${l.path}.expression`, l, l.action.type.toLowerCase() === "until");
    const type = l.action.type.toLowerCase();
    if (!VARIABLE_ACTIONS.has(type)) continue;
    const inputs = isJsonObject(l.action.inputs) ? l.action.inputs : {};
    if (typeof inputs.name !== "string") {
      report(`${l.path}.inputs.name`, `${l.action.type} needs the name of a variable`);
      continue;
    }
    useVariable(l, `${l.path}.inputs.name`, inputs.name);
    if (SELF_REFERENCE_CHECKED.has(type) && readsVariable(inputs.value, inputs.name)) {
      report(`${l.path}.inputs.value`, `${l.action.type} cannot read the variable '${inputs.name}' it changes; compose the new value in an earlier action`);
    }
  }
}

/** Top-level variable name (lower-cased: variable names are case-insensitive) -> the action declaring it. */
export function topLevelVariables(actions: unknown): Map<string, string> {
  const out = new Map<string, string>();
  if (!isJsonObject(actions)) return out;
  for (const [name, action] of Object.entries(actions)) {
    if (!isAction(action) || action.type.toLowerCase() !== "initializevariable" || !isJsonObject(action.inputs)) continue;
    const variables = action.inputs.variables;
    if (!Array.isArray(variables)) continue;
    for (const v of variables) if (isJsonObject(v) && typeof v.name === "string") out.set(v.name.toLowerCase(), name);
  }
  return out;
}

/** Azure refuses a variable action whose value reads the variable it changes ("Self reference is not supported"). */
function readsVariable(value: unknown, variable: string): boolean {
  let found = false;
  walkStrings(value, "", (text) => {
    if (!text.includes("@")) return;
    try {
      forEachCall(parseTemplate(text), (call) => {
        const arg = call.args[0];
        if (call.name.toLowerCase() === "variables" && arg?.kind === "string" && arg.value.toLowerCase() === variable.toLowerCase()) found = true;
      });
    } catch {
      // Syntax errors are reported by the template check.
    }
  });
  return found;
}

/** Every string of a JSON value, object keys included: the runtime evaluates a key's `@{...}` too. */
export function walkStrings(value: unknown, path: string, visit: (text: string, path: string) => void): void {
  if (typeof value === "string") visit(value, path);
  else if (Array.isArray(value)) value.forEach((v, i) => walkStrings(v, `${path}[${i}]`, visit));
  else if (isJsonObject(value)) {
    for (const [k, v] of Object.entries(value)) {
      visit(k, `${path}.${k}`);
      walkStrings(v, `${path}.${k}`, visit);
    }
  }
}

/** The function calls of every expression in a string value, reporting syntax errors and over-long expressions. */
function callsIn(text: string, path: string, report: Report): FunctionCall[] {
  if (!text.includes("@")) return [];
  // Checked before parsing: past the limit there is nothing more to learn, and nesting deep enough to
  // overflow the parser's stack is only possible there.
  if (containsExpression(text) && text.length > LIMITS.expressionCharacters) {
    report(path, `expression is ${text.length} characters; Azure allows ${LIMITS.expressionCharacters}`);
    return [];
  }
  let template;
  try {
    template = parseTemplate(text);
  } catch (err) {
    report(path, (err as Error).message);
    return [];
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
