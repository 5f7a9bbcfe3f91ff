/**
 * Parser for WDL expressions and for the `@` / `@@` / `@{...}` rules that decide how a JSON
 * string value of a workflow definition is read. Grammar (Microsoft's designer parser,
 * Azure/LogicAppsUX ExpressionParser, is the reference where the docs are silent):
 *
 *   expression  := literal | call dereference*
 *   literal     := STRING | NUMBER | true | false | null      (keywords case-insensitive)
 *   call        := IDENTIFIER "(" [expression ("," expression)*] ")"
 *   dereference := ["?"] ("." IDENTIFIER | "[" expression "]")
 *
 * WDL has no variables or operators, so a bare word other than the three keywords is an error,
 * and only call results can be dereferenced.
 */
import type { Dereference, ExpressionNode, FunctionCall, Template } from "./ast";
import { ExpressionSyntaxError, isIdentifierName, skipString, tokenize, type Token } from "./scanner";

export { ExpressionSyntaxError } from "./scanner";

// Case-insensitive like the designer's keyword match; a Map avoids hits on Object.prototype names.
const KEYWORDS: ReadonlyMap<string, "boolean" | "null"> = new Map([
  ["true", "boolean"],
  ["false", "boolean"],
  ["null", "null"],
]);

class Parser {
  private readonly tokens: Token[];
  private index = 0;

  constructor(private readonly text: string) {
    this.tokens = tokenize(text);
  }

  parseWhole(): ExpressionNode {
    const node = this.parseExpression("an expression");
    const rest = this.peek();
    if (rest.type !== "end") this.fail(rest, `unexpected ${describe(rest)} after the end of the expression`);
    return node;
  }

  private peek(): Token {
    return this.tokens[this.index];
  }

  private take(): Token {
    const token = this.tokens[this.index];
    if (token.type !== "end") this.index++;
    return token;
  }

  private fail(token: Token, detail: string): never {
    throw new ExpressionSyntaxError(this.text, token.position, detail);
  }

  private expect(type: Token["type"], what: string): Token {
    const token = this.peek();
    if (token.type !== type) this.fail(token, `expected ${what} but ${found(token)}`);
    return this.take();
  }

  private parseExpression(what: string): ExpressionNode {
    const token = this.take();
    switch (token.type) {
      case "string":
        return { kind: "string", value: token.value, position: token.position };
      case "number":
        return { kind: "number", value: Number(token.text), raw: token.text, position: token.position };
      case "identifier":
        return this.parseIdentifier(token);
      default:
        return this.fail(token, `expected ${what} but ${found(token)}`);
    }
  }

  private parseIdentifier(token: Token): ExpressionNode {
    const keyword = KEYWORDS.get(token.text.toLowerCase());
    if (keyword === "boolean") return { kind: "boolean", value: token.text.toLowerCase() === "true", position: token.position };
    if (keyword === "null") return { kind: "null", value: null, position: token.position };
    if (this.peek().type !== "(") {
      this.fail(token, `bare identifier '${token.text}' is not allowed: expected '(' to call a function, or true, false or null`);
    }
    this.take();
    const call: FunctionCall = { kind: "call", name: token.text, args: [], position: token.position };
    if (this.peek().type === ")") {
      this.take();
    } else {
      for (;;) {
        call.args.push(this.parseExpression("an argument"));
        const next = this.peek();
        if (next.type === ",") {
          this.take();
        } else if (next.type === ")") {
          this.take();
          break;
        } else {
          // At the end only ')' can help; mid-text a ',' might have been meant too.
          this.fail(next, next.type === "end" ? "expected ')' but reached the end" : `expected ',' or ')' but ${found(next)}`);
        }
      }
    }
    return this.parseDereferences(call);
  }

  private parseDereferences(target: ExpressionNode): ExpressionNode {
    let node = target;
    for (;;) {
      const start = this.peek();
      const safe = start.type === "?";
      if (safe) this.take();
      const operator = this.peek();
      let member: Dereference;
      if (operator.type === ".") {
        this.take();
        const name = this.expect("identifier", "a property name after '.'");
        const property: ExpressionNode = { kind: "string", value: name.text, position: name.position };
        member = { kind: "member", target: node, property, safe, dot: true, position: start.position };
      } else if (operator.type === "[") {
        this.take();
        const property = this.parseExpression("an expression");
        this.expect("]", "']'");
        member = { kind: "member", target: node, property, safe, dot: false, position: start.position };
      } else if (safe) {
        return this.fail(operator, `expected '.' or '[' after '?' but ${found(operator)}`);
      } else {
        return node;
      }
      node = member;
    }
  }
}

function describe(token: Token): string {
  switch (token.type) {
    case "end":
      return "end";
    case "identifier":
      return `identifier '${token.text}'`;
    case "string":
      return `string ${token.text}`;
    case "number":
      return `number ${token.text}`;
    default:
      return `'${token.text}'`;
  }
}

function found(token: Token): string {
  return token.type === "end" ? "reached the end" : `found ${describe(token)}`;
}

/** Parses an expression body, without the leading `@` or the `@{` `}` delimiters. */
export function parseExpression(text: string): ExpressionNode {
  return new Parser(text).parseWhole();
}

/**
 * Reads a JSON string value the way the Logic Apps runtime does (WDL schema reference,
 * "Expressions"; edge cases as in the designer's parseTemplateExpression):
 * - `"@@text"` is the literal `@text`; nothing else in it is interpreted;
 * - `"@expr"` (not `@{`) is a whole-value expression; trailing text is a syntax error;
 * - otherwise each `@{expr}` is interpolated and `@@{` stands for a literal `@{`; any other `@`
 *   (e.g. `"a@b"`, `" @"`, or a lone `"@"`) is plain text.
 * Node positions and error positions inside a segment are relative to that segment's body.
 */
export function parseTemplate(value: string): Template {
  if (value.startsWith("@@")) return { kind: "literal", value: value.slice(1) };
  if (value.length > 1 && value[0] === "@" && value[1] !== "{") {
    return { kind: "expression", expression: parseExpression(value.slice(1)) };
  }
  const parts: Array<string | ExpressionNode> = [];
  let text = "";
  let i = 0;
  for (let open = findSegmentStart(value, 0); open >= 0; open = findSegmentStart(value, i)) {
    if (open > 0 && value[open - 1] === "@") {
      text += value.slice(i, open - 1) + "@{";
      i = open + 2;
      continue;
    }
    text += value.slice(i, open);
    const close = findSegmentEnd(value, open);
    if (text !== "") parts.push(text);
    text = "";
    parts.push(parseExpression(value.slice(open + 2, close)));
    i = close + 1;
  }
  text += value.slice(i);
  if (parts.length === 0) return { kind: "literal", value: text };
  if (text !== "") parts.push(text);
  return { kind: "interpolation", parts };
}

function findSegmentStart(value: string, from: number): number {
  return value.indexOf("@{", from);
}

/** Index of the `}` closing the segment opened at `open`; quoted strings may contain `}`. */
function findSegmentEnd(value: string, open: number): number {
  let i = open + 2;
  while (i < value.length) {
    const c = value[i];
    if (c === "}") return i;
    if (c === "'") {
      const end = skipString(value, i);
      if (end < 0) throw new ExpressionSyntaxError(value, i, "unterminated string literal");
      i = end;
    } else {
      i++;
    }
  }
  throw new ExpressionSyntaxError(value, value.length, `expected '}' to close the '@{' at position ${open} but reached the end`);
}

/**
 * True when the runtime would evaluate something in `value` (a whole-value expression or at
 * least one unescaped `@{`), whether or not it is well-formed; `parseTemplate` tells which.
 */
export function containsExpression(value: string): boolean {
  if (value.startsWith("@@")) return false;
  if (value.length > 1 && value[0] === "@") return true;
  for (let open = findSegmentStart(value, 0); open >= 0; open = findSegmentStart(value, open + 2)) {
    if (open === 0 || value[open - 1] !== "@") return true;
  }
  return false;
}

/** Visits every function call, outer before inner, in source order. */
export function forEachCall(node: ExpressionNode | Template, visit: (call: FunctionCall) => void): void {
  switch (node.kind) {
    case "call":
      visit(node);
      node.args.forEach((arg) => forEachCall(arg, visit));
      return;
    case "member":
      forEachCall(node.target, visit);
      forEachCall(node.property, visit);
      return;
    case "expression":
      forEachCall(node.expression, visit);
      return;
    case "interpolation":
      for (const part of node.parts) if (typeof part !== "string") forEachCall(part, visit);
      return;
    default:
      return;
  }
}

/** Canonical text of an expression body: `, ` between arguments, keywords in lower case. */
export function renderExpression(node: ExpressionNode): string {
  switch (node.kind) {
    case "string":
      return `'${node.value.replace(/'/g, "''")}'`;
    case "number":
      if (node.raw !== undefined) return node.raw;
      if (!Number.isFinite(node.value)) throw new RangeError(`WDL has no literal for ${node.value}`);
      return String(node.value);
    case "boolean":
      return node.value ? "true" : "false";
    case "null":
      return "null";
    case "call":
      return `${node.name}(${node.args.map(renderExpression).join(", ")})`;
    case "member": {
      const target = renderExpression(node.target) + (node.safe ? "?" : "");
      const property = node.property;
      if (node.dot && property.kind === "string" && isIdentifierName(property.value)) return `${target}.${property.value}`;
      return `${target}[${renderExpression(property)}]`;
    }
  }
}
