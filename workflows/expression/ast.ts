/**
 * Syntax tree of a Workflow Definition Language (WDL) expression body, i.e. the text after `@`
 * or inside `@{...}`. Every node records `position`, a UTF-16 offset into the text that was
 * parsed, so a validator can point at the offending call rather than at the whole JSON value.
 */

export interface StringLiteral {
  kind: "string";
  /** The decoded value: `'it''s'` is stored as `it's`. */
  value: string;
  position: number;
}

export interface NumberLiteral {
  kind: "number";
  value: number;
  /**
   * The source spelling. Kept because a JS number cannot hold every integer the runtime accepts
   * (e.g. tick counts above 2^53), so rendering from `value` alone could change the expression.
   */
  raw?: string;
  position: number;
}

export interface BooleanLiteral {
  kind: "boolean";
  value: boolean;
  position: number;
}

export interface NullLiteral {
  kind: "null";
  value: null;
  position: number;
}

export interface FunctionCall {
  kind: "call";
  /** As written; WDL function names are case-insensitive, see functions.ts. */
  name: string;
  args: ExpressionNode[];
  position: number;
}

/**
 * `target.x`, `target['x']`, `target[0]`, `target[expr]`, and the null-safe `target?.x` /
 * `target?['x']`. For `.x` the property is the string literal `x` and `dot` is true, so the
 * original notation survives a render; `position` is that of the `?`, `.` or `[`.
 */
export interface Dereference {
  kind: "member";
  target: ExpressionNode;
  property: ExpressionNode;
  safe: boolean;
  dot?: boolean;
  position: number;
}

export type Literal = StringLiteral | NumberLiteral | BooleanLiteral | NullLiteral;

export type ExpressionNode = Literal | FunctionCall | Dereference;

/**
 * How the runtime reads one JSON string value of a workflow definition:
 * - `literal`: no expression; `value` is the text after `@@` escapes were applied;
 * - `expression`: `"@expr"`, whose result keeps its JSON type;
 * - `interpolation`: text with `@{expr}` segments, whose result is always a string.
 */
export type Template =
  | { kind: "literal"; value: string }
  | { kind: "expression"; expression: ExpressionNode }
  | { kind: "interpolation"; parts: Array<string | ExpressionNode> };
