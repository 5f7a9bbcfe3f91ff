/**
 * The value model every function shares: JSON values plus the two number wrappers of numbers.ts, with the
 * type names Azure's error messages use, deep equality, the text form string() and `@{...}` produce, and the
 * binary content envelope.
 */
import { Decimal, WholeFloat, isFloat, isWdlNumber, toJsNumber } from "./numbers";

export type JsonObject = Record<string, unknown>;

/** A JSON object: not null, not an array, not one of the number wrappers. */
export function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === "object" && !Array.isArray(value) && !(value instanceof WholeFloat) && !(value instanceof Decimal);
}

export type TypeName = "Null" | "Boolean" | "Integer" | "Float" | "Decimal" | "String" | "Array" | "Object";

export function typeName(value: unknown): TypeName {
  if (value === null || value === undefined) return "Null";
  if (typeof value === "boolean") return "Boolean";
  if (typeof value === "string") return "String";
  if (Array.isArray(value)) return "Array";
  if (value instanceof Decimal) return "Decimal";
  if (isWdlNumber(value)) return isFloat(value) ? "Float" : "Integer";
  return "Object";
}

/**
 * Binary content as the runtime stores it in JSON action state (Microsoft's "Handle content types in logic
 * apps"): `{"$content-type": ..., "$content": <base64>}`. base64ToBinary(), binary() and friends return it,
 * string() and json() read it back as text.
 */
export interface Binary {
  "$content-type": string;
  $content: string;
}

export function isBinary(value: unknown): value is Binary {
  return isObject(value) && typeof value.$content === "string" && typeof value["$content-type"] === "string";
}

export function binaryOf(bytes: Buffer, contentType = "application/octet-stream"): Binary {
  return { "$content-type": contentType, $content: bytes.toString("base64") };
}

export function bytesOf(value: Binary): Buffer {
  return Buffer.from(value.$content, "base64");
}

/**
 * Deep equality as equals(), contains(), union() and intersection() compare: numbers by value whatever their
 * kind (1 equals 1.0), strings case-sensitively, objects by their set of keys regardless of order.
 */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (isWdlNumber(a) && isWdlNumber(b)) {
    return a instanceof Decimal || b instanceof Decimal ? Decimal.from(a).compare(Decimal.from(b)) === 0 : toJsNumber(a) === toJsNumber(b);
  }
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a).filter((k) => a[k] !== undefined);
    return keys.length === Object.keys(b).filter((k) => b[k] !== undefined).length && keys.every((k) => deepEqual(a[k], b[k]));
  }
  return (a === null || a === undefined) && (b === null || b === undefined);
}

/**
 * Canonical text per object, cached: workflows grow a list page by page with union(), meeting the same item
 * objects again, and expression values are never changed in place.
 */
const canonicalCache = new WeakMap<object, string>();

/** JSON with object keys sorted, so deepEqual values give equal text: union() dedupes in linear time with it. */
export function canonical(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (typeof value !== "object") return JSON.stringify(value);
  const cached = canonicalCache.get(value);
  if (cached !== undefined) return cached;
  if (value instanceof WholeFloat || value instanceof Decimal) return String(toJsNumber(value));
  const text = Array.isArray(value)
    ? `[${value.map(canonical).join(",")}]`
    : `{${Object.keys(value)
        .filter((k) => (value as JsonObject)[k] !== undefined)
        .sort()
        .map((k) => `${JSON.stringify(k)}:${canonical((value as JsonObject)[k])}`)
        .join(",")}}`;
  canonicalCache.set(value, text);
  return text;
}

/**
 * The text string() and an interpolated `@{...}` give: a string as is, null as "", numbers as their digits,
 * a binary envelope as its decoded UTF-8 text, booleans, arrays and objects as compact JSON. Booleans print
 * as `true`/`false`; the runtime's .NET rendering might be `True`, which the docs do not say, so the JSON form
 * is kept.
 */
export function toText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (value instanceof Decimal) return value.toString();
  if (isWdlNumber(value)) return String(toJsNumber(value));
  if (isBinary(value)) return bytesOf(value).toString("utf8");
  return JSON.stringify(value);
}

/**
 * Arrays and objects toPlain found free of number wrappers. They stay so: wrappers exist only inside an
 * evaluation, so nothing can put one into a value that left it. A list grown page by page is then walked
 * once per new item rather than once per evaluation.
 */
const knownPlain = new WeakSet<object>();

function plainArray(value: unknown[]): unknown[] {
  let copy: unknown[] | undefined;
  for (let i = 0; i < value.length; i++) {
    const item = value[i];
    const plain = item === undefined ? item : toPlain(item);
    if (plain !== item) (copy ??= value.slice())[i] = plain;
  }
  return copy ?? value;
}

function plainObject(value: JsonObject): JsonObject {
  let copy: JsonObject | undefined;
  for (const key of Object.keys(value)) {
    const item = value[key];
    const plain = item === undefined ? item : toPlain(item);
    if (plain !== item) (copy ??= { ...value })[key] = plain;
  }
  return copy ?? value;
}

/**
 * The workflow-visible form of an evaluator value: number wrappers become plain numbers and undefined
 * becomes null. Arrays and objects are copied only when something inside them changes, so values read from
 * the scope come back as the same objects (and union()'s canonical cache keeps working across evaluations).
 */
export function toPlain(value: unknown): unknown {
  if (value === undefined) return null;
  if (value === null || typeof value !== "object" || knownPlain.has(value)) return value;
  if (value instanceof WholeFloat || value instanceof Decimal) return toJsNumber(value);
  const result = Array.isArray(value) ? plainArray(value) : isObject(value) ? plainObject(value) : value;
  knownPlain.add(result);
  return result;
}
