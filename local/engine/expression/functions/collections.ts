import { arr, int, isObject, sameValue, str } from "./args";
import type { FunctionImpl } from "../functions";

function unionOf(values: unknown[]): unknown {
  if (values.every(Array.isArray)) {
    // Keyed by canonical JSON so a union of large arrays stays linear (workflows grow lists page by page).
    const seen = new Set<string>();
    const out: unknown[] = [];
    for (const v of values as unknown[][]) {
      for (const x of v) {
        const key = canonical(x);
        if (!seen.has(key)) (seen.add(key), out.push(x));
      }
    }
    return out;
  }
  if (values.every(isObject)) return Object.assign({}, ...values);
  throw new Error("union: the arguments must be all arrays or all objects");
}

/** Canonical text per object: values are never changed in place, and a list grown page by page meets the same items again. */
const canonicalCache = new WeakMap<object, string>();

/** JSON with object keys sorted, so equal values (sameValue) give equal text. */
function canonical(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  const cached = canonicalCache.get(value);
  if (cached !== undefined) return cached;
  const text = Array.isArray(value)
    ? `[${value.map(canonical).join(",")}]`
    : `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(",")}}`;
  canonicalCache.set(value, text);
  return text;
}

function intersectionOf(values: unknown[]): unknown {
  if (values.every(Array.isArray)) {
    const [first, ...rest] = values as unknown[][];
    return first.filter((x, i) => first.findIndex((y) => sameValue(x, y)) === i && rest.every((r) => r.some((y) => sameValue(x, y))));
  }
  if (values.every(isObject)) {
    const [first, ...rest] = values as Array<Record<string, unknown>>;
    return Object.fromEntries(Object.entries(first).filter(([k, v]) => rest.every((r) => k in r && sameValue(r[k], v))));
  }
  throw new Error("intersection: the arguments must be all arrays or all objects");
}

function compare(a: unknown, b: unknown): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  if (typeof a === "string" && typeof b === "string") return a < b ? -1 : a > b ? 1 : 0;
  throw new Error(`sort: cannot compare ${JSON.stringify(a)} with ${JSON.stringify(b)}`);
}

export const COLLECTION_FUNCTIONS: Record<string, FunctionImpl> = {
  coalesce: (args) => args.find((a) => a !== null && a !== undefined) ?? null,
  contains: ([c, v]) => {
    if (typeof c === "string") return c.includes(str("contains", v, 2));
    if (Array.isArray(c)) return c.some((x) => sameValue(x, v));
    if (isObject(c)) return Object.prototype.hasOwnProperty.call(c, str("contains", v, 2));
    throw new Error("contains: the collection must be a string, an array or an object");
  },
  empty: ([c]) => {
    if (c === null || c === undefined) return true;
    if (typeof c === "string" || Array.isArray(c)) return c.length === 0;
    if (isObject(c)) return Object.keys(c).length === 0;
    throw new Error(`empty: expected a string, an array or an object, got ${JSON.stringify(c)}`);
  },
  first: ([c]) => (typeof c === "string" ? c.slice(0, 1) : (arr("first", c)[0] ?? null)),
  last: ([c]) => (typeof c === "string" ? c.slice(-1) : arr("last", c).length ? (c as unknown[])[(c as unknown[]).length - 1] : null),
  length: ([c]) => {
    if (typeof c === "string" || Array.isArray(c)) return c.length;
    throw new Error(`length: expected a string or an array, got ${JSON.stringify(c)}`);
  },
  join: ([c, d]) => arr("join", c).map((x) => (typeof x === "string" ? x : JSON.stringify(x))).join(str("join", d, 2)),
  skip: ([c, n]) => arr("skip", c).slice(Math.max(0, int("skip", n, 2))),
  take: ([c, n]) => (typeof c === "string" ? c.slice(0, int("take", n, 2)) : arr("take", c).slice(0, Math.max(0, int("take", n, 2)))),
  reverse: ([c]) => [...arr("reverse", c)].reverse(),
  sort: ([c, key]) => {
    const items = [...arr("sort", c)];
    if (key === undefined) return items.sort(compare);
    const k = str("sort", key, 2);
    return items.sort((a, b) => compare(isObject(a) ? a[k] : undefined, isObject(b) ? b[k] : undefined));
  },
  union: (args) => unionOf(args),
  intersection: (args) => intersectionOf(args),
};
