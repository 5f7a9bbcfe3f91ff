import { PathStyle } from "./routes";

/**
 * Which dataset values name the emulated account. A connection reaches exactly one storage account, so:
 * - V1 paths use the fixed dataset "default";
 * - V2 paths name the account, or its blob endpoint ("https://acct.blob.core.windows.net/", as the
 *   designer writes it), or the placeholder AccountNameFromSettings, which a key-based connection
 *   resolves to its own account (this project's connection is key-based).
 * Anything else is a different account, which this connection cannot reach.
 */
export function datasetNamesAccount(dataset: string, style: PathStyle, accountName: string, endpointUrl: string): boolean {
  const value = dataset.trim().toLowerCase();
  const account = accountName.toLowerCase();
  if (style === "v1") return value === "default";
  if (value === account || value === "accountnamefromsettings") return true;
  if (!/^https?:\/\//.test(value)) return false;
  const withoutSlash = (url: string): string => url.replace(/\/+$/, "");
  if (withoutSlash(value) === withoutSlash(endpointUrl.toLowerCase())) return true;
  try {
    const url = new URL(value);
    return url.hostname === `${account}.blob.core.windows.net` && (url.pathname === "/" || url.pathname === "");
  } catch {
    return false;
  }
}
