import { ExpressionNode, Template } from "../../../workflows/expression/ast";
import { parseTemplate } from "../../../workflows/expression/parser";
import { lookupFunction } from "../../../workflows/expression/functions";
import { ExpressionScope } from "./scope";
import { FUNCTIONS } from "./functions";

/** A template expression could not be evaluated; the message reads like Azure's InvalidTemplate details. */
export class EvaluationError extends Error {}

function typeName(value: unknown): string {
  if (value === null || value === undefined) return "Null";
  if (Array.isArray(value)) return "Array";
  if (typeof value === "object") return "Object";
  if (typeof value === "number") return Number.isInteger(value) ? "Integer" : "Float";
  return typeof value === "string" ? "String" : "Boolean";
}

/**
 * `x.y`, `x['y']`, `x[0]`: a missing property is an error unless the access is null-safe (`?.`, `?[`); a
 * null-safe access to a missing property, or any access on null with `?`, gives null. An exact property
 * name wins; otherwise the name is matched ignoring case (assumed from the runtime's JSON handling, not
 * confirmed against Azure).
 */
function dereference(target: unknown, property: unknown, safe: boolean): unknown {
  if (target === null || target === undefined) {
    if (safe) return null;
    throw new EvaluationError(`The template language expression cannot be evaluated because property '${String(property)}' cannot be selected. Property selection is not supported on values of type 'Null'.`);
  }
  if (Array.isArray(target)) {
    if (typeof property !== "number" || !Number.isInteger(property)) {
      throw new EvaluationError(`The template language expression cannot be evaluated because an array cannot be indexed with '${String(property)}'; use an integer.`);
    }
    if (property < 0 || property >= target.length) {
      if (safe) return null;
      throw new EvaluationError(`The template language expression cannot be evaluated because array index '${property}' is outside bounds (0, ${target.length - 1}) of array.`);
    }
    return target[property];
  }
  if (typeof target !== "object") {
    if (safe) return null;
    throw new EvaluationError(`The template language expression cannot be evaluated because property '${String(property)}' cannot be selected. Property selection is not supported on values of type '${typeName(target)}'.`);
  }
  const obj = target as Record<string, unknown>;
  const key = String(property);
  if (Object.prototype.hasOwnProperty.call(obj, key)) return obj[key];
  const folded = Object.keys(obj).find((k) => k.toLowerCase() === key.toLowerCase());
  if (folded !== undefined) return obj[folded];
  if (safe) return null;
  throw new EvaluationError(`The template language expression cannot be evaluated because property '${key}' doesn't exist, available properties are '${Object.keys(obj).join(", ")}'.`);
}

export function evaluateExpression(node: ExpressionNode, scope: ExpressionScope): unknown {
  switch (node.kind) {
    case "string":
    case "number":
    case "boolean":
    case "null":
      return node.value;
    case "member":
      return dereference(evaluateExpression(node.target, scope), evaluateExpression(node.property, scope), node.safe);
    case "call": {
      const known = lookupFunction(node.name);
      if (!known) throw new EvaluationError(`The template function '${node.name}' is not defined or not valid.`);
      if (node.args.length < known.minArgs || node.args.length > known.maxArgs) {
        const expected = known.minArgs === known.maxArgs ? `${known.minArgs}` : known.maxArgs === Infinity ? `at least ${known.minArgs}` : `${known.minArgs} to ${known.maxArgs}`;
        throw new EvaluationError(`The template language function '${known.name}' expects ${expected} parameter(s), got ${node.args.length}.`);
      }
      const impl = FUNCTIONS.get(known.name.toLowerCase());
      if (!impl) throw new EvaluationError(`The template language function '${known.name}' is not supported by the local engine.`);
      const args = node.args.map((a) => evaluateExpression(a, scope));
      try {
        return impl(args, scope);
      } catch (err) {
        if (err instanceof EvaluationError) throw err;
        throw new EvaluationError(`The template language function '${known.name}' failed: ${(err as Error).message}`);
      }
    }
  }
}

/** What an interpolated `@{...}` segment contributes: text as is, null as nothing, anything else as JSON. */
function asText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  return JSON.stringify(value);
}

/**
 * Parsed templates by source text: a definition has a fixed set of strings, evaluated again on every loop
 * repetition, so each is parsed once per process.
 */
const parsed = new Map<string, Template | Error>();

function templateOf(value: string): Template {
  let t = parsed.get(value);
  if (t === undefined) {
    try {
      t = parseTemplate(value);
    } catch (err) {
      t = err as Error;
    }
    parsed.set(value, t);
  }
  if (t instanceof Error) throw new EvaluationError(`The template language expression '${value}' is not valid: ${t.message}`);
  return t;
}

/** One JSON string of a definition: a literal, a whole-value `@expr` (typed result) or an interpolation (a string). */
export function evaluateString(value: string, scope: ExpressionScope): unknown {
  if (!value.includes("@")) return value;
  const template = templateOf(value);
  switch (template.kind) {
    case "literal":
      return template.value;
    case "expression":
      return evaluateExpression(template.expression, scope);
    case "interpolation":
      return template.parts.map((p) => (typeof p === "string" ? p : asText(evaluateExpression(p, scope)))).join("");
  }
}

/** Evaluate every string in a JSON value (object keys too), returning a new value. */
export function evaluateValue(value: unknown, scope: ExpressionScope): unknown {
  if (typeof value === "string") return evaluateString(value, scope);
  if (Array.isArray(value)) return value.map((v) => evaluateValue(v, scope));
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[String(evaluateString(k, scope))] = evaluateValue(v, scope);
    return out;
  }
  return value;
}
