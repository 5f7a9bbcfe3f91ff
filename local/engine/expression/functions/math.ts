import { arr, int, num } from "./args";
import type { FunctionImpl } from "../functions";

/**
 * WDL keeps integers and floats apart (div(11, 5) is 2, div(11, 5.0) is 2.2). JavaScript numbers cannot
 * tell 5 from 5.0, so here a whole number counts as an integer: div(11, 5.0) gives 2. Documented as a gap.
 */
const bothIntegers = (a: number, b: number) => Number.isInteger(a) && Number.isInteger(b);

function extremum(fn: string, args: unknown[], pick: (...n: number[]) => number): number {
  const values = args.length === 1 && Array.isArray(args[0]) ? arr(fn, args[0]) : args;
  if (values.length === 0) throw new Error(`${fn}: needs at least one number`);
  return pick(...values.map((v, i) => num(fn, v, i + 1)));
}

export const MATH_FUNCTIONS: Record<string, FunctionImpl> = {
  add: ([a, b]) => num("add", a) + num("add", b, 2),
  sub: ([a, b]) => num("sub", a) - num("sub", b, 2),
  mul: ([a, b]) => num("mul", a) * num("mul", b, 2),
  div: ([a, b]) => {
    const x = num("div", a);
    const y = num("div", b, 2);
    if (y === 0) throw new Error("div: attempted to divide by zero");
    return bothIntegers(x, y) ? Math.trunc(x / y) : x / y;
  },
  mod: ([a, b]) => {
    const y = num("mod", b, 2);
    if (y === 0) throw new Error("mod: attempted to divide by zero");
    return num("mod", a) % y;
  },
  max: (args) => extremum("max", args, Math.max),
  min: (args) => extremum("min", args, Math.min),
  rand: ([a, b]) => {
    const lo = int("rand", a);
    const hi = int("rand", b, 2);
    if (hi <= lo) throw new Error("rand: maxValue must be greater than minValue");
    return lo + Math.floor(Math.random() * (hi - lo));
  },
  range: ([a, b]) => {
    const start = int("range", a);
    const count = int("range", b, 2);
    if (count < 0) throw new Error("range: count must not be negative");
    return Array.from({ length: count }, (_, i) => start + i);
  },
};
