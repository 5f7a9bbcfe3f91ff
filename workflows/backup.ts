import { WorkflowDefinition } from "./definition";
import { Variable, appendToArray, compose, foreach, ifThen, incrementVariable, initializeVariable, query, select, setVariable, terminate, until } from "./actions";
import { ActionHandle, ENDED } from "./builder";
import {
  Expr, add, and, body, coalesce, concat, contains, empty, equals, first, greater, greaterOrEquals, ifElse, intersection, item, last, length, not, or, outputs, parameters,
  less, mul, runName, skip, split, sub, take, union, utcNow, variables,
} from "./expr";
import { COMPLETE_FOLDER, PARTIAL_FOLDER, PARTS_FOLDER, PART_OBJECTS, failureContent, itemContent, manifestContent, partContent } from "./backupDocument";
import { backupStem } from "./backupNames";
import { chunkableContent, createBlob } from "./blobRequests";
import { backupObject, failureMessage, listItemIdField } from "./keyVaultRequests";
import { ObjectKind, OBJECT_KINDS, SINGULAR, inRestoreOrder } from "./kinds";
import { LIST_LIMIT, listNames } from "./listing";
import { objectCallAction } from "./objectCalls";
import { loopRecords } from "./loopResults";
import { WORKFLOW_PARAMETERS, containerName, vaultBaseUrl } from "./parameters";
import { manualTrigger } from "./triggers";
import { BackupSchedule, ONE_RUN_AT_A_TIME, SCHEDULE_TRIGGER, recurrenceTrigger } from "./schedule";
import { str } from "./value";
import { SUMMARY_ACTION } from "./summary";
import { renderWorkflow } from "./workflow";

export interface BackupWorkflowOptions {
  /** Which kinds of object to back up; at least one. */
  kinds: readonly ObjectKind[];
  /** Parallel backup calls (Foreach concurrency, 1-50). */
  concurrency: number;
  /** A Recurrence trigger beside the HTTP trigger; none by default. */
  schedule?: BackupSchedule;
  /** Objects per part, per kind (see PART_OBJECTS). */
  partObjects: Readonly<Record<ObjectKind, number>>;
}

export const BACKUP_DEFAULTS: BackupWorkflowOptions = { kinds: OBJECT_KINDS, concurrency: 20, partObjects: PART_OBJECTS };

interface BackupRun {
  failures: Variable;
  parts: Variable;
  stem: Expr;
  concurrency: number;
}

/**
 * Back up every object of each enabled kind: list the names, then back them up a part at a time (a part's
 * Foreach holds only the Key Vault call; result() reads what it did), write each part, and write the
 * manifest last, so a backup either exists whole (the manifest under `backups/`) or is marked partial.
 */
export function buildBackupWorkflow(options: Partial<BackupWorkflowOptions> = {}): WorkflowDefinition {
  const opts = { ...BACKUP_DEFAULTS, ...options };
  const kinds = inRestoreOrder(opts.kinds);
  if (kinds.length === 0) throw new Error("buildBackupWorkflow: kinds must name at least one of certificates, keys, secrets");

  const startedAt = new Variable("startedAt", "string", utcNow());
  const failures = new Variable("failures", "array", []);
  const parts = new Variable("parts", "array", []);
  const run: BackupRun = { failures, parts, stem: backupStem(variables(startedAt), runName()), concurrency: opts.concurrency };
  const stages = kinds.map((kind) => backUpKind(kind, opts.partObjects[kind], run));
  // Every kind is listed and backed up even when an earlier one had failures; failures are collected, not fatal.
  stages.slice(1).forEach((stage) => stage.steps[0].whateverBefore());

  const sum = (values: Expr[]): Expr => values.slice(1).reduce((total, v) => add(total, v), values[0]);
  const backedUpOf = (kind: ObjectKind): Expr => variables(stages[kinds.indexOf(kind)].backedUp);
  const listedOf = (kind: ObjectKind): Expr => length(body(stages[kinds.indexOf(kind)].listed));
  const backedUpCount = sum(kinds.map(backedUpOf));
  const listedCount = sum(kinds.map(listedOf));
  // Per kind, so an object neither backed up nor named as failed (a part lost without a record) cannot hide.
  const shortKinds = kinds.map((k) => not(equals(backedUpOf(k), listedOf(k))));
  const failed = or(greater(length(variables(failures)), 0), ...shortKinds);
  const folder = ifElse(failed, PARTIAL_FOLDER, COMPLETE_FOLDER);
  const blobName = concat(run.stem, ".json");
  const manifest = chunkableContent(
    "Compose_backup_manifest",
    manifestContent({
      sourceVault: parameters(vaultBaseUrl),
      createdAt: variables(startedAt),
      runId: runName(),
      complete: not(failed),
      counts: Object.fromEntries(OBJECT_KINDS.map((k) => [k, kinds.includes(k) ? backedUpOf(k) : 0])),
      parts: variables(parts),
      failures: variables(failures),
    }),
  ).whateverBefore();
  const summary = compose(SUMMARY_ACTION, {
    backup: concat(folder, "/", blobName),
    complete: not(failed),
    listed: Object.fromEntries(kinds.map((k) => [k, listedOf(k)])),
    backedUp: Object.fromEntries(kinds.map((k) => [k, backedUpOf(k)])),
    parts: length(variables(parts)),
    failures: variables(failures),
  }).whateverBefore();
  const write = createBlob("Write_backup_manifest", concat("/", parameters(containerName), "/", folder), blobName, manifest)
    .after(manifest, "Succeeded")
    .after(summary, "Succeeded");
  const notWritten = terminate("Stop_backup_not_written", "Failed", {
    code: "BackupNotWritten",
    message: str`The backup manifest could not be composed or written (see Compose_backup_manifest and Write_backup_manifest); no backup of this run was stored, and its parts under ${PARTS_FOLDER}/ are not a backup. Backed up ${backedUpCount} of ${listedCount} listed object(s).`,
  }).after(write, "Failed", "TimedOut", "Skipped");
  const failIfIncomplete = ifThen("Fail_if_incomplete", failed, [
    terminate("Fail_incomplete_backup", "Failed", {
      code: "BackupIncomplete",
      message: str`Backed up ${backedUpCount} of ${listedCount} listed object(s); ${length(variables(failures))} failure(s). The partial backup is ${concat(PARTIAL_FOLDER, "/", blobName)} and lists the failures.`,
    }),
  ]);

  return renderWorkflow({
    parameters: WORKFLOW_PARAMETERS,
    // Backups never overlap: each trigger runs one at a time (a manual and a scheduled run can still meet).
    triggers: { ...manualTrigger({}, ONE_RUN_AT_A_TIME), ...(opts.schedule ? { [SCHEDULE_TRIGGER]: recurrenceTrigger(opts.schedule) } : {}) },
    actions: [
      initializeVariable("Initialize_started_at", startedAt),
      initializeVariable("Initialize_failures", failures),
      initializeVariable("Initialize_parts", parts),
      ...stages.flatMap((s) => s.variables.map((v) => initializeVariable(`Initialize_${v.name}`, v))),
      ...stages.flatMap((s) => s.steps),
      manifest,
      summary,
      write,
      notWritten,
      failIfIncomplete.after(write, "Succeeded"),
    ],
  });
}

/** One kind: list its names, then back them up a part at a time. */
function backUpKind(kind: ObjectKind, partObjects: number, run: BackupRun): { variables: Variable[]; steps: ActionHandle[]; backedUp: Variable; listed: ActionHandle } {
  const singular = SINGULAR[kind];
  const backedUp = new Variable(`${kind}BackedUp`, "integer", 0);
  const partIndex = new Variable(`${kind}Part`, "integer", 0);
  const failure = (name: string, error: Expr | string, status: Expr | null = null) => recordFailure(name, run, singular, error, status);
  const listing = listNames(kind, {
    stem: kind,
    // Certificate-backed keys and secrets refuse backup (403); the certificate's backup carries them.
    nameOf: (listItem) => ifElse(equals(listItem.prop("managed"), true), "", last(split(listItem.field(listItemIdField(kind)), "/"))),
    onPageLost: () => [failure(`Record_${kind}_page_failure`, "A listed page could not be read into the backup list; its objects are missing.")],
    onListFailure: (page) => [failure(`Record_${kind}_list_failure`, concat(`Listing ${kind} failed: `, failureMessage(page)), outputs(page).prop("statusCode"))],
    onIncomplete: () => [failure(`Record_${kind}_listing_incomplete`, `The listing of ${kind} stopped before its last page (its count or timeout was reached); the objects after it are missing.`)],
  });
  // Part i is names i*n to i*n+n-1, taken from the listing as each part starts (no action to cut them up).
  const listed = body(listing.names);
  const start = mul(variables(partIndex), partObjects);
  const loop = until(`Back_up_${kind}_parts`, greaterOrEquals(start, length(listed)), backUpPart(kind, take(skip(listed, start), partObjects), partIndex, backedUp, run), LIST_LIMIT);
  // An Until that reaches its count or timeout ends as if done: the names after it would be missing unsaid.
  const stopped = ifThen(`Check_${kind}_parts_to_the_end`, less(start, length(listed)), [
    failure(`Record_${kind}_parts_not_reached`, concat("The backup of ", kind, " stopped after ", variables(partIndex), " parts (its count or timeout was reached); the objects after it are missing.")),
  ]).whateverBefore();
  // An Until runs its body at least once: a kind with nothing listed has no part at all.
  const any = ifThen(`Back_up_${kind}_if_any`, greater(length(listed), 0), [loop, stopped]);
  return { variables: [listing.text, backedUp, partIndex], steps: [listing.loop, listing.complete, listing.names, any], backedUp, listed: listing.names };
}

/**
 * One part: the Key Vault calls, what they answered (read with result()), the part written, and its entry
 * in the manifest. A part whose results cannot be matched one to one to its names is not written, and the
 * backup is partial; so are the objects whose call failed or answered without a backup blob.
 */
function backUpPart(kind: ObjectKind, names: Expr, partIndex: Variable, backedUp: Variable, run: BackupRun): ActionHandle[] {
  const singular = SINGULAR[kind];
  const failure = (name: string, error: Expr) => recordFailure(name, run, singular, error);
  const each = foreach(`Back_up_each_${singular}`, names, (name) => [backupObject(objectCallAction("backup", kind), kind, name)], { concurrency: run.concurrency });
  const record = item();
  // The call's URI is <vault>/<kind>/<name>/backup, with or without its query: the name is the segment
  // before the last (a vault or object may itself be called "backup...").
  const segments = split(first(split(coalesce(record.prop("inputs").prop("uri"), ""), "?")), "/");
  const nameOfCall = segments.index(sub(length(segments), 2));
  const outcomes = select(
    `Outcomes_${kind}`,
    loopRecords(each),
    { kind: singular, name: nameOfCall, value: record.prop("outputs").prop("body").prop("value"), status: record.prop("outputs").prop("statusCode"), error: coalesce(record.prop("outputs").prop("body").prop("error").prop("message"), record.prop("error").prop("message")) },
    { secure: ["inputs", "outputs"] },
  ).whateverBefore();
  const usable = and(equals(item().prop("status"), 200), not(empty(item().prop("value"))), contains(names, item().prop("name")));
  const backedUpItems = query(`Backed_up_${kind}`, body(outcomes), usable, { secure: ["inputs", "outputs"] });
  // Secured too: an outcome answered with a blob but not matched to the part's names still carries the blob.
  const notBackedUp = query(`Not_backed_up_${kind}`, body(outcomes), not(usable), { secure: ["inputs", "outputs"] });
  const failureRecords = select(
    `Record_${kind}_failures`,
    body(notBackedUp),
    failureContent({
      kind: singular,
      name: item().prop("name"),
      status: item().prop("status"),
      error: ifElse(equals(item().prop("status"), 200), "Key Vault answered the backup call without a backup blob (no value); the object is not in this backup.", item().prop("error")),
    }),
  );
  // SetVariable cannot read the variable it sets, so the grown list is composed first; only when there is
  // something to add, which saves two actions on every part that has no failure.
  const gather = compose(`Gather_${kind}_failures`, union(variables(run.failures), body(failureRecords)));
  const store = ifThen(`Store_${kind}_failures_if_any`, greater(length(body(failureRecords)), 0), [gather, setVariable(`Store_${kind}_failures`, run.failures, outputs(gather))]);
  const calledNames = select(`Called_${kind}`, body(outcomes), item().prop("name"));
  const matched = and(equals(length(body(outcomes)), length(names)), equals(length(intersection(names, body(calledNames))), length(names)));

  const items = select(`Items_${kind}`, body(backedUpItems), itemContent({ kind: singular, name: item().prop("name"), value: item().prop("value") }), { secure: ["inputs", "outputs"] });
  const partName = concat(singular, "-", variables(partIndex), ".json");
  const content = chunkableContent(`Compose_${kind}_part`, partContent({ runId: runName(), kind: singular, index: variables(partIndex), items: body(items) }));
  const write = createBlob(`Write_${kind}_part`, concat("/", parameters(containerName), `/${PARTS_FOLDER}/`, run.stem), partName, content);
  const entry = appendToArray(`Record_${kind}_part`, run.parts, { kind: singular, blob: concat(`${PARTS_FOLDER}/`, run.stem, "/", partName), count: length(body(items)), index: variables(partIndex) });
  const counted = incrementVariable(`Count_${kind}_backed_up`, backedUp, length(body(items)));
  const notWritten = appendToArray(
    `Record_${kind}_part_not_written`,
    run.failures,
    failureContent({ kind: singular, name: null, status: outputs(write).prop("statusCode"), error: concat("Part ", variables(partIndex), " of ", kind, " (", length(body(items)), " objects) could not be written; its objects are not in this backup.") }),
  ).after(write, "Failed", "TimedOut");
  const check = ifThen(
    `Check_${kind}_part`,
    matched,
    [items, content, write, entry, counted, notWritten],
    [failure(`Record_${kind}_part_unmatched`, concat("The results of part ", variables(partIndex), " (", length(body(outcomes)), ") could not be matched one to one to its ", length(names), " objects; the part is not in this backup."))],
  );
  // If reading the results failed, the check never ran: the part is recorded, and the loop moves on.
  const unprocessed = failure(`Record_${kind}_part_unprocessed`, concat("The results of part ", variables(partIndex), " of ", kind, " (", length(names), " objects) could not be read; the part is not in this backup.")).after(
    check,
    "Skipped",
  );
  const next = incrementVariable(`Next_${kind}_part`, partIndex, 1).after(check, ...ENDED, "Skipped").after(unprocessed, ...ENDED, "Skipped");
  return [each, outcomes, backedUpItems, notBackedUp, failureRecords, store, calledNames, check, unprocessed, next];
}

/** A failure that stands for many objects (a listing, a page, a part): it has no object name. */
function recordFailure(name: string, run: BackupRun, singular: string, error: Expr | string, status: Expr | null = null): ActionHandle {
  return appendToArray(name, run.failures, failureContent({ kind: singular, name: null, status, error }));
}
