/**
 * The expression evaluator of the local engine: syntax trees from workflows/expression/parser.ts evaluated
 * against an ExpressionScope, the only way it reads workflow state.
 */
import { Dereference, ExpressionNode, FunctionCall, Template } from "../../../workflows/expression/ast";
import { lookupFunction } from "../../../workflows/expression/functions";
import { parseTemplate, renderExpression } from "../../../workflows/expression/parser";
import { EvaluationError } from "./errors";
import { IMPLEMENTATIONS } from "./functions";
import { float, isInteger } from "./numbers";
import { ExpressionLimitReading, ExpressionScope } from "./scope";
import { isObject, toPlain, toText, typeName } from "./values";

export { EvaluationError } from "./errors";

function arityText(minArgs: number, maxArgs: number): string {
  if (minArgs === maxArgs) return `${minArgs} parameter${minArgs === 1 ? "" : "s"}`;
  if (maxArgs === Infinity) return `at least ${minArgs} parameter${minArgs === 1 ? "" : "s"}`;
  return `between ${minArgs} and ${maxArgs} parameters`;
}

/** Function names match in any case; arguments are evaluated left to right before the call, all of them. */
function call(node: FunctionCall, scope: ExpressionScope): unknown {
  const known = lookupFunction(node.name);
  if (!known) throw new EvaluationError(`The template function '${node.name}' is not defined or not valid.`);
  const count = node.args.length;
  if (count < known.minArgs || count > known.maxArgs) {
    throw new EvaluationError(`The template language function '${known.name}' expects ${arityText(known.minArgs, known.maxArgs)} but was given ${count}.`);
  }
  const impl = IMPLEMENTATIONS.get(known.name);
  if (!impl) throw new EvaluationError(`The template language function '${known.name}' is not supported by the local engine.`);
  const args = node.args.map((arg) => evaluate(arg, scope));
  let result: unknown;
  try {
    result = impl(args, { name: known.name, scope });
  } catch (err) {
    if (err instanceof EvaluationError) throw err;
    throw new EvaluationError(`The template language function '${known.name}' failed: ${err instanceof Error ? err.message : String(err)}`);
  }
  checkEvaluationLimit(known.name, args, result, scope);
  return result;
}

/** What the expression evaluation limit measures for each function it covers: the text produced, or for json() the text parsed. */
const LIMITED: Record<string, { reading: ExpressionLimitReading; measure: (args: readonly unknown[], result: unknown) => unknown }> = {
  concat: { reading: "documented", measure: (_args, result) => result },
  base64: { reading: "documented", measure: (_args, result) => result },
  string: { reading: "documented", measure: (_args, result) => result },
  base64ToString: { reading: "strict", measure: (_args, result) => result },
  // The deprecated alias of base64ToString.
  decodeBase64: { reading: "strict", measure: (_args, result) => result },
  json: { reading: "strict", measure: (args) => args[0] },
  // Text builders the page does not name but that, like concat(), can grow text to any size.
  join: { reading: "strict", measure: (_args, result) => result },
  replace: { reading: "strict", measure: (_args, result) => result },
};

function checkEvaluationLimit(name: string, args: readonly unknown[], result: unknown, scope: ExpressionScope, what = `The template language function '${name}'`): void {
  const rule = LIMITED[name];
  if (!rule || (rule.reading === "strict" && scope.expressionLimit() !== "strict")) return;
  const text = rule.measure(args, result);
  if (typeof text === "string" && text.length > scope.runLimits().expressionResultCharacters) {
    // Azure's exact wording for this limit could not be found; the shape follows its other InvalidTemplate details.
    throw new EvaluationError(
      `${what} ${name === "json" ? "was given" : "produced"} a string of ${text.length} characters, which exceeds the expression evaluation limit of ${scope.runLimits().expressionResultCharacters} characters.`,
    );
  }
}

/**
 * `x.y`, `x['y']`, `x[0]`: a missing property or an index out of bounds fails unless the access is null-safe
 * (`?.`, `?[`), which gives null, as does any null-safe access on null. Property names match exactly (case
 * included): neither the guide nor Microsoft's issues say the runtime ignores case. Azure's ARM template
 * language, a sibling, is reported (Azure/PSRule.Rules.Azure#794) to try the exact name and then any case;
 * that is not confirmed for Logic Apps, so the local engine does not guess.
 */
function dereference(node: Dereference, scope: ExpressionScope): unknown {
  const target = evaluate(node.target, scope);
  const property = evaluate(node.property, scope);
  const cannot = (why: string) =>
    new EvaluationError(`The template language expression '${renderExpression(node)}' cannot be evaluated because ${why}. Please see https://aka.ms/logicexpressions for usage details.`);
  if (target === null || target === undefined) {
    if (node.safe) return null;
    throw cannot(`property '${toText(property)}' cannot be selected. Property selection is not supported on values of type 'Null'`);
  }
  if (Array.isArray(target)) {
    if (!isInteger(property)) throw cannot(`property '${toText(property)}' cannot be selected. Array elements can only be selected using an integer index`);
    if (property >= 0 && property < target.length) return target[property] ?? null;
    if (node.safe) return null;
    throw cannot(`array index '${property}' is outside bounds (0, ${target.length - 1}) of array`);
  }
  if (!isObject(target)) {
    throw cannot(`property '${toText(property)}' cannot be selected. Property selection is not supported on values of type '${typeName(target)}'`);
  }
  if (typeof property !== "string") throw cannot(`a property of an object can only be selected by name, not by a value of type '${typeName(property)}'`);
  const value = Object.prototype.hasOwnProperty.call(target, property) ? target[property] : undefined;
  if (value !== undefined) return value;
  if (node.safe) return null;
  const available = Object.keys(target).filter((k) => target[k] !== undefined);
  throw cannot(`property '${property}' doesn't exist, available properties are '${available.join(", ")}'`);
}

/**
 * A number literal written with a point or an exponent (5.0, 1e3) is a float, anything else an integer:
 * the parser keeps the source text in `raw` for exactly this.
 */
function evaluate(node: ExpressionNode, scope: ExpressionScope): unknown {
  switch (node.kind) {
    case "string":
    case "boolean":
    case "null":
      return node.value;
    case "number":
      return node.raw !== undefined && /[.eE]/.test(node.raw) ? float(node.value) : node.value;
    case "member":
      return dereference(node, scope);
    case "call":
      return call(node, scope);
  }
}

/** The value of an expression as workflows see it: plain JSON (see numbers.ts for the number wrappers). */
export function evaluateExpression(node: ExpressionNode, scope: ExpressionScope): unknown {
  return toPlain(evaluate(node, scope));
}

/**
 * Parsed templates by source text: a definition has a fixed set of strings, evaluated again on every loop
 * repetition, so each is parsed once per process.
 */
const parsed = new Map<string, Template | Error>();

function templateOf(value: string): Template {
  let template = parsed.get(value);
  if (template === undefined) {
    try {
      template = parseTemplate(value);
    } catch (err) {
      template = err instanceof Error ? err : new Error(String(err));
    }
    parsed.set(value, template);
  }
  if (template instanceof Error) throw new EvaluationError(`The template language expression '${value}' is not valid: ${template.message}`);
  return template;
}

/**
 * One JSON string of a definition: a literal (after `@@` unescaping), a whole-value `@expr` keeping its
 * type, or an interpolation, always a string: `@{...}` segments in their text form (values.toText).
 */
export function evaluateString(value: string, scope: ExpressionScope): unknown {
  if (!value.includes("@")) return value;
  const template = templateOf(value);
  switch (template.kind) {
    case "literal":
      return template.value;
    case "expression":
      return evaluateExpression(template.expression, scope);
    case "interpolation": {
      const text = template.parts.map((part) => (typeof part === "string" ? part : toText(evaluate(part, scope)))).join("");
      // The runtime joins interpolated segments as concat() does, under the same limit.
      if (template.parts.length > 1) checkEvaluationLimit("concat", [], text, scope, "The string interpolation");
      return text;
    }
  }
}

/** Every string in a JSON value evaluated, object keys included (a key may hold `@{...}`); a new value. */
export function evaluateValue(value: unknown, scope: ExpressionScope): unknown {
  if (typeof value === "string") return evaluateString(value, scope);
  if (Array.isArray(value)) return value.map((item) => evaluateValue(item, scope));
  if (isObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[toText(evaluateString(key, scope))] = evaluateValue(item, scope);
    return out;
  }
  return value;
}
