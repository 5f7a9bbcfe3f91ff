/**
 * Tokenizer for WDL expression bodies. The lexical rules follow Microsoft's own designer scanner
 * (Azure/LogicAppsUX, ExpressionScanner) where the public docs are silent: identifiers may hold
 * any character except `.,(){}@[]?'`, quotes and whitespace (so `.Content-Type` is one property
 * name), numbers take an optional sign, fraction and `e` exponent, and whitespace is .NET's
 * Char.IsWhiteSpace set because that is what the runtime skips.
 */

export class ExpressionSyntaxError extends Error {
  /** Offset into `expression` where the problem was found. */
  readonly position: number;
  /** The text the position refers to (an expression body, or a whole template value). */
  readonly expression: string;
  /** The message without the `Expression "..." at position N:` prefix. */
  readonly detail: string;

  constructor(expression: string, position: number, detail: string) {
    super(`Expression "${expression}" at position ${position}: ${detail}`);
    this.name = "ExpressionSyntaxError";
    this.expression = expression;
    this.position = position;
    this.detail = detail;
  }
}

export type Punctuation = "(" | ")" | "," | "." | "[" | "]" | "?";

export type TokenType = "identifier" | "number" | "string" | Punctuation | "end";

export interface Token {
  type: TokenType;
  /** The exact source slice (for strings: including quotes and `''` escapes). */
  text: string;
  /** Decoded string value for `string`, otherwise the same as `text`. */
  value: string;
  position: number;
}

const PUNCTUATION = new Set<string>(["(", ")", ",", ".", "[", "]", "?"]);

// .NET Char.IsWhiteSpace; JS `\s` differs (it has U+FEFF, lacks U+0085).
const WHITESPACE = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;

// `"`, `{`, `}` and `@` are excluded so that misuse is reported where it happens instead of
// being swallowed into an identifier.
const NON_IDENTIFIER = /[.,(){}@[\]?'"]/;

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= "0" && c <= "9";

export function isWhitespace(c: string): boolean {
  return WHITESPACE.test(c);
}

export function isIdentifierChar(c: string): boolean {
  return !NON_IDENTIFIER.test(c) && !WHITESPACE.test(c);
}

/** Whether `name` can be written after `.` and read back as the same property name. */
export function isIdentifierName(name: string): boolean {
  if (name.length === 0 || isDigit(name[0]) || name[0] === "+" || name[0] === "-") return false;
  for (const c of name) if (!isIdentifierChar(c)) return false;
  return true;
}

/**
 * Index just past the single-quoted string starting at `start`, or -1 if it never closes.
 * Shared with the template splitter so `}` inside a quoted string never ends an `@{...}`.
 */
export function skipString(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    if (text[i] === "'") {
      if (text[i + 1] !== "'") return i + 1;
      i += 2;
    } else {
      i++;
    }
  }
  return -1;
}

/** A value-ending token makes a following `.` a dereference rather than the start of `.5`. */
const ENDS_VALUE: ReadonlySet<TokenType> = new Set<TokenType>(["identifier", "number", "string", ")", "]"]);

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const fail = (position: number, detail: string): never => {
    throw new ExpressionSyntaxError(text, position, detail);
  };
  const push = (type: TokenType, start: number, end: number, value?: string): void => {
    const slice = text.slice(start, end);
    tokens.push({ type, text: slice, value: value ?? slice, position: start });
  };

  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (isWhitespace(c)) {
      i++;
      continue;
    }
    const previous = tokens.length > 0 ? tokens[tokens.length - 1].type : "end";
    // Microsoft's docs write `sub(10.3, .3)`, so a bare leading dot starts a number.
    const leadingDot = c === "." && isDigit(text[i + 1]) && !ENDS_VALUE.has(previous);
    if (PUNCTUATION.has(c) && !leadingDot) {
      push(c as Punctuation, i, i + 1);
      i++;
    } else if (c === "'") {
      const end = skipString(text, i);
      if (end < 0) fail(i, "unterminated string literal");
      push("string", i, end, text.slice(i + 1, end - 1).replace(/''/g, "'"));
      i = end;
    } else if (isDigit(c) || c === "-" || c === "+" || leadingDot) {
      const end = scanNumber(text, i, fail);
      push("number", i, end);
      i = end;
    } else if (c === '"') {
      fail(i, `unexpected character '"' (string literals use single quotes)`);
    } else if (isIdentifierChar(c)) {
      let end = i + 1;
      while (end < text.length && isIdentifierChar(text[end])) end++;
      push("identifier", i, end);
      i = end;
    } else {
      fail(i, `unexpected character '${c}'`);
    }
  }
  tokens.push({ type: "end", text: "", value: "", position: text.length });
  return tokens;
}

function scanNumber(text: string, start: number, fail: (position: number, detail: string) => never): number {
  let i = start;
  if (text[i] === "-" || text[i] === "+") i++;
  const integerStart = i;
  while (isDigit(text[i])) i++;
  if (text[i] === ".") {
    i++;
    const fractionStart = i;
    while (isDigit(text[i])) i++;
    if (i === fractionStart) fail(i, "expected a digit after '.'");
  } else if (i === integerStart) {
    fail(i, `expected a digit after '${text[start]}'`);
  }
  if (text[i] === "e" || text[i] === "E") {
    i++;
    if (text[i] === "-" || text[i] === "+") i++;
    const exponentStart = i;
    while (isDigit(text[i])) i++;
    if (i === exponentStart) fail(i, "expected a digit in the exponent");
  }
  // `12abc` would otherwise read as a number followed by an identifier.
  if (i < text.length && isIdentifierChar(text[i])) {
    fail(i, `unexpected character '${text[i]}' after number`);
  }
  return i;
}
