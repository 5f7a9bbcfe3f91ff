import { Variable, ifThen, setVariable, until } from "./actions";
import { ActionHandle, Block } from "./builder";
import { body, coalesce, empty, not, variables } from "./expr";
import { ObjectKind } from "./kinds";
import { firstPageUrl, listPage } from "./keyVaultRequests";

/**
 * 100,000 objects at 25 a page is 4,000 pages; the Until default of 60 would stop at 1,500 objects. Each
 * cycle is bounded by the HTTP timeout and retries, so a day is a ceiling, not an expectation.
 */
export const LIST_LIMIT = { count: 5000, timeout: "P1D" } as const;

export interface PagedListing {
  /** The variable holding the next page's URL; initialise it at top level with `initialValue`. */
  nextUrl: Variable;
  /** The Until loop that lists every page. */
  loop: ActionHandle;
  /**
   * After the loop, whatever its status: runs `onIncomplete` when the loop ended with a page still to list
   * (its count or timeout was reached). What comes next runs after this.
   */
  complete: ActionHandle;
}

export interface PagedListingOptions {
  /** Action-name stem, e.g. `secrets` or `target_secrets`. */
  stem: string;
  /** What to do with each page, given the page's HTTP action. */
  perPage: (page: ActionHandle) => Block;
  /** What to do if a page cannot be listed (after retries); the loop then stops. */
  onListFailure: (page: ActionHandle) => Block;
  /**
   * What to do if the loop stopped before the last page: an Until that reaches its count or timeout ends
   * as if it were done (Succeeded or TimedOut), with a nextLink still pending.
   */
  onIncomplete: () => Block;
}

/**
 * List every object of a kind, page by page. Key Vault may answer an empty page that still has a
 * `nextLink`, so the loop stops only when `nextLink` is absent, never on an empty `value`.
 */
export function pagedListing(kind: ObjectKind, opts: PagedListingOptions): PagedListing {
  const nextUrl = new Variable(`${opts.stem}NextPage`, "string", firstPageUrl(kind));
  const page = listPage(`List_${opts.stem}_page`, variables(nextUrl));
  const perPage = opts.perPage(page);
  const next = setVariable(`Next_${opts.stem}_page`, nextUrl, coalesce(body(page).prop("nextLink"), ""));
  if (perPage.length > 0) next.after(perPage[perPage.length - 1], "Succeeded", "Failed", "TimedOut", "Skipped");
  const stop = setVariable(`Stop_listing_${opts.stem}`, nextUrl, "").after(page, "Failed", "TimedOut");
  const loop = until(`List_all_${opts.stem}`, empty(variables(nextUrl)), [page, ...perPage, next, stop, ...opts.onListFailure(page)], LIST_LIMIT);
  const complete = ifThen(`Check_${opts.stem}_listed_to_the_end`, not(empty(variables(nextUrl))), opts.onIncomplete()).whateverBefore();
  return { nextUrl, loop, complete };
}
