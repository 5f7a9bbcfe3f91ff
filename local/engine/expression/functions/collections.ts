/**
 * The guide's collection functions, on strings, arrays and, where it says so, objects. Results are new
 * values; the workflow's own arrays and objects are never changed in place.
 */
import { compareNumbers, isWdlNumber } from "../numbers";
import { JsonObject, canonical, deepEqual, isObject, toText, typeName } from "../values";
import { Call, FunctionImpl, arrayArg, fail, integerArg, stringArg, wrongType } from "./args";

function stringOrArray(call: Call, args: readonly unknown[], index: number): string | readonly unknown[] {
  const value = args[index];
  if (typeof value !== "string" && !Array.isArray(value)) throw wrongType(call, index, "a string or an array", value);
  return value;
}

function count(call: Call, args: readonly unknown[], index: number): number {
  const n = integerArg(call, args, index);
  if (n < 0) throw fail(call, `expects its ${index === 1 ? "second" : "third"} parameter, the count, not to be negative; it is ${n}.`);
  return n;
}

/** All arrays or all objects: union() and intersection() take either, never a mix. */
function collections(call: Call, args: readonly unknown[]): { arrays: ReadonlyArray<readonly unknown[]> } | { objects: JsonObject[] } {
  if (args.every(Array.isArray)) return { arrays: args as ReadonlyArray<readonly unknown[]> };
  if (args.every(isObject)) return { objects: args as JsonObject[] };
  throw fail(call, `expects parameters that are all arrays or all objects; got ${args.map(typeName).join(", ")}.`);
}

/** Every distinct item, first occurrence first; keyed by canonical text so 10,000-item unions stay linear. */
function union(call: Call, args: readonly unknown[]): unknown {
  const input = collections(call, args);
  if ("objects" in input) return Object.assign({}, ...input.objects);
  const seen = new Set<string>();
  const out: unknown[] = [];
  for (const array of input.arrays) {
    for (const item of array) {
      const key = canonical(item);
      if (!seen.has(key)) {
        seen.add(key);
        out.push(item);
      }
    }
  }
  return out;
}

/** Items in every collection; for objects, properties with the same name and value, the last one's kept. */
function intersection(call: Call, args: readonly unknown[]): unknown {
  const input = collections(call, args);
  if ("objects" in input) {
    const [first, ...rest] = input.objects;
    const common = Object.keys(first).filter((k) => rest.every((o) => Object.prototype.hasOwnProperty.call(o, k) && deepEqual(o[k], first[k])));
    const last = input.objects[input.objects.length - 1];
    return Object.fromEntries(common.map((k) => [k, last[k]]));
  }
  const [first, ...rest] = input.arrays;
  const others = rest.map((array) => new Set(array.map(canonical)));
  const seen = new Set<string>();
  return first.filter((item) => {
    const key = canonical(item);
    if (seen.has(key) || !others.every((set) => set.has(key))) return false;
    seen.add(key);
    return true;
  });
}

/** sort(): numbers, strings (ordinal) or booleans, never mixed; with a key, the key's value of each object. */
function sort(call: Call, args: readonly unknown[]): unknown[] {
  const items = [...arrayArg(call, args, 0)];
  const key = args.length > 1 ? stringArg(call, args, 1) : undefined;
  const sortValue = (item: unknown): unknown => {
    if (key === undefined) return item;
    if (!isObject(item) || !Object.prototype.hasOwnProperty.call(item, key)) throw fail(call, `cannot sort by '${key}': an item has no such property.`);
    return item[key];
  };
  const compare = (a: unknown, b: unknown): number => {
    if (isWdlNumber(a) && isWdlNumber(b)) return compareNumbers(a, b);
    if (typeof a === "string" && typeof b === "string") return a < b ? -1 : a > b ? 1 : 0;
    if (typeof a === "boolean" && typeof b === "boolean") return Number(a) - Number(b);
    throw fail(call, `cannot compare a value of type '${typeName(a)}' with one of type '${typeName(b)}'.`);
  };
  const keyed = items.map((item) => ({ item, value: sortValue(item) }));
  keyed.sort((a, b) => compare(a.value, b.value)); // stable: equal keys keep their order
  return keyed.map((k) => k.item);
}

function chunk(call: Call, args: readonly unknown[]): unknown[] {
  const collection = stringOrArray(call, args, 0);
  const size = integerArg(call, args, 1);
  if (size < 1) throw fail(call, `expects its second parameter, the chunk length, to be at least 1; it is ${size}.`);
  const out: unknown[] = [];
  for (let i = 0; i < collection.length; i += size) out.push(collection.slice(i, i + size));
  return out;
}

export const COLLECTION_FUNCTIONS: Record<string, FunctionImpl> = {
  chunk: (args, call) => chunk(call, args),
  contains: (args, call) => {
    const collection = args[0];
    if (typeof collection === "string") return collection.includes(stringArg(call, args, 1));
    if (Array.isArray(collection)) return collection.some((item) => deepEqual(item, args[1]));
    if (isObject(collection)) return Object.prototype.hasOwnProperty.call(collection, stringArg(call, args, 1));
    throw wrongType(call, 0, "a string, an array or an object", collection);
  },
  // null counts as empty, so empty(body('X')?['missing']) is true.
  empty: (args, call) => {
    const collection = args[0];
    if (collection === null || collection === undefined) return true;
    if (typeof collection === "string" || Array.isArray(collection)) return collection.length === 0;
    if (isObject(collection)) return Object.keys(collection).length === 0;
    throw wrongType(call, 0, "a string, an array or an object", collection);
  },
  // An empty array has no first item: null; an empty string gives "".
  first: (args, call) => {
    const collection = stringOrArray(call, args, 0);
    return typeof collection === "string" ? collection.slice(0, 1) : (collection[0] ?? null);
  },
  last: (args, call) => {
    const collection = stringOrArray(call, args, 0);
    return typeof collection === "string" ? collection.slice(-1) : (collection[collection.length - 1] ?? null);
  },
  intersection: (args, call) => intersection(call, args),
  // Items join in their text form: strings as is, null as "", objects as JSON.
  join: (args, call) => arrayArg(call, args, 0).map(toText).join(stringArg(call, args, 1)),
  length: (args, call) => stringOrArray(call, args, 0).length,
  reverse: (args, call) => [...arrayArg(call, args, 0)].reverse(),
  skip: (args, call) => stringOrArray(call, args, 0).slice(count(call, args, 1)),
  sort: (args, call) => sort(call, args),
  take: (args, call) => stringOrArray(call, args, 0).slice(0, count(call, args, 1)),
  union: (args, call) => union(call, args),
};
