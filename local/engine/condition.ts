import { evaluateValue } from "./expression/evaluate";
import { ActionFailure } from "./failure";
import { Frame } from "./frame";

type Comparison = (a: unknown, b: unknown) => boolean;

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const ordered = (test: (c: number) => boolean): Comparison => (a, b) => {
  if (typeof a === "number" && typeof b === "number") return test(a - b);
  if (typeof a === "string" && typeof b === "string") return test(a < b ? -1 : a > b ? 1 : 0);
  throw new ActionFailure("InvalidTemplate", `Cannot compare ${JSON.stringify(a)} with ${JSON.stringify(b)}: both must be numbers or both strings.`);
};

/** The designer's object form of an If expression: `{"and": [{"equals": [a, b]}]}`. */
const COMPARISONS: Record<string, Comparison> = {
  equals: same,
  greater: ordered((c) => c > 0),
  greaterorequals: ordered((c) => c >= 0),
  less: ordered((c) => c < 0),
  lessorequals: ordered((c) => c <= 0),
  contains: (a, b) => (typeof a === "string" ? a.includes(String(b)) : Array.isArray(a) ? a.some((x) => same(x, b)) : a !== null && typeof a === "object" && String(b) in a),
  startswith: (a, b) => String(a).toLowerCase().startsWith(String(b).toLowerCase()),
  endswith: (a, b) => String(a).toLowerCase().endsWith(String(b).toLowerCase()),
};

/** An If or Until condition: an `@` expression string, or the designer's object form. Must be a boolean. */
export function evaluateCondition(expression: unknown, frame: Frame, where: string): boolean {
  const value = typeof expression === "string" ? evaluateValue(expression, frame) : objectCondition(expression, frame, where);
  if (typeof value !== "boolean") throw new ActionFailure("InvalidTemplate", `The ${where} must evaluate to a boolean, got ${JSON.stringify(value)}.`);
  return value;
}

function objectCondition(expression: unknown, frame: Frame, where: string): boolean {
  if (expression === null || typeof expression !== "object" || Array.isArray(expression) || Object.keys(expression).length !== 1) {
    throw new ActionFailure("InvalidTemplate", `The ${where} must be an expression string or an object with one operator.`);
  }
  const [op, operand] = Object.entries(expression as Record<string, unknown>)[0];
  const key = op.toLowerCase();
  if (key === "and" || key === "or") {
    if (!Array.isArray(operand)) throw new ActionFailure("InvalidTemplate", `The ${where}: '${op}' needs an array of conditions.`);
    const results = operand.map((c) => evaluateCondition(c, frame, where));
    return key === "and" ? results.every(Boolean) : results.some(Boolean);
  }
  if (key === "not") return !evaluateCondition(operand, frame, where);
  const compare = Object.hasOwn(COMPARISONS, key) ? COMPARISONS[key] : undefined;
  if (!compare) throw new ActionFailure("UnsupportedByLocalEngine", `The ${where} uses the operator '${op}', which the local engine does not support.`);
  if (!Array.isArray(operand) || operand.length !== 2) throw new ActionFailure("InvalidTemplate", `The ${where}: '${op}' needs two operands.`);
  const [a, b] = operand.map((x) => evaluateValue(x, frame));
  return compare(a, b);
}
