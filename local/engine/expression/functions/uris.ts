import { str } from "./args";
import type { FunctionImpl } from "../functions";

function url(fn: string, value: unknown): URL {
  const text = str(fn, value);
  try {
    return new URL(text);
  } catch {
    throw new Error(`${fn}: '${text}' is not an absolute URI`);
  }
}

const DEFAULT_PORTS: Record<string, number> = { "http:": 80, "https:": 443 };

export const URI_FUNCTIONS: Record<string, FunctionImpl> = {
  uriHost: ([u]) => url("uriHost", u).hostname,
  uriPath: ([u]) => url("uriPath", u).pathname,
  uriPathAndQuery: ([u]) => {
    const parsed = url("uriPathAndQuery", u);
    return `${parsed.pathname}${parsed.search}`;
  },
  uriPort: ([u]) => {
    const parsed = url("uriPort", u);
    return parsed.port ? Number(parsed.port) : (DEFAULT_PORTS[parsed.protocol] ?? null);
  },
  uriQuery: ([u]) => url("uriQuery", u).search,
  uriScheme: ([u]) => url("uriScheme", u).protocol.replace(/:$/, ""),
};
