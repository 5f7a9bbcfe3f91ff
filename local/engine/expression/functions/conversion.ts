import { isObject, str } from "./args";
import type { FunctionImpl } from "../functions";

/** What string() gives: text as is, null as "", anything else as JSON. */
export function stringOf(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  return JSON.stringify(value);
}

function parseJsonText(value: unknown): unknown {
  if (isObject(value) && typeof value.$content === "string") value = Buffer.from(value.$content, "base64").toString("utf8");
  const text = str("json", value);
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new Error(`json: the value '${text.length > 80 ? `${text.slice(0, 80)}...` : text}' is not valid JSON: ${(err as Error).message}`);
  }
}

/** encodeUriComponent: percent-encode everything but unreserved characters (RFC 3986), as .NET's Uri.EscapeDataString. */
function escapeDataString(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function toNumber(fn: string, value: unknown, integer: boolean): number {
  const n = typeof value === "number" ? value : typeof value === "string" && value.trim() !== "" ? Number(value) : NaN;
  if (!Number.isFinite(n) || (integer && !Number.isInteger(n))) throw new Error(`${fn}: cannot convert ${JSON.stringify(value)} to ${integer ? "an integer" : "a number"}`);
  return n;
}

export const CONVERSION_FUNCTIONS: Record<string, FunctionImpl> = {
  array: ([v]) => [v],
  createArray: (args) => [...args],
  base64: ([v]) => Buffer.from(stringOf(v), "utf8").toString("base64"),
  base64ToString: ([v]) => Buffer.from(str("base64ToString", v), "base64").toString("utf8"),
  decodeBase64: ([v]) => Buffer.from(str("decodeBase64", v), "base64").toString("utf8"),
  bool: ([v]) => {
    if (typeof v === "boolean") return v;
    if (typeof v === "number") return v !== 0;
    if (typeof v === "string" && /^(true|false)$/i.test(v)) return v.toLowerCase() === "true";
    throw new Error(`bool: cannot convert ${JSON.stringify(v)} to a boolean`);
  },
  int: ([v]) => toNumber("int", v, true),
  isInt: ([v]) => typeof v === "string" && /^[+-]?\d+$/.test(v.trim()),
  isFloat: ([v]) => typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v)),
  float: ([v]) => toNumber("float", v, false),
  decimal: ([v]) => toNumber("decimal", v, false),
  json: ([v]) => parseJsonText(v),
  string: ([v]) => stringOf(v),
  encodeUriComponent: ([v]) => escapeDataString(stringOf(v)),
  uriComponent: ([v]) => escapeDataString(stringOf(v)),
  decodeUriComponent: ([v]) => decodeURIComponent(str("decodeUriComponent", v)),
  uriComponentToString: ([v]) => decodeURIComponent(str("uriComponentToString", v)),
  dataUri: ([v]) => `data:text/plain;charset=utf-8;base64,${Buffer.from(stringOf(v), "utf8").toString("base64")}`,
  dataUriToString: ([v]) => {
    const m = /^data:[^,]*;base64,(.*)$/s.exec(str("dataUriToString", v));
    if (!m) throw new Error("dataUriToString: not a base64 data URI");
    return Buffer.from(m[1], "base64").toString("utf8");
  },
};
