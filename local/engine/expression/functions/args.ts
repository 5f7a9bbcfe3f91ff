/** Argument checks shared by the function implementations; each message names the function. */
export function str(fn: string, value: unknown, position = 1): string {
  if (typeof value !== "string") throw new Error(`${fn}: argument ${position} must be a string, got ${JSON.stringify(value)}`);
  return value;
}

export function num(fn: string, value: unknown, position = 1): number {
  if (typeof value !== "number" || !Number.isFinite(value)) throw new Error(`${fn}: argument ${position} must be a number, got ${JSON.stringify(value)}`);
  return value;
}

export function int(fn: string, value: unknown, position = 1): number {
  const n = num(fn, value, position);
  if (!Number.isInteger(n)) throw new Error(`${fn}: argument ${position} must be an integer, got ${n}`);
  return n;
}

export function arr(fn: string, value: unknown, position = 1): unknown[] {
  if (!Array.isArray(value)) throw new Error(`${fn}: argument ${position} must be an array, got ${JSON.stringify(value)}`);
  return value;
}

export function bool(fn: string, value: unknown, position = 1): boolean {
  if (typeof value !== "boolean") throw new Error(`${fn}: argument ${position} must be a boolean, got ${JSON.stringify(value)}`);
  return value;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** Deep equality of JSON values: what equals(), contains() and union() compare by. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => k in b && sameValue(a[k], b[k]));
  }
  return false;
}
