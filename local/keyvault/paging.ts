import { badParameter } from "./errors";

/** Key Vault's maximum and default page size for every list call. */
export const MAX_PAGE_SIZE = 25;

/**
 * The api-version put in nextLink. Key Vault's own nextLinks carry an api-version of their own (7.2 in the
 * spec's example even on a newer request), so clients must call nextLink as is.
 */
export const NEXT_LINK_API_VERSION = "7.2";

/** `maxresults`: absent means 25; anything but an integer from 1 to 25 is a 400. */
export function pageSize(query: URLSearchParams): number {
  const raw = query.get("maxresults");
  if (raw === null) return MAX_PAGE_SIZE;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < 1 || n > MAX_PAGE_SIZE) {
    throw badParameter(`Invalid value for maxresults: '${raw}'. It must be an integer from 1 to ${MAX_PAGE_SIZE}.`);
  }
  return n;
}

/** Where the next page starts, carried opaquely in `$skiptoken`. */
export interface PageCursor {
  /** Key of the last item already served; absent on the first page. */
  after?: string;
  /** This position already answered with an injected empty page: serve the real page now. */
  emptyServed?: boolean;
}

export function encodeSkipToken(cursor: PageCursor): string {
  return Buffer.from(JSON.stringify(cursor), "utf8").toString("base64url");
}

export function decodeSkipToken(token: string | null): PageCursor {
  if (token === null) return {};
  try {
    const cursor: unknown = JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
    if (typeof cursor === "object" && cursor !== null) {
      const c = cursor as Record<string, unknown>;
      if ((c.after === undefined || typeof c.after === "string") && (c.emptyServed === undefined || c.emptyServed === true)) {
        return { ...(c.after !== undefined ? { after: c.after } : {}), ...(c.emptyServed ? { emptyServed: true } : {}) };
      }
    }
  } catch {
    // fall through to the 400
  }
  throw badParameter(`Invalid $skiptoken: '${token}'.`);
}

/**
 * The items after the cursor, up to `size`, from a list in a stable order. If the cursor's item is gone
 * (deleted between pages), continue with the first item ordered after it, so nothing is skipped.
 */
export function slicePage<T>(items: T[], key: (item: T) => string, cursor: PageCursor, size: number): { page: T[]; more: boolean } {
  let start = 0;
  if (cursor.after !== undefined) {
    const after = cursor.after;
    const at = items.findIndex((i) => key(i) === after);
    start = at >= 0 ? at + 1 : items.findIndex((i) => key(i) > after);
    if (start < 0) start = items.length;
  }
  const page = items.slice(start, start + size);
  return { page, more: start + size < items.length };
}

/** An absolute next-page URL on the vault, with its own api-version and `$skiptoken`. */
export function nextLink(baseUrl: string, path: string, cursor: PageCursor, query: URLSearchParams): string {
  const maxresults = query.get("maxresults");
  return `${baseUrl}${path}?api-version=${NEXT_LINK_API_VERSION}&$skiptoken=${encodeSkipToken(cursor)}${maxresults !== null ? `&maxresults=${maxresults}` : ""}`;
}
