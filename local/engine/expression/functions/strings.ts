/**
 * The guide's string functions (chunk and length, listed under collections too, live in collections.ts).
 * Case rules are the guide's: indexOf, lastIndexOf, startsWith and endsWith ignore case, replace and
 * contains do not; nthIndexOf's case rule is undocumented and follows indexOf's.
 */
import { randomUUID } from "node:crypto";
import { formatNumber } from "../numberFormat";
import { toJsNumber } from "../numbers";
import { toText } from "../values";
import { Call, FunctionImpl, fail, integerArg, localeArg, numberArg, optionalString, stringArg } from "./args";

function guid(call: Call, args: readonly unknown[]): string {
  const g = randomUUID();
  const format = optionalString(call, args, 0) ?? "D";
  switch (format.toUpperCase()) {
    case "N":
      return g.replace(/-/g, "");
    case "D":
      return g;
    case "B":
      return `{${g}}`;
    case "P":
      return `(${g})`;
    case "X": {
      const hex = g.replace(/-/g, "");
      const bytes = hex.slice(16).match(/../g)!.map((b) => `0x${b}`);
      return `{0x${hex.slice(0, 8)},0x${hex.slice(8, 12)},0x${hex.slice(12, 16)},{${bytes.join(",")}}}`;
    }
    default:
      throw fail(call, `was given the format '${format}'; use N, D, B, P or X.`);
  }
}

/** Index of the n-th occurrence (n < 0 counts from the end), or -1 when there are fewer than |n|. */
function nthIndexOf(call: Call, args: readonly unknown[]): number {
  const text = stringArg(call, args, 0).toLowerCase();
  const find = stringArg(call, args, 1).toLowerCase();
  const n = integerArg(call, args, 2);
  if (n === 0) throw fail(call, "expects its third parameter, the occurrence, not to be zero.");
  let at = n > 0 ? -1 : text.length + 1;
  for (let i = 0; i < Math.abs(n); i++) {
    at = n > 0 ? text.indexOf(find, at + 1) : at === 0 ? -1 : text.lastIndexOf(find, at - 1);
    if (at < 0) return -1;
  }
  return at;
}

/** The guide's rules for empty values: "" in "" is 0, "" in "abc" is the last index (length - 1). */
function lastIndexOf(call: Call, args: readonly unknown[]): number {
  const text = stringArg(call, args, 0).toLowerCase();
  const find = stringArg(call, args, 1).toLowerCase();
  if (find === "") return text === "" ? 0 : text.length - 1;
  return text.lastIndexOf(find);
}

/** Unlike similar functions elsewhere, substring() fails when startIndex + length passes the end (the guide's note). */
function substring(call: Call, args: readonly unknown[]): string {
  const text = stringArg(call, args, 0);
  const start = integerArg(call, args, 1);
  const length = args.length > 2 ? integerArg(call, args, 2) : text.length - start;
  if (start < 0 || start > text.length) {
    throw fail(call, `parameter startIndex is out of range: ${start} is not between 0 and the length of the text, ${text.length}.`);
  }
  if (length < 0 || start + length > text.length) {
    throw fail(call, `parameters are out of range: startIndex ${start} plus length ${length} must not exceed the length of the text, ${text.length}.`);
  }
  return text.substring(start, start + length);
}

function replace(call: Call, args: readonly unknown[]): string {
  const text = stringArg(call, args, 0);
  const oldText = stringArg(call, args, 1);
  if (oldText === "") throw fail(call, "expects its second parameter, the text to replace, not to be empty.");
  return text.split(oldText).join(stringArg(call, args, 2));
}

export const STRING_FUNCTIONS: Record<string, FunctionImpl> = {
  // The guide asks for strings; like the runtime, other values join in their text form (numbers as digits).
  concat: (args) => args.map(toText).join(""),
  endsWith: (args, call) => stringArg(call, args, 0).toLowerCase().endsWith(stringArg(call, args, 1).toLowerCase()),
  startsWith: (args, call) => stringArg(call, args, 0).toLowerCase().startsWith(stringArg(call, args, 1).toLowerCase()),
  formatNumber: (args, call) => formatNumber(toJsNumber(numberArg(call, args, 0)), stringArg(call, args, 1), localeArg(call, args, 2)),
  guid: (args, call) => guid(call, args),
  indexOf: (args, call) => stringArg(call, args, 0).toLowerCase().indexOf(stringArg(call, args, 1).toLowerCase()),
  lastIndexOf: (args, call) => lastIndexOf(call, args),
  nthIndexOf: (args, call) => nthIndexOf(call, args),
  replace: (args, call) => replace(call, args),
  slice: (args, call) => stringArg(call, args, 0).slice(integerArg(call, args, 1), args.length > 2 ? integerArg(call, args, 2) : undefined),
  // An empty delimiter leaves the text whole, as .NET's String.Split does.
  split: (args, call) => {
    const text = stringArg(call, args, 0);
    const delimiter = stringArg(call, args, 1);
    return delimiter === "" ? [text] : text.split(delimiter);
  },
  substring: (args, call) => substring(call, args),
  toLower: (args, call) => stringArg(call, args, 0).toLowerCase(),
  toUpper: (args, call) => stringArg(call, args, 0).toUpperCase(),
  trim: (args, call) => stringArg(call, args, 0).trim(),
};
