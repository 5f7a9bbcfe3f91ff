import { bool, sameValue } from "./args";
import type { FunctionImpl } from "../functions";

function ordered(fn: string, a: unknown, b: unknown): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  if (typeof a === "string" && typeof b === "string") return a < b ? -1 : a > b ? 1 : 0;
  throw new Error(`${fn}: both values must be numbers or both strings, got ${JSON.stringify(a)} and ${JSON.stringify(b)}`);
}

export const LOGICAL_FUNCTIONS: Record<string, FunctionImpl> = {
  and: (args) => args.map((a, i) => bool("and", a, i + 1)).every(Boolean),
  or: (args) => args.map((a, i) => bool("or", a, i + 1)).some(Boolean),
  not: ([a]) => !bool("not", a),
  if: ([c, t, f]) => (bool("if", c) ? t : f),
  equals: ([a, b]) => sameValue(a, b),
  greater: ([a, b]) => ordered("greater", a, b) > 0,
  greaterOrEquals: ([a, b]) => ordered("greaterOrEquals", a, b) >= 0,
  less: ([a, b]) => ordered("less", a, b) < 0,
  lessOrEquals: ([a, b]) => ordered("lessOrEquals", a, b) <= 0,
};
