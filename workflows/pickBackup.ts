import { ActionHandle } from "./builder";
import { javaScriptCode } from "./actions";

/**
 * Inline JavaScript that picks the backup to restore from a List blobs (V2) result: the one named in the
 * trigger body's `backup`, or else the latest by name (names start with a UTC timestamp, so they sort by
 * time). It throws, failing the action, when there is nothing to pick. Consumption runs Node 8: no `?.`.
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
    "files.sort(function (a, b) { return a.Name < b.Name ? -1 : a.Name > b.Name ? 1 : 0; });",
    "return files[files.length - 1].Path;",
  ].join("\n");
}

export function pickBackup(name: string, list: ActionHandle): ActionHandle {
  return javaScriptCode(name, pickBackupCode(list.name), { actions: [list], includeTrigger: true });
}
