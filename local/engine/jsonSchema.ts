/**
 * The subset of JSON Schema that ParseJson schemas use (type, properties, required, items, enum,
 * minItems, minLength, pattern, const). Returns the first problem as a path and message, or undefined.
 */
export interface Schema {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  const?: unknown;
  minItems?: number;
  minLength?: number;
  pattern?: string;
  minimum?: number;
}

function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

function typeMatches(expected: string, actual: string): boolean {
  return expected === actual || (expected === "number" && actual === "integer");
}

export function schemaProblem(value: unknown, schema: Schema, path = "$"): string | undefined {
  const actual = typeOf(value);
  if (schema.type !== undefined) {
    const expected = Array.isArray(schema.type) ? schema.type : [schema.type];
    if (!expected.some((t) => typeMatches(t, actual))) return `${path}: expected ${expected.join(" or ")}, got ${actual}`;
  }
  if (schema.enum && !schema.enum.some((e) => JSON.stringify(e) === JSON.stringify(value))) return `${path}: must be one of ${JSON.stringify(schema.enum)}`;
  if ("const" in schema && JSON.stringify(schema.const) !== JSON.stringify(value)) return `${path}: must be ${JSON.stringify(schema.const)}`;
  if (typeof value === "string") {
    if (schema.minLength !== undefined && value.length < schema.minLength) return `${path}: shorter than ${schema.minLength}`;
    if (schema.pattern !== undefined && !new RegExp(schema.pattern, "u").test(value)) return `${path}: does not match ${schema.pattern}`;
  }
  if (typeof value === "number" && schema.minimum !== undefined && value < schema.minimum) return `${path}: less than ${schema.minimum}`;
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems) return `${path}: fewer than ${schema.minItems} items`;
    if (schema.items) {
      for (let i = 0; i < value.length; i++) {
        const p = schemaProblem(value[i], schema.items, `${path}[${i}]`);
        if (p) return p;
      }
    }
  }
  if (actual === "object") {
    const obj = value as Record<string, unknown>;
    for (const key of schema.required ?? []) if (!(key in obj)) return `${path}: required property '${key}' is missing`;
    for (const [key, sub] of Object.entries(schema.properties ?? {})) {
      if (key in obj) {
        const p = schemaProblem(obj[key], sub, `${path}.${key}`);
        if (p) return p;
      }
    }
  }
  return undefined;
}
