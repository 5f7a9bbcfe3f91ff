import { ActionHandle } from "./builder";
import { compose, javaScriptCode, query } from "./actions";
import { NEWEST_FIRST_MARK } from "./backupNames";
import { and, body, coalesce, empty, emptyArray, endsWith, equals, first, ifElse, item, last, not, sort, startsWith, triggerBody } from "./expr";

/**
 * Inline JavaScript that picks the backup to restore from a List blobs (V2) result: the one named in the
 * trigger body's `backup`, or else the latest (backupNames.ts: the first newest-first name by name, or if
 * there is none, the last name of the older form). It throws, failing the action, when there is nothing to
 * pick. Consumption runs Node 8: no `?.`.
 */
export function pickBackupCode(listAction: string): string {
  return [
    "var req = workflowContext.trigger.outputs.body || {};",
    `var files = (workflowContext.actions[${JSON.stringify(listAction)}].outputs.body.value || [])`,
    "  .filter(function (f) { return !f.IsFolder && /\\.json$/.test(f.Name); });",
    "if (req.backup) {",
    "  var named = files.filter(function (f) { return f.Name === req.backup; });",
    "  if (!named.length) throw new Error('Backup \"' + req.backup + '\" was not found among the complete backups');",
    "  return named[0].Path;",
    "}",
    "if (!files.length) throw new Error('There is no complete backup to restore');",
    `var fresh = files.filter(function (f) { return f.Name.charAt(0) === ${JSON.stringify(NEWEST_FIRST_MARK)}; });`,
    "var pool = fresh.length ? fresh : files;",
    "pool.sort(function (a, b) { return a.Name < b.Name ? -1 : a.Name > b.Name ? 1 : 0; });",
    "return (fresh.length ? pool[0] : pool[pool.length - 1]).Path;",
  ].join("\n");
}

export function pickBackupWithJavaScript(name: string, list: ActionHandle): ActionHandle {
  return javaScriptCode(name, pickBackupCode(list.name), { actions: [list], includeTrigger: true });
}

/**
 * The JavaScript picker's logic in expressions: the `.json` files of the listing; the one named in the
 * trigger body, else the latest (backupNames.ts: the first newest-first name, or the last of the older
 * form). Yields its Path, or "".
 */
export function pickBackupWithExpressions(list: ActionHandle): { steps: ActionHandle[] } {
  const files = query("Backup_files", coalesce(body(list).prop("value"), emptyArray()), and(not(equals(item().prop("IsFolder"), true)), endsWith(item().prop("Name"), ".json")));
  const wanted = coalesce(triggerBody().prop("backup"), "");
  const named = query("Named_backup", body(files), equals(item().prop("Name"), wanted));
  const newestFirst = query("Newest_first_backups", body(files), startsWith(item().prop("Name"), NEWEST_FIRST_MARK));
  const latest = coalesce(first(sort(body(newestFirst), "Name")).prop("Path"), last(sort(body(files), "Name")).prop("Path"));
  const pick = compose("Pick_backup", coalesce(ifElse(empty(wanted), latest, first(body(named)).prop("Path")), ""));
  return { steps: [files, named, newestFirst, pick] };
}
