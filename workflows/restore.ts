import { WorkflowDefinition } from "./definition";
import { Variable, appendToArray, compose, foreach, ifThen, incrementVariable, initializeVariable, query, terminate } from "./actions";
import { ActionHandle } from "./builder";
import { Expr, and, body, coalesce, concat, empty, emptyArray, equals, greater, ifElse, item, length, not, outputs, parameters, variables } from "./expr";
import { BACKUP_FORMAT_VERSION, COMPLETE_FOLDER } from "./backupDocument";
import { getBlobContentByPath, listFolder } from "./blobRequests";
import { restoreObject } from "./keyVaultRequests";
import { ObjectKind, OBJECT_KINDS, SINGULAR, inRestoreOrder } from "./kinds";
import { pagedListing } from "./listing";
import { pickBackupWithExpressions, pickBackupWithJavaScript } from "./pickBackup";
import { readBackupDocument } from "./readBackup";
import { WORKFLOW_PARAMETERS, containerName } from "./parameters";
import { manualTrigger } from "./triggers";
import { str } from "./value";
import { renderWorkflow } from "./workflow";

/** What happens when the target vault already holds (or soft-deleted) a name: Key Vault answers 409. */
export type ConflictPolicy = "skip" | "fail";
export const CONFLICT_POLICIES: readonly ConflictPolicy[] = ["skip", "fail"];

export interface RestoreWorkflowOptions {
  /** Which kinds of object to restore; at least one. */
  kinds: readonly ObjectKind[];
  /** Parallel restore calls (Foreach concurrency, 1-50). */
  concurrency: number;
  conflictPolicy: ConflictPolicy;
  /**
   * How the backup to restore is chosen: inline JavaScript (needs an integration account linked to the
   * workflow) or workflow expressions (no integration account).
   */
  pickWith: "javascript" | "expressions";
}

export const RESTORE_DEFAULTS: RestoreWorkflowOptions = { kinds: OBJECT_KINDS, concurrency: 20, conflictPolicy: "skip", pickWith: "javascript" };

const OUTCOMES = ["restored", "skipped", "failed"] as const;

const NO_BACKUP_ERROR = () => ({
  code: "BackupNotFound",
  message: str`No backup to restore: the named backup is not among the complete backups in ${parameters(containerName)}/${COMPLETE_FOLDER}, or there are none. Nothing was restored.`,
});

/**
 * Restore the named (or latest complete) backup into the target vault: certificates, then keys, then
 * secrets. The document is checked before the first write; a taken name is never overwritten; the target
 * is listed to confirm; the Summary is the last output, and the run is Failed if any item failed.
 */
export function buildRestoreWorkflow(options: Partial<RestoreWorkflowOptions> = {}): WorkflowDefinition {
  const opts = { ...RESTORE_DEFAULTS, ...options };
  const kinds = inRestoreOrder(opts.kinds);
  if (kinds.length === 0) throw new Error("buildRestoreWorkflow: kinds must name at least one of certificates, keys, secrets");

  const results = new Variable("results", "array", []);
  const backupText = new Variable("backupText", "string", "");
  const inTarget = new Map(kinds.map((k) => [k, new Variable(`${k}InTarget`, "integer", 0)]));

  const list = listFolder("List_backups", concat("/", parameters(containerName), `/${COMPLETE_FOLDER}`));
  const picker = opts.pickWith === "javascript" ? { steps: [pickBackupWithJavaScript("Pick_backup", list)] } : pickBackupWithExpressions(list);
  const pick = picker.steps[picker.steps.length - 1];
  const chosen = opts.pickWith === "javascript" ? body(pick) : outputs(pick);
  // Expressions cannot fail on "nothing found", so the empty choice is stopped explicitly.
  const checkFound =
    opts.pickWith === "javascript"
      ? undefined
      : ifThen("Check_backup_found", empty(chosen), [terminate("Stop_backup_not_found", "Failed", NO_BACKUP_ERROR())]).after(pick, "Succeeded");
  const get = getBlobContentByPath("Get_backup", chosen);
  // ParseJson fails on anything not of our format.
  const { steps: decodeSteps, decode } = readBackupDocument(get, backupText);
  const doc = body(decode);
  const filters = new Map(
    kinds.map((k) => [k, query(`Filter_${k}`, doc.prop("items"), equals(item().prop("kind"), SINGULAR[k]), { secure: ["inputs", "outputs"] })]),
  );
  const countChecks = kinds.map((k) => equals(length(body(filters.get(k)!)), doc.prop("counts").prop(k)));
  const countsMatch = countChecks.length === 1 ? countChecks[0] : and(...countChecks);
  const checkCounts = ifThen(
    "Check_backup_counts",
    countsMatch,
    [],
    [terminate("Stop_inconsistent_backup", "Failed", { code: "BackupInvalid", message: str`The backup ${chosen} holds a different number of items than its counts declare; it is truncated or was altered. Nothing was restored.` })],
  );

  const restoreLoops = kinds.map((kind) => {
    const singular = SINGULAR[kind];
    return foreach(
      `Restore_each_${singular}`,
      body(filters.get(kind)!),
      (current) => {
        const restore = restoreObject(`Restore_${singular}`, kind, current.prop("value"));
        const record = (outcome: Expr | string, extra: Record<string, Expr> = {}) => ({ kind: singular, name: current.prop("name"), outcome, ...extra });
        const conflict: Expr | string =
          opts.conflictPolicy === "skip" ? ifElse(equals(outputs(restore).prop("statusCode"), 409), "skipped", "failed") : "failed";
        return [
          restore,
          appendToArray(`Record_${singular}_restored`, results, record("restored")),
          appendToArray(
            `Record_${singular}_not_restored`,
            results,
            record(conflict, { status: outputs(restore).prop("statusCode"), error: body(restore).prop("error").prop("message") }),
          ).after(restore, "Failed", "TimedOut"),
        ];
      },
      { concurrency: opts.concurrency },
    );
  });
  // One kind's failures do not stop the next kind; they are recorded and fail the run at the end.
  restoreLoops.slice(1).forEach((loop, i) => loop.after(restoreLoops[i], "Succeeded", "Failed", "TimedOut"));

  const confirmations = kinds.map((kind) =>
    pagedListing(kind, {
      stem: `target_${kind}`,
      perPage: (page) => [incrementVariable(`Count_target_${kind}`, inTarget.get(kind)!, length(coalesce(body(page).prop("value"), emptyArray())))],
      onListFailure: (page) => [
        appendToArray(`Record_target_${kind}_list_failure`, results, {
          kind: SINGULAR[kind],
          name: null,
          outcome: "failed",
          status: outputs(page).prop("statusCode"),
          error: body(page).prop("error").prop("message"),
        }),
      ],
      onIncomplete: () => [
        appendToArray(`Record_target_${kind}_listing_incomplete`, results, {
          kind: SINGULAR[kind],
          name: null,
          outcome: "failed",
          status: null,
          error: `The listing of the target's ${kind} stopped before its last page; the restore cannot be confirmed.`,
        }),
      ],
    }),
  );
  const confirmLoops = confirmations.flatMap((c) => [c.loop, c.complete]);
  confirmLoops[0].after(restoreLoops[restoreLoops.length - 1], "Succeeded", "Failed", "TimedOut");
  confirmations.slice(1).forEach((c, i) => c.loop.after(confirmations[i].complete, "Succeeded", "Failed", "TimedOut"));

  const counters = kinds.flatMap((kind) =>
    OUTCOMES.map((outcome) => ({
      kind,
      outcome,
      handle: query(`Count_${outcome}_${kind}`, variables(results), and(equals(item().prop("kind"), SINGULAR[kind]), equals(item().prop("outcome"), outcome))),
    })),
  );
  counters[0].handle.after(confirmLoops[confirmLoops.length - 1], "Succeeded", "Failed", "TimedOut");
  const notRestored = query("Not_restored", variables(results), not(equals(item().prop("outcome"), "restored")));
  const countOf = (outcome: string) => Object.fromEntries(counters.filter((c) => c.outcome === outcome).map((c) => [c.kind, length(body(c.handle))]));
  const summary = compose("Summary", {
    backup: chosen,
    sourceVault: doc.prop("sourceVault"),
    backupCreatedAt: doc.prop("createdAt"),
    inBackup: Object.fromEntries(kinds.map((k) => [k, doc.prop("counts").prop(k)])),
    restored: countOf("restored"),
    skipped: countOf("skipped"),
    failed: countOf("failed"),
    inTarget: Object.fromEntries(kinds.map((k) => [k, variables(inTarget.get(k)!)])),
    notRestored: body(notRestored),
  });
  const failedItems = query("Failed_items", variables(results), equals(item().prop("outcome"), "failed"));
  const failIfAnyFailed = ifThen("Fail_if_any_failed", greater(length(body(failedItems)), 0), [
    terminate("Fail_restore", "Failed", {
      code: "RestoreIncomplete",
      message: str`${length(body(failedItems))} item(s) could not be restored into the target vault; the Summary lists them under notRestored.`,
    }),
  ]);

  const stopNoBackup = terminate("Stop_no_backup", "Failed", NO_BACKUP_ERROR()).after(pick, "Failed", "TimedOut", "Skipped");
  const stopUnreadable = terminate("Stop_unreadable_backup", "Failed", {
    code: "BackupUnreadable",
    message: str`The backup ${chosen} could not be read from blob storage. Nothing was restored.`,
  }).after(get, "Failed", "TimedOut");
  const notOurFormat = `is not a valid kv-backup-restore document (format version ${String(BACKUP_FORMAT_VERSION)}): it is corrupt, truncated or of another format. Nothing was restored.`;
  const stopUndecodable = terminate("Stop_undecodable_backup", "Failed", { code: "BackupInvalid", message: str`The backup ${chosen} could not be decoded; it ${notOurFormat}` }).after(
    decodeSteps[decodeSteps.length - 1],
    "Failed",
    "TimedOut",
  );
  const stopInvalid = terminate("Stop_invalid_backup", "Failed", { code: "BackupInvalid", message: str`The backup ${chosen} ${notOurFormat}` }).after(decode, "Failed", "TimedOut");

  const initializers: ActionHandle[] = [
    initializeVariable("Initialize_results", results),
    initializeVariable("Initialize_backup_text", backupText),
    ...kinds.map((k) => initializeVariable(`Initialize_${k}_in_target`, inTarget.get(k)!)),
    ...confirmations.map((c, i) => initializeVariable(`Initialize_target_${kinds[i]}_next_page`, c.nextUrl)),
  ];
  return renderWorkflow({
    parameters: WORKFLOW_PARAMETERS,
    triggers: manualTrigger({ type: "object", properties: { backup: { type: "string" } } }),
    actions: [
      ...initializers,
      list,
      ...picker.steps,
      stopNoBackup,
      ...(checkFound ? [checkFound] : []),
      get.after(checkFound ?? pick, "Succeeded"),
      stopUnreadable,
      ...decodeSteps,
      stopUndecodable,
      decode,
      stopInvalid,
      ...[...filters.values()].map((f, i) => (i === 0 ? f.after(decode, "Succeeded") : f)),
      checkCounts,
      ...restoreLoops,
      ...confirmLoops,
      ...counters.map((c) => c.handle),
      notRestored,
      summary,
      failedItems,
      failIfAnyFailed,
    ],
  });
}
