/**
 * The guide's URI parsing functions, on absolute URIs read with the WHATWG URL parser. uriPort gives the
 * scheme's default port when the URI names none; uriPath gives "/" for an empty path.
 */
import { Call, FunctionImpl, fail, stringArg } from "./args";

function uriArg(call: Call, args: readonly unknown[]): URL {
  const text = stringArg(call, args, 0);
  try {
    return new URL(text);
  } catch {
    throw fail(call, `was invoked with a parameter that is not valid: '${text}' is not an absolute URI.`);
  }
}

const DEFAULT_PORTS: Record<string, number> = { "http:": 80, "https:": 443, "ftp:": 21, "ws:": 80, "wss:": 443 };

export const URI_FUNCTIONS: Record<string, FunctionImpl> = {
  uriHost: (args, call) => uriArg(call, args).hostname,
  uriPath: (args, call) => uriArg(call, args).pathname || "/",
  uriPathAndQuery: (args, call) => {
    const uri = uriArg(call, args);
    return `${uri.pathname || "/"}${uri.search}`;
  },
  uriPort: (args, call) => {
    const uri = uriArg(call, args);
    if (uri.port) return Number(uri.port);
    const port = DEFAULT_PORTS[uri.protocol];
    if (port === undefined) throw fail(call, `cannot tell the port of '${uri.href}': it names none and '${uri.protocol}' has no default.`);
    return port;
  },
  uriQuery: (args, call) => uriArg(call, args).search,
  uriScheme: (args, call) => uriArg(call, args).protocol.replace(/:$/, ""),
};
