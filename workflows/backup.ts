import { WorkflowDefinition } from "./definition";
import { Variable, appendToArray, compose, foreach, ifThen, incrementVariable, initializeVariable, query, select, setVariable, terminate } from "./actions";
import { Expr, add, body, concat, empty, equals, sub, greater, ifElse, item, last, length, not, or, outputs, parameters, runName, split, union, utcNow, variables } from "./expr";
import { BACKUP_FORMAT, BACKUP_FORMAT_VERSION, COMPLETE_FOLDER, PARTIAL_FOLDER } from "./backupDocument";
import { backupBlobName } from "./backupNames";
import { chunkableContent, createBlob } from "./blobRequests";
import { backupObject, failureMessage, listItemIdField } from "./keyVaultRequests";
import { ObjectKind, OBJECT_KINDS, SINGULAR, inRestoreOrder } from "./kinds";
import { pagedListing } from "./listing";
import { WORKFLOW_PARAMETERS, containerName, vaultBaseUrl } from "./parameters";
import { manualTrigger } from "./triggers";
import { BackupSchedule, ONE_RUN_AT_A_TIME, SCHEDULE_TRIGGER, recurrenceTrigger } from "./schedule";
import { str } from "./value";
import { SUMMARY_ACTION } from "./summary";
import { renderWorkflow } from "./workflow";

export interface BackupWorkflowOptions {
  /** Which kinds of object to back up; at least one. */
  kinds: readonly ObjectKind[];
  /** Parallel backup calls per kind (Foreach concurrency, 1-50). */
  concurrency: number;
  /** A Recurrence trigger beside the HTTP trigger; none by default. */
  schedule?: BackupSchedule;
}

export const BACKUP_DEFAULTS: BackupWorkflowOptions = { kinds: OBJECT_KINDS, concurrency: 20 };

/**
 * Back up every object of each enabled kind into ONE document, written last, so a backup either exists
 * whole or not at all. A run where anything failed writes under `partial/` and ends Failed.
 */
export function buildBackupWorkflow(options: Partial<BackupWorkflowOptions> = {}): WorkflowDefinition {
  const opts = { ...BACKUP_DEFAULTS, ...options };
  const kinds = inRestoreOrder(opts.kinds);
  if (kinds.length === 0) throw new Error("buildBackupWorkflow: kinds must name at least one of certificates, keys, secrets");

  const startedAt = new Variable("startedAt", "string", utcNow());
  const failures = new Variable("failures", "array", []);
  const itemsOf = new Map(kinds.map((k) => [k, new Variable(`${k}Items`, "array", [])]));
  // Counted outside the parallel Foreach, where increments are sequential: if appends made inside it ever
  // lost an item, collected != listed and the backup is marked partial instead of silently short.
  const listedOf = new Map(kinds.map((k) => [k, new Variable(`${k}Listed`, "integer", 0)]));

  // Listing gathers every page first; one Foreach per kind then backs up across page boundaries, so the
  // last, partly filled wave of each page no longer holds up the next page (measured by `npm run bench`).
  const toBackUpOf = new Map(kinds.map((k) => [k, new Variable(`${k}ToBackUp`, "array", [])]));
  const stages = kinds.map((kind) => {
    const singular = SINGULAR[kind];
    const collected = itemsOf.get(kind)!;
    const toBackUp = toBackUpOf.get(kind)!;
    const listing = pagedListing(kind, {
      stem: kind,
      perPage: (page) => {
        // Certificate-backed keys and secrets refuse backup (403); the certificate's backup carries them.
        // `value` read strictly: a 200 page without it (or with null) is a page failure, never an empty last page.
        const unmanaged = query(`Unmanaged_${kind}`, body(page).field("value"), not(equals(item().prop("managed"), true)));
        const countListed = incrementVariable(`Count_listed_${kind}`, listedOf.get(kind)!, length(body(unmanaged)));
        // SetVariable cannot read the variable it sets, so the grown list is composed first.
        const gather = compose(`Gather_${kind}`, union(variables(toBackUp), body(unmanaged)));
        const store = setVariable(`Store_${kind}`, toBackUp, outputs(gather));
        // A page that was listed but not gathered (a malformed answer, a limit) would drop its objects silently.
        const lost = appendToArray(`Record_${kind}_page_failure`, failures, {
          kind: singular,
          name: null,
          status: null,
          error: "A listed page could not be read into the backup list; its objects are missing.",
        })
          .after(store, "Failed", "Skipped")
          .after(page, "Succeeded");
        return [unmanaged, countListed, gather, store, lost];
      },
      onListFailure: (page) => [
        appendToArray(`Record_${kind}_list_failure`, failures, {
          kind: singular,
          name: null,
          status: outputs(page).prop("statusCode"),
          error: failureMessage(page),
        }),
      ],
      onIncomplete: () => [
        appendToArray(`Record_${kind}_listing_incomplete`, failures, {
          kind: singular,
          name: null,
          status: null,
          error: `The listing of ${kind} stopped before its last page (its count or timeout was reached); the objects after it are missing.`,
        }),
      ],
    });
    const each = foreach(
      `Back_up_each_${singular}`,
      variables(toBackUp),
      (current) => {
        const objectName = last(split(current.prop(listItemIdField(kind)), "/"));
        const backup = backupObject(`Back_up_${singular}`, kind, objectName);
        // Its inputs are hidden in run history because they read the backup call's secured outputs.
        const collect = appendToArray(`Collect_${singular}`, collected, { kind: singular, name: objectName, value: body(backup).prop("value") });
        const recordFailure = appendToArray(`Record_${singular}_failure`, failures, {
          kind: singular,
          name: objectName,
          status: outputs(backup).prop("statusCode"),
          error: failureMessage(backup),
        }).after(backup, "Failed", "TimedOut");
        return [backup, collect, recordFailure];
      },
      { concurrency: opts.concurrency },
    ).whateverBefore();
    // A call answered 200 without a backup blob is a failed object, not a collected one: the document keeps
    // only items with a value, and the rest are named as failures.
    const usable = query(`Usable_${kind}`, variables(collected), not(empty(item().prop("value"))), { secure: ["inputs", "outputs"] }).whateverBefore();
    const unusable = query(`Unusable_${kind}`, variables(collected), empty(item().prop("value")), { secure: ["inputs"] }).whateverBefore();
    const unusableRecords = select(`Record_unusable_${kind}`, body(unusable), {
      kind: singular,
      name: item().prop("name"),
      status: 200,
      error: "Key Vault answered the backup call without a backup blob (no value); the object is not in this backup.",
    }).whateverBefore();
    return { nextUrl: listing.nextUrl, usable, unusableRecords, steps: [listing.loop, listing.complete, each, usable, unusable, unusableRecords] };
  });

  const sum = (values: Expr[]): Expr => values.slice(1).reduce((total, v) => add(total, v), values[0]);
  // Counted from actions without secureData of their own: whatever reads Usable_* or Unusable_* is hidden in run history.
  const backedUpOf = (i: number): Expr => sub(length(variables(itemsOf.get(kinds[i])!)), length(body(stages[i].unusableRecords)));
  const backedUpCount = sum(kinds.map((_, i) => backedUpOf(i)));
  const listedCount = sum(kinds.map((k) => variables(listedOf.get(k)!)));
  const allFailures = union(variables(failures), ...stages.map((stage) => body(stage.unusableRecords)));
  // Per kind, so a lost append in one kind cannot be hidden by a doubled one in another.
  const shortKinds = kinds.map((k) => not(equals(length(variables(itemsOf.get(k)!)), variables(listedOf.get(k)!))));
  const failed = or(greater(length(allFailures), 0), ...shortKinds);
  const folder = ifElse(failed, PARTIAL_FOLDER, COMPLETE_FOLDER);
  const blobName = backupBlobName(variables(startedAt), runName());
  const collectedItems = stages.map((stage) => body(stage.usable));
  const document = chunkableContent(
    "Compose_backup_document",
    {
      format: BACKUP_FORMAT,
      formatVersion: BACKUP_FORMAT_VERSION,
      sourceVault: parameters(vaultBaseUrl),
      createdAt: variables(startedAt),
      runId: runName(),
      complete: not(failed),
      counts: Object.fromEntries(OBJECT_KINDS.map((k) => [k, kinds.includes(k) ? backedUpOf(kinds.indexOf(k)) : 0])),
      // Item names are unique per kind, so union() loses nothing here.
      items: collectedItems.length === 1 ? collectedItems[0] : union(...collectedItems),
      failures: allFailures,
    },
  );
  const steps = stages.flatMap((s) => s.steps);
  // Every kind is listed and backed up even when an earlier one had failures; failures are collected, not fatal.
  stages.slice(1).forEach((stage) => stage.steps[0].whateverBefore());
  document.whateverBefore();
  const summary = compose(SUMMARY_ACTION, {
    backup: concat(folder, "/", blobName),
    complete: not(failed),
    listed: Object.fromEntries(kinds.map((k) => [k, variables(listedOf.get(k)!)])),
    backedUp: Object.fromEntries(kinds.map((k, i) => [k, backedUpOf(i)])),
    failures: allFailures,
  }).whateverBefore();
  const write = createBlob("Write_backup_document", concat("/", parameters(containerName), "/", folder), blobName, document)
    .after(document, "Succeeded")
    .after(summary, "Succeeded");
  const notWritten = terminate("Stop_backup_not_written", "Failed", {
    code: "BackupNotWritten",
    message: str`The backup document could not be composed or written (see Compose_backup_document and Write_backup_document); no backup of this run was stored. Backed up ${backedUpCount} of ${listedCount} listed object(s).`,
  }).after(write, "Failed", "TimedOut", "Skipped");
  const failIfIncomplete = ifThen("Fail_if_incomplete", failed, [
    terminate("Fail_incomplete_backup", "Failed", {
      code: "BackupIncomplete",
      message: str`Backed up ${backedUpCount} of ${listedCount} listed object(s); ${length(allFailures)} failure(s). The partial backup is ${concat(PARTIAL_FOLDER, "/", blobName)} and lists the failures.`,
    }),
  ]);

  return renderWorkflow({
    parameters: WORKFLOW_PARAMETERS,
    // Backups never overlap: each trigger runs one at a time (a manual and a scheduled run can still meet).
    triggers: { ...manualTrigger({}, ONE_RUN_AT_A_TIME), ...(opts.schedule ? { [SCHEDULE_TRIGGER]: recurrenceTrigger(opts.schedule) } : {}) },
    actions: [
      initializeVariable("Initialize_started_at", startedAt),
      initializeVariable("Initialize_failures", failures),
      ...kinds.map((k) => initializeVariable(`Initialize_${k}_items`, itemsOf.get(k)!)),
      ...kinds.map((k) => initializeVariable(`Initialize_${k}_listed`, listedOf.get(k)!)),
      ...kinds.map((k) => initializeVariable(`Initialize_${k}_to_back_up`, toBackUpOf.get(k)!)),
      ...stages.map((stage, i) => initializeVariable(`Initialize_${kinds[i]}_next_page`, stage.nextUrl)),
      ...steps,
      document,
      summary,
      write,
      notWritten,
      failIfIncomplete.after(write, "Succeeded"),
    ],
  });
}
