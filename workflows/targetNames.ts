import { Variable, appendToArray, compose, select, setVariable } from "./actions";
import { ActionHandle } from "./builder";
import { Expr, body, coalesce, concat, emptyArray, item, last, outputs, split, toLower, union, variables } from "./expr";
import { failureMessage, listItemIdField } from "./keyVaultRequests";
import { ObjectKind, SINGULAR } from "./kinds";
import { pagedListing } from "./listing";

/**
 * What a vault holds, as keys `<kind>/<name in lower case>`: Key Vault names are case-insensitive, and
 * a name is unique per kind. Restore lists the target before it writes (to skip, without a call, what is
 * already there) and after (to confirm every name of the backup is there).
 */
export function objectKey(kind: ObjectKind, name: Expr): Expr {
  return concat(`${SINGULAR[kind]}/`, toLower(name));
}

export interface TargetListing {
  /** The per-kind next-page variables, to initialise at the top level. */
  nextUrls: Variable[];
  /** The listings, one kind after the other; the next step runs after the last. */
  steps: ActionHandle[];
}

/**
 * List every object of each kind into `into` (an array variable of keys). A page that fails, a page that
 * cannot be gathered, or a listing that stops before its last page is appended to `problems`: a listing
 * that is not whole cannot tell what the vault holds.
 */
export function listTargetNames(stage: "before" | "after", kinds: readonly ObjectKind[], into: Variable, problems: Variable): TargetListing {
  const listings = kinds.map((kind) => {
    const stem = `${stage}_${kind}`;
    const problem = (name: string, status: Expr | null, error: Expr | string) => appendToArray(name, problems, { stage, kind: SINGULAR[kind], status, error });
    return pagedListing(kind, {
      stem,
      perPage: (page) => {
        const names = select(`Names_${stem}`, coalesce(body(page).prop("value"), emptyArray()), objectKey(kind, last(split(item().prop(listItemIdField(kind)), "/"))));
        // SetVariable cannot read the variable it sets, so the grown list is composed first.
        const gather = compose(`Gather_${stem}`, union(variables(into), body(names)));
        const store = setVariable(`Store_${stem}`, into, outputs(gather));
        const lost = problem(`Record_${stem}_page_failure`, null, "A listed page could not be read; the vault's names are not known in full.")
          .after(store, "Failed", "Skipped")
          .after(page, "Succeeded");
        return [names, gather, store, lost];
      },
      onListFailure: (page) => [problem(`Record_${stem}_list_failure`, outputs(page).prop("statusCode"), failureMessage(page))],
      onIncomplete: () => [problem(`Record_${stem}_listing_incomplete`, null, `The listing of ${kind} stopped before its last page.`)],
    });
  });
  listings.slice(1).forEach((l) => l.loop.whateverBefore());
  return { nextUrls: listings.map((l) => l.nextUrl), steps: listings.flatMap((l) => [l.loop, l.complete]) };
}
