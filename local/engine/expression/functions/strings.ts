import { randomUUID } from "node:crypto";
import { int, str } from "./args";
import type { FunctionImpl } from "../functions";

function guid(format: unknown): string {
  const g = randomUUID();
  switch (format === undefined ? "D" : String(format).toUpperCase()) {
    case "N":
      return g.replace(/-/g, "");
    case "D":
      return g;
    case "B":
      return `{${g}}`;
    case "P":
      return `(${g})`;
    default:
      throw new Error(`guid: format must be N, D, B or P, got ${JSON.stringify(format)}`);
  }
}

function substring(text: string, start: number, length?: number): string {
  if (start < 0 || start > text.length) throw new Error(`substring: startIndex ${start} is outside the string of length ${text.length}`);
  if (length !== undefined && (length < 0 || start + length > text.length)) throw new Error(`substring: startIndex plus length must be within the string`);
  return text.substr(start, length ?? text.length - start);
}

export const STRING_FUNCTIONS: Record<string, FunctionImpl> = {
  concat: (args) => args.map((a) => (a === null || a === undefined ? "" : typeof a === "string" ? a : JSON.stringify(a))).join(""),
  endsWith: ([t, s]) => str("endsWith", t).toLowerCase().endsWith(str("endsWith", s, 2).toLowerCase()),
  startsWith: ([t, s]) => str("startsWith", t).toLowerCase().startsWith(str("startsWith", s, 2).toLowerCase()),
  guid: ([f]) => guid(f),
  indexOf: ([t, s]) => str("indexOf", t).toLowerCase().indexOf(str("indexOf", s, 2).toLowerCase()),
  lastIndexOf: ([t, s]) => str("lastIndexOf", t).toLowerCase().lastIndexOf(str("lastIndexOf", s, 2).toLowerCase()),
  nthIndexOf: ([t, s, n]) => {
    const text = str("nthIndexOf", t);
    const find = str("nthIndexOf", s, 2);
    let at = -1;
    for (let i = 0; i < int("nthIndexOf", n, 3); i++) {
      at = text.indexOf(find, at + 1);
      if (at < 0) return -1;
    }
    return at;
  },
  replace: ([t, o, n]) => str("replace", t).split(str("replace", o, 2)).join(str("replace", n, 3)),
  slice: ([t, s, e]) => {
    const text = str("slice", t);
    return text.slice(int("slice", s, 2), e === undefined ? undefined : int("slice", e, 3));
  },
  split: ([t, d]) => str("split", t).split(str("split", d, 2)),
  substring: ([t, s, l]) => substring(str("substring", t), int("substring", s, 2), l === undefined ? undefined : int("substring", l, 3)),
  toLower: ([t]) => str("toLower", t).toLowerCase(),
  toUpper: ([t]) => str("toUpper", t).toUpperCase(),
  trim: ([t]) => str("trim", t).trim(),
  chunk: ([c, n]) => {
    const size = int("chunk", n, 2);
    if (size < 1) throw new Error("chunk: length must be at least 1");
    const items = typeof c === "string" ? c : Array.isArray(c) ? c : str("chunk", c);
    const out: unknown[] = [];
    for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
    return out;
  },
};
