import { DEFAULTS } from "../config";
import { buildBackupWorkflow } from "../workflows/backup";
import { buildRestoreWorkflow } from "../workflows/restore";
import { WorkflowDefinition } from "../workflows/definition";

export type ProjectWorkflow = "backup" | "restore";

/** The project's own definitions, built as `pulumi up` builds them for a stack with the default config. */
export function projectDefinition(which: ProjectWorkflow, overrides: { conflictPolicy?: "skip" | "fail" } = {}): WorkflowDefinition {
  return which === "backup"
    ? buildBackupWorkflow({ kinds: DEFAULTS.kinds, concurrency: DEFAULTS.concurrency })
    : buildRestoreWorkflow({ kinds: DEFAULTS.kinds, concurrency: DEFAULTS.concurrency, conflictPolicy: overrides.conflictPolicy ?? DEFAULTS.conflictPolicy });
}
