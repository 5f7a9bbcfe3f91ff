import { Variable, appendToArray } from "./actions";
import { ActionHandle } from "./builder";
import { Expr, concat, last, outputs, split, toLower } from "./expr";
import { failureMessage, listItemIdField } from "./keyVaultRequests";
import { ObjectKind, SINGULAR } from "./kinds";
import { listNames } from "./listing";

/**
 * What a vault holds, as keys `<kind>/<name in lower case>`: Key Vault names are case-insensitive, and
 * a name is unique per kind. Restore lists the target before it writes (to skip, without a call, what is
 * already there) and after (to confirm every name of the backup is there).
 */
export function objectKey(kind: ObjectKind, name: Expr): Expr {
  return concat(`${SINGULAR[kind]}/`, toLower(name));
}

export interface TargetListing {
  /** The per-kind listing variables, to initialise at the top level. */
  variables: Variable[];
  /** The listings, one kind after the other; the next step runs after the last. */
  steps: ActionHandle[];
  /** Per kind, the Query holding its keys. */
  keys: ActionHandle[];
}

/**
 * List every object of each kind as keys. A page that fails, a page that cannot be read, or a listing that
 * stops before its last page is appended to `problems`: a listing that is not whole cannot tell what the
 * vault holds.
 */
export function listTargetKeys(stage: "before" | "after", kinds: readonly ObjectKind[], problems: Variable): TargetListing {
  const listings = kinds.map((kind) => {
    const stem = `${stage}_${kind}`;
    const problem = (name: string, status: Expr | null, error: Expr | string) => appendToArray(name, problems, { stage, kind: SINGULAR[kind], status, error });
    return listNames(kind, {
      stem,
      nameOf: (listItem) => objectKey(kind, last(split(listItem.field(listItemIdField(kind)), "/"))),
      onPageLost: () => [problem(`Record_${stem}_page_failure`, null, "A listed page could not be read; the vault's names are not known in full.")],
      onListFailure: (page) => [problem(`Record_${stem}_list_failure`, outputs(page).prop("statusCode"), failureMessage(page))],
      onIncomplete: () => [problem(`Record_${stem}_listing_incomplete`, null, `The listing of ${kind} stopped before its last page.`)],
    });
  });
  listings.slice(1).forEach((l) => l.loop.whateverBefore());
  return { variables: listings.map((l) => l.text), steps: listings.flatMap((l) => [l.loop, l.complete, l.names]), keys: listings.map((l) => l.names) };
}
