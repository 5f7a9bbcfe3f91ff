/**
 * A small typed API for workflow-language expressions. An `Expr` is the expression text without its
 * leading `@`; it becomes a whole-value `"@expr"` or, inside a template, a string-interpolated `@{expr}`
 * only when a definition is rendered (see value.ts), so no expression ever travels disguised as a string.
 */
export class Expr {
  private constructor(readonly text: string) {}

  /** Internal escape hatch for the function helpers below; builders use the helpers. */
  static of(text: string): Expr {
    return new Expr(text);
  }

  /** Null-safe property access: `x?['name']`. */
  prop(name: string): Expr {
    return new Expr(`${this.text}?[${quote(name)}]`);
  }

  /** Strict property access: `x['name']`, which fails the action when the property is absent. */
  field(name: string): Expr {
    return new Expr(`${this.text}[${quote(name)}]`);
  }

  /** Array index: `x[0]`. */
  at(index: number): Expr {
    return new Expr(`${this.text}[${index}]`);
  }

  /** Array index by an expression: `x[variables('i')]`. */
  index(position: Expr): Expr {
    return new Expr(`${this.text}[${position.text}]`);
  }

  /** Null-safe array index: `x?[0]`, null when the array is shorter. */
  atSafe(index: number): Expr {
    return new Expr(`${this.text}?[${index}]`);
  }
}

export type Arg = Expr | string | number | boolean | null;

/** A workflow-language string literal, with `'` doubled as the language escapes it. */
export function quote(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

function renderArg(arg: Arg): string {
  if (arg instanceof Expr) return arg.text;
  if (typeof arg === "string") return quote(arg);
  if (arg === null) return "null";
  return String(arg);
}

export function call(name: string, ...args: Arg[]): Expr {
  return Expr.of(`${name}(${args.map(renderArg).join(", ")})`);
}

/** Something the workflow can refer to by name; action handles implement it so names cannot dangle. */
export interface Named {
  readonly name: string;
}

// Workflow functions.
export const parameters = (parameter: Named): Expr => call("parameters", parameter.name);
export const variables = (variable: Named): Expr => call("variables", variable.name);
export const body = (action: Named): Expr => call("body", action.name);
export const outputs = (action: Named): Expr => call("outputs", action.name);
export const actions = (action: Named): Expr => call("actions", action.name);
export const items = (loop: Named): Expr => call("items", loop.name);
export const item = (): Expr => call("item");
export const triggerBody = (): Expr => call("triggerBody");
export const workflow = (): Expr => call("workflow");
export const runName = (): Expr => workflow().prop("run").prop("name");

// String, collection, logical, conversion and date functions.
export const concat = (...args: Arg[]): Expr => call("concat", ...args);
export const equals = (a: Arg, b: Arg): Expr => call("equals", a, b);
export const not = (a: Arg): Expr => call("not", a);
export const and = (...args: Arg[]): Expr => call("and", ...args);
export const or = (...args: Arg[]): Expr => call("or", ...args);
export const greater = (a: Arg, b: Arg): Expr => call("greater", a, b);
export const empty = (a: Arg): Expr => call("empty", a);
export const length = (a: Arg): Expr => call("length", a);
export const coalesce = (...args: Arg[]): Expr => call("coalesce", ...args);
/** `json('[]')`: the reference lists createArray with at least two arguments, so no createArray() here. */
export const emptyArray = (): Expr => call("json", "[]");
export const union = (...args: Arg[]): Expr => call("union", ...args);
export const last = (a: Arg): Expr => call("last", a);
export const split = (text: Arg, delimiter: Arg): Expr => call("split", text, delimiter);
export const ifElse = (condition: Arg, then: Arg, otherwise: Arg): Expr => call("if", condition, then, otherwise);
export const json = (a: Arg): Expr => call("json", a);
export const base64ToString = (a: Arg): Expr => call("base64ToString", a);
export const encodeUriComponent = (a: Arg): Expr => call("encodeURIComponent", a);
export const utcNow = (): Expr => call("utcNow");
export const formatDateTime = (timestamp: Arg, format: Arg): Expr => call("formatDateTime", timestamp, format);
export const add = (a: Arg, b: Arg): Expr => call("add", a, b);
export const sub = (a: Arg, b: Arg): Expr => call("sub", a, b);
export const mul = (a: Arg, b: Arg): Expr => call("mul", a, b);
export const div = (a: Arg, b: Arg): Expr => call("div", a, b);
export const min = (...args: Arg[]): Expr => call("min", ...args);
export const int = (a: Arg): Expr => call("int", a);
export const range = (start: Arg, count: Arg): Expr => call("range", start, count);
export const substring = (text: Arg, start: Arg, length: Arg): Expr => call("substring", text, start, length);
export const contains = (collection: Arg, value: Arg): Expr => call("contains", collection, value);
export const startsWith = (text: Arg, prefix: Arg): Expr => call("startsWith", text, prefix);
export const endsWith = (text: Arg, suffix: Arg): Expr => call("endsWith", text, suffix);
export const first = (a: Arg): Expr => call("first", a);
export const sort = (collection: Arg, key?: string): Expr => (key === undefined ? call("sort", collection) : call("sort", collection, key));
export const isInt = (a: Arg): Expr => call("isInt", a);
export const string = (a: Arg): Expr => call("string", a);
export const lessOrEquals = (a: Arg, b: Arg): Expr => call("lessOrEquals", a, b);
export const addMinutes = (timestamp: Arg, minutes: number): Expr => call("addMinutes", timestamp, minutes);
export const toLower = (a: Arg): Expr => call("toLower", a);
export const max = (...args: Arg[]): Expr => call("max", ...args);
export const intersection = (...args: Arg[]): Expr => call("intersection", ...args);
export const lastIndexOf = (text: Arg, search: Arg): Expr => call("lastIndexOf", text, search);
export const join = (collection: Arg, delimiter: Arg): Expr => call("join", collection, delimiter);
export const chunk = (collection: Arg, size: Arg): Expr => call("chunk", collection, size);
export const result = (scope: Named): Expr => call("result", scope.name);
export const greaterOrEquals = (a: Arg, b: Arg): Expr => call("greaterOrEquals", a, b);
/** union() of one or more collections: union() itself takes at least two. */
export const unionOf = (collections: readonly Expr[]): Expr => (collections.length === 1 ? collections[0] : union(...collections));
export const skip = (collection: Arg, count: Arg): Expr => call("skip", collection, count);
export const take = (collection: Arg, count: Arg): Expr => call("take", collection, count);
export const less = (a: Arg, b: Arg): Expr => call("less", a, b);
