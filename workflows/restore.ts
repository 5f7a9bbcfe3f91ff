import { WorkflowDefinition } from "./definition";
import { Variable, appendToArray, compose, foreach, ifThen, initializeVariable, query, select, setVariable, terminate } from "./actions";
import { ActionHandle } from "./builder";
import {
  Expr, add, and, body, coalesce, first, concat, contains, empty, emptyArray, equals, greater, ifElse, intersection, item, length, not, or, outputs, parameters, split, startsWith,
  toLower, union, utcNow, variables,
} from "./expr";
import { BACKUP_FORMAT_VERSION, COMPLETE_FOLDER, PARTIAL_FOLDER } from "./backupDocument";
import { latestAllowedStamp } from "./backupNames";
import { getBlobContentByPath, listFolder } from "./blobRequests";
import { failureMessage, restoreObject } from "./keyVaultRequests";
import { ObjectKind, OBJECT_KINDS, SINGULAR, inRestoreOrder } from "./kinds";
import { BackupListings, backupNamed, incompleteAllowed, pickBackupWithExpressions, pickBackupWithJavaScript } from "./pickBackup";
import { readBackupDocument } from "./readBackup";
import { WORKFLOW_PARAMETERS, containerName } from "./parameters";
import { listTargetNames, objectKey } from "./targetNames";
import { manualTrigger } from "./triggers";
import { str } from "./value";
import { SUMMARY_ACTION } from "./summary";
import { renderWorkflow } from "./workflow";

/** What happens to a name the target vault already holds: it is never overwritten; skip it, or count it as failed. */
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

/**
 * Each item's outcome: restored by this run; skipped (the name was in the target before, not called);
 * failed; or conflict (absent before the run, answered 409: soft-deleted in the target, written by someone
 * else meanwhile, or this run's own call whose answer was lost). A conflict never counts as success.
 */
const OUTCOMES = ["restored", "skipped", "failed", "conflict"] as const;

const NO_BACKUP_ERROR = () => ({
  code: "BackupNotFound",
  message: str`No backup to restore: the named backup is not in ${parameters(containerName)}/${COMPLETE_FOLDER} (or, with allowIncomplete, ${PARTIAL_FOLDER}), or there is no complete backup of this service. Nothing was restored.`,
});

/** The name the restored object has: the id Key Vault answers with (a key's is in `key.kid`) is .../<kind>/<name>/<version>. */
function restoredName(kind: ObjectKind, restore: ActionHandle): Expr {
  const id = kind === "keys" ? body(restore).prop("key").prop("kid") : body(restore).prop("id");
  return split(coalesce(id, ""), "/").atSafe(4);
}

/**
 * Restore the named (or latest complete) backup into the target vault: certificates, then keys, then
 * secrets. The document is checked before anything is written; the target is listed first, and a name it
 * already holds is never overwritten; each restore is checked against the name the document gives; the
 * target is listed again, and every name of the backup must be there. The Summary is the last output, and
 * the run is Failed if any item failed, conflicted, or is missing from the target.
 */
export function buildRestoreWorkflow(options: Partial<RestoreWorkflowOptions> = {}): WorkflowDefinition {
  const opts = { ...RESTORE_DEFAULTS, ...options };
  const kinds = inRestoreOrder(opts.kinds);
  if (kinds.length === 0) throw new Error("buildRestoreWorkflow: kinds must name at least one of certificates, keys, secrets");

  const results = new Variable("results", "array", []);
  const backupText = new Variable("backupText", "string", "");
  const before = new Variable("targetBefore", "array", []);
  const afterwards = new Variable("targetAfter", "array", []);
  const listingProblems = new Variable("targetListingProblems", "array", []);
  const missing = new Variable("missingInTarget", "array", []);

  // Which backup: listed, picked, read and checked before anything is written.
  const folder = (name: string) => concat("/", parameters(containerName), `/${name}`);
  const listings: BackupListings = {
    complete: listFolder("List_backups", folder(COMPLETE_FOLDER)),
    // A folder that does not exist may be answered with an error: then there is simply nothing partial.
    partial: listFolder("List_partial_backups", folder(PARTIAL_FOLDER)),
    latestAllowed: compose("Latest_allowed_backup_time", latestAllowedStamp(utcNow())),
  };
  listings.partial.after(listings.complete, "Succeeded");
  listings.latestAllowed.after(listings.partial, "Succeeded", "Failed");
  const picker = opts.pickWith === "javascript" ? { steps: [pickBackupWithJavaScript("Pick_backup", listings)] } : pickBackupWithExpressions(listings);
  const pick = picker.steps[picker.steps.length - 1];
  const chosen = opts.pickWith === "javascript" ? body(pick) : outputs(pick);
  // Expressions cannot fail on "nothing found", so the empty choice is stopped explicitly.
  const checkFound =
    opts.pickWith === "javascript"
      ? undefined
      : ifThen("Check_backup_found", empty(chosen), [terminate("Stop_backup_not_found", "Failed", NO_BACKUP_ERROR())]).after(pick, "Succeeded");
  const get = getBlobContentByPath("Get_backup", chosen);
  const { steps: decodeSteps, decode } = readBackupDocument(get, backupText);
  const doc = body(decode);
  const filters = new Map(
    kinds.map((k) => [k, query(`Filter_${k}`, doc.prop("items"), equals(item().prop("kind"), SINGULAR[k]), { secure: ["inputs", "outputs"] })]),
  );
  const uncovered = OBJECT_KINDS.filter((k) => !kinds.includes(k));
  const otherKinds = uncovered.length === 0 ? undefined : itemsOfOtherKinds(uncovered, kinds, doc.prop("items"), results);
  const sum = (values: Expr[]): Expr => values.slice(1).reduce((total, v) => add(total, v), values[0]);
  const countChecks = [
    ...kinds.map((k) => equals(length(body(filters.get(k)!)), doc.prop("counts").prop(k))),
    ...(otherKinds ? [equals(length(body(otherKinds.items)), sum(uncovered.map((k) => doc.prop("counts").prop(k))))] : []),
  ];
  const checkCounts = ifThen("Check_backup_counts", not(countChecks.length === 1 ? countChecks[0] : and(...countChecks)), [
    terminate("Stop_inconsistent_backup", "Failed", { code: "BackupInvalid", message: str`The backup ${chosen} holds a different number of items than its counts declare; it is truncated or was altered. Nothing was restored.` }),
  ]);
  const allowIncomplete = and(backupNamed(), incompleteAllowed());
  const checkComplete = ifThen("Check_backup_complete", and(not(equals(doc.prop("complete"), true)), not(allowIncomplete)), [
    terminate("Stop_incomplete_backup", "Failed", {
      code: "BackupIncomplete",
      message: str`The backup ${chosen} is incomplete: some objects failed when it was taken (its failures list them). Restore it only by name, with "allowIncomplete": true. Nothing was restored.`,
    }),
  ]);

  // What the target holds before: a name already there is skipped without a call.
  const listBefore = listTargetNames("before", kinds, before, listingProblems);
  if (otherKinds) otherKinds.record[0].after(checkComplete, "Succeeded");
  listBefore.steps[0].after(otherKinds ? otherKinds.record[otherKinds.record.length - 1] : checkComplete, "Succeeded");
  const checkBefore = ifThen("Check_target_listed", greater(length(variables(listingProblems)), 0), [
    terminate("Stop_target_unreadable", "Failed", {
      code: "TargetUnreadable",
      message: str`The target vault could not be listed in full, so what it already holds is not known (${length(variables(listingProblems))} problem(s), the first: HTTP ${first(variables(listingProblems)).prop("status")}: ${first(variables(listingProblems)).prop("error")}). Nothing was restored.`,
    }),
  ]).whateverBefore();

  const stages = kinds.map((kind) => restoreKind(kind, filters.get(kind)!, { results, before, policy: opts.conflictPolicy, concurrency: opts.concurrency }));
  stages[0].steps[0].after(checkBefore, "Succeeded");
  // One kind's failures do not stop the next kind; they are recorded and fail the run at the end.
  stages.slice(1).forEach((stage) => stage.steps[0].whateverBefore());

  // What the target holds after: every name of the backup must be there.
  const listAfter = listTargetNames("after", kinds, afterwards, listingProblems);
  listAfter.steps[0].whateverBefore();
  const keys = select("Backup_keys", union(...kinds.map((k) => body(filters.get(k)!)), emptyArray()), objectKeyOfItem(), { secure: ["inputs"] });
  keys.whateverBefore();
  const confirmed = compose("Count_confirmed", length(intersection(body(keys), variables(afterwards))));
  const findMissing = query("Find_missing", body(keys), not(contains(variables(afterwards), item())));
  const checkMissing = ifThen("Check_all_in_target", not(equals(outputs(confirmed), length(body(keys)))), [findMissing, setVariable("Store_missing", missing, body(findMissing))]);

  const counters = kinds.flatMap((kind) =>
    OUTCOMES.map((outcome) => ({
      kind,
      outcome,
      handle: query(`Count_${outcome}_${kind}`, variables(results), and(equals(item().prop("kind"), SINGULAR[kind]), equals(item().prop("outcome"), outcome))),
    })),
  );
  counters[0].handle.whateverBefore();
  const inTarget = kinds.map((kind) => ({ kind, handle: query(`Count_in_target_${kind}`, variables(afterwards), startsWith(item(), `${SINGULAR[kind]}/`)) }));
  const notRestored = query("Not_restored", variables(results), not(equals(item().prop("outcome"), "restored")));
  const countOf = (outcome: string) => Object.fromEntries(counters.filter((c) => c.outcome === outcome).map((c) => [c.kind, length(body(c.handle))]));
  const summary = compose(SUMMARY_ACTION, {
    backup: chosen,
    sourceVault: doc.prop("sourceVault"),
    backupCreatedAt: doc.prop("createdAt"),
    backupComplete: equals(doc.prop("complete"), true),
    restoredIncompleteOnRequest: and(not(equals(doc.prop("complete"), true)), allowIncomplete),
    inBackup: Object.fromEntries(OBJECT_KINDS.map((k) => [k, doc.prop("counts").prop(k)])),
    ...Object.fromEntries(OUTCOMES.map((o) => [o, countOf(o)])),
    inTarget: Object.fromEntries(inTarget.map((c) => [c.kind, length(body(c.handle))])),
    notRestored: body(notRestored),
    missingInTarget: variables(missing),
    targetListingProblems: variables(listingProblems),
  });
  const problems = query("Failed_items", variables(results), or(equals(item().prop("outcome"), "failed"), equals(item().prop("outcome"), "conflict")));
  const failIfAny = ifThen("Fail_if_any_failed", or(greater(length(body(problems)), 0), greater(length(variables(missing)), 0), greater(length(variables(listingProblems)), 0)), [
    terminate("Fail_restore", "Failed", {
      code: "RestoreIncomplete",
      message: str`${length(body(problems))} item(s) failed or conflicted, ${length(variables(missing))} name(s) of the backup are not in the target, ${length(variables(listingProblems))} listing problem(s); the Summary lists them.`,
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
    initializeVariable("Initialize_target_before", before),
    initializeVariable("Initialize_target_after", afterwards),
    initializeVariable("Initialize_target_listing_problems", listingProblems),
    initializeVariable("Initialize_missing_in_target", missing),
    ...[...listBefore.nextUrls, ...listAfter.nextUrls].map((v) => initializeVariable(`Initialize_${v.name}`, v)),
  ];
  return renderWorkflow({
    parameters: WORKFLOW_PARAMETERS,
    triggers: manualTrigger({ type: "object", properties: { backup: { type: "string" }, allowIncomplete: { type: "boolean" } } }),
    actions: [
      ...initializers,
      listings.complete,
      listings.partial,
      listings.latestAllowed,
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
      ...(otherKinds ? [otherKinds.items] : []),
      checkCounts,
      checkComplete,
      ...(otherKinds ? otherKinds.record : []),
      ...listBefore.steps,
      checkBefore,
      ...stages.flatMap((s) => s.steps),
      ...listAfter.steps,
      keys,
      confirmed,
      checkMissing,
      ...counters.map((c) => c.handle),
      ...inTarget.map((c) => c.handle),
      notRestored,
      summary,
      problems,
      failIfAny,
    ],
  });
}

/**
 * Items of kinds this workflow does not restore (the stack's `kinds` narrowed after the backup was taken):
 * recorded as failed items, so the run fails naming them instead of dropping them.
 */
function itemsOfOtherKinds(uncovered: readonly ObjectKind[], restored: readonly ObjectKind[], items: Expr, results: Variable): { items: ActionHandle; record: ActionHandle[] } {
  const isUncovered = uncovered.length === 1 ? equals(item().prop("kind"), SINGULAR[uncovered[0]]) : or(...uncovered.map((k) => equals(item().prop("kind"), SINGULAR[k])));
  const found = query("Items_of_other_kinds", items, isUncovered, { secure: ["inputs", "outputs"] });
  const records = select("Record_other_kinds", body(found), {
    kind: item().prop("kind"),
    name: item().prop("name"),
    outcome: "failed",
    status: null,
    error: `This restore workflow restores only ${restored.join(", ")} (the stack's kinds setting); this item was not restored.`,
  });
  // SetVariable cannot read the variable it sets, so the grown list is composed first.
  const gather = compose("Gather_other_kinds", union(variables(results), body(records)));
  return { items: found, record: [records, gather, setVariable("Store_other_kinds", results, outputs(gather))] };
}

const objectKeyOfItem = (): Expr => concat(item().prop("kind"), "/", toLower(item().prop("name")));

interface KindContext {
  results: Variable;
  before: Variable;
  policy: ConflictPolicy;
  concurrency: number;
}

/**
 * One kind: the names the target already holds are recorded (skipped, or failed under the fail policy)
 * without a call; the rest are restored, each checked against the name Key Vault gives the restored object.
 */
function restoreKind(kind: ObjectKind, filter: ActionHandle, ctx: KindContext): { steps: ActionHandle[] } {
  const singular = SINGULAR[kind];
  const keyOf = (name: Expr) => objectKey(kind, name);
  const keys = select(`Keys_${kind}`, body(filter), keyOf(item().prop("name")));
  const present = compose(`Present_${kind}`, intersection(body(keys), variables(ctx.before)));
  const toRestore = query(`To_restore_${kind}`, body(filter), not(contains(outputs(present), keyOf(item().prop("name")))), { secure: ["inputs", "outputs"] });
  const taken = query(`Taken_${kind}`, body(filter), contains(outputs(present), keyOf(item().prop("name"))), { secure: ["inputs", "outputs"] });
  const takenRecords = select(`Record_taken_${kind}`, body(taken), {
    kind: singular,
    name: item().prop("name"),
    outcome: ctx.policy === "skip" ? "skipped" : "failed",
    status: null,
    error: "The target vault already holds this name; it was not overwritten.",
  });
  // SetVariable cannot read the variable it sets, so the grown list is composed first.
  const gather = compose(`Gather_taken_${kind}`, union(variables(ctx.results), body(takenRecords)));
  const store = setVariable(`Store_taken_${kind}`, ctx.results, outputs(gather));
  const loop = foreach(
    `Restore_each_${singular}`,
    body(toRestore),
    (current) => {
      const restore = restoreObject(`Restore_${singular}`, kind, current.prop("value"));
      const asNamed = equals(toLower(coalesce(restoredName(kind, restore), "")), toLower(current.prop("name")));
      return [
        restore,
        appendToArray(`Record_${singular}_restored`, ctx.results, {
          kind: singular,
          name: current.prop("name"),
          outcome: ifElse(asNamed, "restored", "failed"),
          status: outputs(restore).prop("statusCode"),
          error: ifElse(asNamed, null, concat("Key Vault restored this item as '", coalesce(restoredName(kind, restore), ""), "', not as the name the backup gives it.")),
        }),
        appendToArray(`Record_${singular}_not_restored`, ctx.results, {
          kind: singular,
          name: current.prop("name"),
          outcome: ifElse(equals(outputs(restore).prop("statusCode"), 409), "conflict", "failed"),
          status: outputs(restore).prop("statusCode"),
          error: failureMessage(restore),
        }).after(restore, "Failed", "TimedOut"),
      ];
    },
    { concurrency: ctx.concurrency },
  );
  return { steps: [keys, present, toRestore, taken, takenRecords, gather, store, loop] };
}
