import { Json } from "./definition";
import { Expr } from "./expr";

/** String interpolation: rendered as one string with `@{expr}` segments. Build it with the `str` tag. */
export class Interpolation {
  constructor(readonly parts: ReadonlyArray<string | Expr>) {}
}

/** `str\`/${container}/backups\`` renders `"/@{parameters('container')}/backups"`. */
export function str(strings: TemplateStringsArray, ...values: Array<Expr | string>): Interpolation {
  const parts: Array<string | Expr> = [];
  const push = (part: string | Expr) => {
    const prev = parts[parts.length - 1];
    if (typeof part === "string" && typeof prev === "string") parts[parts.length - 1] = prev + part;
    else if (part !== "") parts.push(part);
  };
  strings.forEach((text, i) => {
    push(text);
    if (i < values.length) push(values[i]);
  });
  return new Interpolation(parts);
}

/** What builders put into action inputs: plain JSON, expressions and interpolations, nested freely. */
export type Value =
  | Expr
  | Interpolation
  | string
  | number
  | boolean
  | null
  | readonly Value[]
  | { readonly [key: string]: Value | undefined };

/**
 * A plain string is always a literal: a leading `@` is escaped as `@@`. A literal containing `@{` would be
 * read as interpolation and has no documented escape, so it is refused rather than silently changed.
 */
export function literal(text: string): string {
  if (text.includes("@{")) throw new Error(`Literal string ${JSON.stringify(text)} contains "@{", which Logic Apps would evaluate; build it with str\`\` instead`);
  return text.startsWith("@") ? `@${text}` : text;
}

function interpolatedLiteral(text: string, first: boolean): string {
  // Only a leading `@` is special; a trailing one would fuse with the next `@{` segment.
  if (text.endsWith("@")) throw new Error(`Interpolated text ${JSON.stringify(text)} ends with "@", which would fuse with the next expression`);
  // A value starting with "@@" is a literal as a whole (its @{...} segments would not be evaluated), so a
  // leading "@" before interpolated expressions is written as an expression yielding "@".
  if (first) return text.startsWith("@") ? `@{'@'}${interpolatedLiteral(text.slice(1), false)}` : literal(text);
  if (text.includes("@{")) return literal(text); // throws with the same message
  return text;
}

export function renderValue(value: Value): Json {
  if (value instanceof Expr) return `@${value.text}`;
  if (value instanceof Interpolation) {
    if (value.parts.length === 1 && typeof value.parts[0] === "string") return literal(value.parts[0]);
    return value.parts.map((p, i) => (p instanceof Expr ? `@{${p.text}}` : interpolatedLiteral(p, i === 0))).join("");
  }
  if (typeof value === "string") return literal(value);
  if (value === null || typeof value === "number" || typeof value === "boolean") return value;
  if (Array.isArray(value)) return value.map((v: Value) => renderValue(v));
  const out: { [key: string]: Json } = {};
  for (const [key, v] of Object.entries(value as { readonly [key: string]: Value | undefined })) {
    if (v !== undefined) out[key] = renderValue(v);
  }
  return out;
}

/** Render a value that must be a string in the definition (a `uri`, an ApiConnection `path`, ...). */
export function renderString(value: Expr | Interpolation | string): string {
  return renderValue(value) as string;
}
