import { Variable, appendToString, ifThen, query, select, until } from "./actions";
import { ActionHandle, Block } from "./builder";
import { Expr, add, body, coalesce, concat, emptyArray, empty, endsWith, item, join, lastIndexOf, length, not, or, split, startsWith, sub, substring, variables } from "./expr";
import { ObjectKind } from "./kinds";
import { firstPageUrl, listPage } from "./keyVaultRequests";

/**
 * 100,000 objects at 25 a page is 4,000 pages; the Until default of 60 would stop at 1,500 objects. Each
 * cycle is bounded by the HTTP timeout and retries, so a day is a ceiling, not an expectation.
 */
export const LIST_LIMIT = { count: 5000, timeout: "P1D" } as const;

/**
 * A listing is kept in one string variable: `|name|name|` for each page, then `>next page URL<|`, so the
 * URL of the page to list is what follows the last `>`, and the listing is done when it ends in `><|`.
 * A page then costs three actions (list, select its names, append) and only its own size: gathering pages
 * into an array copies the whole list again on every page (a union per page is quadratic in the vault's
 * size), and a separate next-URL variable costs a fourth action per page. Neither names nor keys can hold
 * `|`, `>` or `<` (Key Vault names are 1-127 of 0-9, a-z, A-Z and -), and a URL encodes them.
 */
const SEPARATOR = "|";
const URL_START = ">";
const DONE = `${URL_START}<${SEPARATOR}`;
const nextUrlEntry = (url: Expr | string): Expr => concat(URL_START, url, `<${SEPARATOR}`);
const nextUrlIn = (listing: Expr): Expr => {
  const start = add(lastIndexOf(listing, URL_START), 1);
  return substring(listing, start, sub(sub(length(listing), 2), start));
};

export interface NameListing {
  /** The listing's string variable; initialise it at top level. */
  text: Variable;
  /** The Until loop that lists every page. */
  loop: ActionHandle;
  /**
   * After the loop, whatever its status: runs `onIncomplete` when the loop ended with a page still to list
   * (its count or timeout was reached). `names` runs after it.
   */
  complete: ActionHandle;
  /** Query: the names listed, in order, without the page URLs. */
  names: ActionHandle;
}

export interface NameListingOptions {
  /** Action-name stem, e.g. `secrets` or `before_secrets`. */
  stem: string;
  /** The name a list item stands for, or '' to leave it out (it must hold no `|`). */
  nameOf: (listItem: Expr) => Expr;
  /** A page was answered but its names could not be read (no `value`): its objects would be missing. */
  onPageLost: (select: ActionHandle) => Block;
  /** What to do if a page cannot be listed (after retries); the loop then stops. */
  onListFailure: (page: ActionHandle) => Block;
  /** The loop stopped before the last page: an Until that reaches its count or timeout ends as if done. */
  onIncomplete: () => Block;
}

/**
 * List every object of a kind, page by page. Key Vault may answer an empty page that still has a
 * `nextLink`, so the listing stops only when `nextLink` is absent, never on an empty `value`.
 */
export function listNames(kind: ObjectKind, opts: NameListingOptions): NameListing {
  const text = new Variable(`${opts.stem}Listing`, "string", nextUrlEntry(firstPageUrl(kind)));
  const listing = variables(text);
  const page = listPage(`List_${opts.stem}_page`, nextUrlIn(listing));
  // `value` read strictly: a 200 page without it (or with null) is a lost page, never an empty last page.
  const names = select(`Names_${opts.stem}_page`, body(page).field("value"), opts.nameOf(item()));
  // Runs whether or not the names were read, so the listing goes on past a lost page (which is recorded).
  const append = appendToString(
    `Append_${opts.stem}_page`,
    text,
    concat(join(coalesce(body(names), emptyArray()), SEPARATOR), SEPARATOR, nextUrlEntry(coalesce(body(page).prop("nextLink"), ""))),
  ).after(names, "Succeeded", "Failed");
  const lost = opts.onPageLost(names).map((h, i) => (i === 0 ? h.after(names, "Failed") : h));
  const stop = appendToString(`Stop_listing_${opts.stem}`, text, DONE).after(page, "Failed", "TimedOut");
  const loop = until(`List_all_${opts.stem}`, endsWith(listing, DONE), [page, names, append, ...lost, stop, ...opts.onListFailure(page)], LIST_LIMIT);
  const complete = ifThen(`Check_${opts.stem}_listed_to_the_end`, not(endsWith(listing, DONE)), opts.onIncomplete()).whateverBefore();
  const listed = query(`Listed_${opts.stem}`, split(listing, SEPARATOR), not(or(empty(item()), startsWith(item(), URL_START)))).whateverBefore();
  return { text, loop, complete, names: listed };
}

/** A list of names as text that listNames-style readers split again: `|a|b|`. */
export function namesText(names: Expr): Expr {
  return concat(join(names, SEPARATOR), SEPARATOR);
}

/** The names of a namesText-built variable, without the empty entries. */
export function namesIn(name: string, textOfNames: Expr): ActionHandle {
  return query(name, split(textOfNames, SEPARATOR), not(empty(item())));
}
