import { ActionHandle } from "./builder";
import { compose, javaScriptCode, query } from "./actions";
import { INVERTED_BASE, isNewestFirstName, isOlderName } from "./backupNames";
import { Expr, and, body, coalesce, emptyArray, equals, first, ifElse, item, last, not, outputs, sort, string, triggerBody, union } from "./expr";

/** What the pickers read: the two folder listings and the latest timestamp a backup may carry. */
export interface BackupListings {
  /** List blobs of `backups/`: complete backups. */
  complete: ActionHandle;
  /** List blobs of `partial/`: runs where something failed; only ever picked by name with allowIncomplete. */
  partial: ActionHandle;
  /** A Compose whose outputs is latestAllowedStamp(): no backup of this service is dated later. */
  latestAllowed: ActionHandle;
}

/**
 * The rules both pickers follow, one table of cases in tests/workflows/pickBackup.spec.ts:
 * - named (`backup` in the trigger body): the file of exactly that name in `backups/`, or, with
 *   `"allowIncomplete": true`, in `partial/` as well; nothing else;
 * - else the latest of this service's names in `backups/` (backupNames.ts: the form in full, the inverted
 *   timestamp consistent, not dated after latestAllowed): the first newest-first name, or if there is none
 *   the last name of the older form. Anything else in the folder is never picked.
 * Nothing to pick: the JavaScript fails its action; the expressions yield "".
 */
export function pickBackupCode(listings: BackupListings): string {
  const [b, p, t] = [listings.complete.name, listings.partial.name, listings.latestAllowed.name].map((n) => JSON.stringify(n));
  return [
    "var c=workflowContext,a=c.actions,q=c.trigger.outputs.body||{},T=a[" + t + "].outputs;",
    "function L(n){return((a[n].outputs.body||{}).value||[]).filter(function(f){return!f.IsFolder})}",
    "var w=q.backup;if(w!=null&&w!==''){var m=L(" + b + ").concat(q.allowIncomplete===true?L(" + p + "):[]).filter(function(f){return f.Name===w});",
    "if(!m.length)throw new Error('Backup '+JSON.stringify(w)+' was not found');return m[0].Path}",
    "var N=[],O=[];L(" + b + ").forEach(function(f){var s=f.Name,r=/^(1\\d{14})-(\\d{8})T(\\d{6})Z-[^./]+\\.json$/.exec(s),o=/^(\\d{8})T(\\d{6})Z-[^./]+\\.json$/.exec(s);",
    `if(r&&+r[1]+ +(r[2]+r[3])===${INVERTED_BASE}&&+(r[2]+r[3])<=T)N.push(f);if(o&&+(o[1]+o[2])<=T)O.push(f)});`,
    "function S(x,y){return x.Name<y.Name?-1:x.Name>y.Name?1:0}N.sort(S);O.sort(S);",
    "var k=N.length?N[0]:O[O.length-1];if(!k)throw new Error('There is no complete backup to restore');return k.Path",
  ].join("\n");
}

export function pickBackupWithJavaScript(name: string, listings: BackupListings): ActionHandle {
  return javaScriptCode(name, pickBackupCode(listings), { actions: [listings.complete, listings.partial, listings.latestAllowed], includeTrigger: true });
}

const filesOf = (list: ActionHandle): Expr => coalesce(body(list).prop("value"), emptyArray());

/** The same rules in workflow expressions, for stacks without an integration account. Its last step yields the Path, or "". */
/**
 * What the restore request asks for, read the same way as the JavaScript above: `backup` absent, null or ""
 * means the latest; any other value names a file, and a value that is not a file's name finds nothing.
 * Only the boolean true allows an incomplete backup (equals() alone would take 1 for true).
 */
export const requestedBackup = (): Expr => triggerBody().prop("backup");
export const backupNamed = (): Expr => not(equals(requestedBackup(), null));
export const incompleteAllowed = (): Expr => {
  const allow = triggerBody().prop("allowIncomplete");
  return and(equals(allow, true), equals(string(allow), string(true)));
};

export function pickBackupWithExpressions(listings: BackupListings): { steps: ActionHandle[] } {
  const wanted = requestedBackup();
  const allowIncomplete = incompleteAllowed();
  const files = query("Backup_files", filesOf(listings.complete), not(equals(item().prop("IsFolder"), true)));
  const candidates = union(body(files), ifElse(allowIncomplete, filesOf(listings.partial), emptyArray()));
  const named = query("Named_backup", candidates, and(not(equals(item().prop("IsFolder"), true)), equals(item().prop("Name"), wanted)));
  const latestAllowed = outputs(listings.latestAllowed);
  const newestFirst = query("Newest_first_backups", body(files), isNewestFirstName(item().prop("Name"), latestAllowed));
  const older = query("Older_backups", body(files), isOlderName(item().prop("Name"), latestAllowed));
  const latest = coalesce(first(sort(body(newestFirst), "Name")).prop("Path"), last(sort(body(older), "Name")).prop("Path"));
  const pick = compose("Pick_backup", coalesce(ifElse(backupNamed(), first(body(named)).prop("Path"), latest), ""));
  return { steps: [files, named, newestFirst, older, pick] };
}
