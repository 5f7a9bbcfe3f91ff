/**
 * The guide's logical comparison functions. and, or, not and if take booleans only (no truthiness); every
 * argument is evaluated, so both branches of if() run. Following the guide's note, comparisons read null as
 * the empty string, so equals(null, '') is true. equals(true, 1) is true as the guide's example shows: a
 * boolean compared with a number counts as 1 or 0.
 */
import { compareNumbers, isWdlNumber, toJsNumber } from "../numbers";
import { deepEqual, typeName } from "../values";
import { Call, FunctionImpl, booleanArg, fail } from "./args";

const nullAsEmpty = (value: unknown) => (value === null || value === undefined ? "" : value);

function equals(a: unknown, b: unknown): boolean {
  const x = nullAsEmpty(a);
  const y = nullAsEmpty(b);
  if (typeof x === "boolean" && isWdlNumber(y)) return toJsNumber(y) === Number(x);
  if (typeof y === "boolean" && isWdlNumber(x)) return toJsNumber(x) === Number(y);
  return deepEqual(x, y);
}

/** Numbers with numbers (any kind), strings with strings (ordinal, case-sensitive); anything else fails. */
function order(call: Call, args: readonly unknown[]): number {
  const a = nullAsEmpty(args[0]);
  const b = nullAsEmpty(args[1]);
  if (isWdlNumber(a) && isWdlNumber(b)) return compareNumbers(a, b);
  if (typeof a === "string" && typeof b === "string") return a < b ? -1 : a > b ? 1 : 0;
  throw fail(call, `expects two numbers or two strings to compare; got values of type '${typeName(args[0])}' and '${typeName(args[1])}'.`);
}

export const LOGICAL_FUNCTIONS: Record<string, FunctionImpl> = {
  and: (args, call) => args.map((_, i) => booleanArg(call, args, i)).every(Boolean),
  or: (args, call) => args.map((_, i) => booleanArg(call, args, i)).some(Boolean),
  not: (args, call) => !booleanArg(call, args, 0),
  if: (args, call) => (booleanArg(call, args, 0) ? args[1] : args[2]),
  equals: (args) => equals(args[0], args[1]),
  greater: (args, call) => order(call, args) > 0,
  greaterOrEquals: (args, call) => order(call, args) >= 0,
  less: (args, call) => order(call, args) < 0,
  lessOrEquals: (args, call) => order(call, args) <= 0,
};
