/**
 * The guide's math functions. Integers stay integers (div(11, 5) is 2), a float operand makes a float
 * (div(11, 5.0) is 2.2), a decimal() operand a decimal: see numbers.ts for how 5.0 is told from 5.
 */
import { Operator, WdlNumber, arithmetic, compareNumbers, isWdlNumber, isZero, toJsNumber } from "../numbers";
import { Call, FunctionImpl, fail, integerArg, numberArg, wrongType } from "./args";

function operate(op: Operator): FunctionImpl {
  return (args, call) => {
    const a = numberArg(call, args, 0);
    const b = numberArg(call, args, 1);
    if ((op === "div" || op === "mod") && isZero(b)) throw fail(call, "cannot divide by zero: its second parameter, the divisor, is 0.");
    const result = arithmetic(op, a, b);
    if (!Number.isFinite(toJsNumber(result))) throw fail(call, "overflowed: the result is outside the range of a number.");
    return result;
  };
}

/** max() and min() take the numbers, or one array of them. */
function extremum(call: Call, args: readonly unknown[], sign: 1 | -1): WdlNumber {
  const values = args.length === 1 && Array.isArray(args[0]) ? (args[0] as readonly unknown[]) : args;
  if (values.length === 0) throw fail(call, "expects at least one number; the array is empty.");
  let best: WdlNumber | undefined;
  values.forEach((value, i) => {
    if (!isWdlNumber(value)) throw wrongType(call, args.length === 1 ? 0 : i, args.length === 1 ? "an array of numbers" : "a number", value);
    if (best === undefined || sign * compareNumbers(value, best) > 0) best = value;
  });
  return best!;
}

/** rand(min, max): an integer from min up to, not including, max. */
function rand(call: Call, args: readonly unknown[]): number {
  const min = integerArg(call, args, 0);
  const max = integerArg(call, args, 1);
  if (min > max) throw fail(call, `expects its first parameter, ${min}, not to exceed its second, ${max}.`);
  return min + Math.floor(Math.random() * (max - min));
}

/** range(start, count): count up to 100,000, start + count within a 32-bit integer, as the guide limits them. */
function range(call: Call, args: readonly unknown[]): number[] {
  const start = integerArg(call, args, 0);
  const count = integerArg(call, args, 1);
  if (count < 0 || count > 100_000) throw fail(call, `expects its second parameter, the count, to be between 0 and 100000; it is ${count}.`);
  if (start + count > 2_147_483_647) throw fail(call, "expects the sum of its start index and count not to exceed 2147483647.");
  return Array.from({ length: count }, (_, i) => start + i);
}

export const MATH_FUNCTIONS: Record<string, FunctionImpl> = {
  add: operate("add"),
  sub: operate("sub"),
  mul: operate("mul"),
  div: operate("div"),
  mod: operate("mod"),
  max: (args, call) => extremum(call, args, 1),
  min: (args, call) => extremum(call, args, -1),
  rand: (args, call) => rand(call, args),
  range: (args, call) => range(call, args),
};
