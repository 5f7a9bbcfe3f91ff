/**
 * The guide's conversion functions. Binary results are the runtime's content envelope (values.ts Binary);
 * the text functions read such an envelope back as UTF-8. encodeUriComponent/uriComponent escape every
 * character outside RFC 3986's unreserved set (A-Z a-z 0-9 - . _ ~), as .NET's Uri.EscapeDataString does;
 * the guide's example ('https://contoso.com' to 'https%3A%2F%2Fcontoso.com') agrees.
 */
import { Decimal, float, isWdlNumber, toJsNumber } from "../numbers";
import { parseLocaleFloat } from "../numberFormat";
import { Binary, binaryOf, bytesOf, isBinary, toText } from "../values";
import { Call, FunctionImpl, fail, localeArg, stringArg, wrongType } from "./args";

/** Text input: a string, or a binary envelope read as UTF-8. */
function textArg(call: Call, args: readonly unknown[], index: number): string {
  const value = args[index];
  if (isBinary(value)) return bytesOf(value).toString("utf8");
  return stringArg(call, args, index);
}

/** Strict base64, as .NET's Convert.FromBase64String: whitespace aside, only the alphabet and final padding. */
function base64Bytes(call: Call, args: readonly unknown[]): Buffer {
  const text = stringArg(call, args, 0).replace(/\s+/g, "");
  if (text.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) {
    throw fail(call, `was invoked with a parameter that is not valid: '${abbreviate(text)}' is not a base64 string.`);
  }
  return Buffer.from(text, "base64");
}

function abbreviate(text: string): string {
  return text.length > 80 ? `${text.slice(0, 80)}...` : text;
}

/** Bytes of a value meant as content: a binary envelope's bytes, anything else's UTF-8 text. */
function contentBytes(value: unknown): Buffer {
  return isBinary(value) ? bytesOf(value) : Buffer.from(toText(value), "utf8");
}

/** Percent-decoding into UTF-8, failing by name on a malformed escape. */
function uriDecode(call: Call, args: readonly unknown[]): string {
  const text = stringArg(call, args, 0);
  try {
    return decodeURIComponent(text);
  } catch {
    throw fail(call, `was invoked with a parameter that is not valid: '${abbreviate(text)}' has a malformed escape sequence.`);
  }
}

function escapeDataString(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** RFC 2397 `data:[<media type>][;base64],<data>`. */
function dataUriContent(call: Call, args: readonly unknown[]): Binary {
  const text = stringArg(call, args, 0);
  const m = /^data:([^,]*?)(;base64)?,(.*)$/is.exec(text);
  if (!m) throw fail(call, `was invoked with a parameter that is not valid: '${abbreviate(text)}' is not a data URI.`);
  let bytes: Buffer;
  try {
    bytes = m[2] ? Buffer.from(m[3], "base64") : Buffer.from(decodeURIComponent(m[3]), "utf8");
  } catch {
    throw fail(call, `was invoked with a parameter that is not valid: the data of '${abbreviate(text)}' cannot be decoded.`);
  }
  return binaryOf(bytes, m[1] || "text/plain;charset=US-ASCII");
}

/** json(): text (or binary content) parsed as JSON; the guide: a null string gives an empty object. */
function json(call: Call, args: readonly unknown[]): unknown {
  const value = args[0];
  if (value === null || value === undefined) return {};
  if (typeof value === "object" && !isBinary(value) && !isWdlNumber(value)) return value; // already JSON
  const text = textArg(call, args, 0);
  try {
    // JSON.parse cannot keep 1.0 apart from 1, so a whole float in the text reads as an integer.
    return JSON.parse(text);
  } catch (err) {
    throw fail(call, `parameter is not valid. The provided value '${abbreviate(text)}' cannot be parsed: ${(err as Error).message}.`);
  }
}

const INTEGER = /^\s*[+-]?\d+\s*$/;

function int(call: Call, args: readonly unknown[]): number {
  const value = args[0];
  if (isWdlNumber(value)) {
    const n = toJsNumber(value);
    if (Number.isInteger(n)) return n;
  } else if (typeof value === "string" && INTEGER.test(value)) {
    const n = Number(value);
    if (Number.isSafeInteger(n)) return n;
  }
  throw fail(call, `was invoked with a parameter that is not valid. The value '${abbreviate(toText(value))}' cannot be converted to an integer.`);
}

function floatOf(call: Call, args: readonly unknown[]): unknown {
  const value = args[0];
  if (isWdlNumber(value)) return float(toJsNumber(value));
  const text = stringArg(call, args, 0);
  const n = parseLocaleFloat(text, args.length > 1 ? localeArg(call, args, 1) : undefined);
  if (n === undefined) throw fail(call, `was invoked with a parameter that is not valid. The value '${abbreviate(text)}' cannot be converted to a float.`);
  return float(n);
}

function decimal(call: Call, args: readonly unknown[]): Decimal {
  const value = args[0];
  if (isWdlNumber(value)) return Decimal.from(value);
  const parsed = Decimal.parse(stringArg(call, args, 0));
  if (!parsed) throw fail(call, `was invoked with a parameter that is not valid. The value '${abbreviate(String(value))}' cannot be converted to a decimal.`);
  return parsed;
}

/** bool(): booleans as is, numbers by whether they are zero, the strings true and false in any case. */
function bool(call: Call, args: readonly unknown[]): boolean {
  const value = args[0];
  if (typeof value === "boolean") return value;
  if (isWdlNumber(value)) return toJsNumber(value) !== 0;
  if (typeof value === "string" && /^\s*(true|false)\s*$/i.test(value)) return value.trim().toLowerCase() === "true";
  throw wrongType(call, 0, "a boolean, a number or the string true or false", value);
}

export const CONVERSION_FUNCTIONS: Record<string, FunctionImpl> = {
  array: (args) => [args[0]],
  createArray: (args) => [...args],
  base64: (args) => (isBinary(args[0]) ? args[0].$content : contentBytes(args[0]).toString("base64")),
  base64ToBinary: (args, call) => binaryOf(base64Bytes(call, args)),
  base64ToString: (args, call) => base64Bytes(call, args).toString("utf8"),
  decodeBase64: (args, call) => base64Bytes(call, args).toString("utf8"),
  binary: (args) => (isBinary(args[0]) ? args[0] : binaryOf(contentBytes(args[0]))),
  bool: (args, call) => bool(call, args),
  dataUri: (args) => {
    const value = args[0];
    return isBinary(value) ? `data:${value["$content-type"]};base64,${value.$content}` : `data:text/plain;charset=utf-8;base64,${contentBytes(value).toString("base64")}`;
  },
  dataUriToBinary: (args, call) => dataUriContent(call, args),
  decodeDataUri: (args, call) => dataUriContent(call, args),
  dataUriToString: (args, call) => bytesOf(dataUriContent(call, args)).toString("utf8"),
  decimal: (args, call) => decimal(call, args),
  decodeUriComponent: (args, call) => uriDecode(call, args),
  uriComponentToString: (args, call) => uriDecode(call, args),
  uriComponentToBinary: (args, call) => binaryOf(Buffer.from(uriDecode(call, args), "utf8")),
  encodeUriComponent: (args) => escapeDataString(toText(args[0])),
  uriComponent: (args) => escapeDataString(toText(args[0])),
  float: (args, call) => floatOf(call, args),
  int: (args, call) => int(call, args),
  isInt: (args, call) => INTEGER.test(stringArg(call, args, 0)),
  isFloat: (args, call) => parseLocaleFloat(stringArg(call, args, 0), args.length > 1 ? localeArg(call, args, 1) : undefined) !== undefined,
  json: (args, call) => json(call, args),
  string: (args) => toText(args[0]),
};
