import { WorkflowDefinition } from "./definition";
import { Variable, compose, foreach, ifThen, incrementVariable, initializeVariable, query, select, setVariable, terminate } from "./actions";
import { ActionHandle } from "./builder";
import {
  Expr, and, body, coalesce, first, concat, contains, empty, equals, greater, ifElse, intersection, item, length, not, or, outputs, parameters,
  emptyArray, startsWith, union, unionOf, utcNow, variables,
} from "./expr";
import { BACKUP_FORMAT_VERSION, COMPLETE_FOLDER, LEGACY_FORMAT_VERSION, PARTIAL_FOLDER, backupSchema } from "./backupDocument";
import { latestAllowedStamp } from "./backupNames";
import { getBlobContentByPath, listFolder } from "./blobRequests";
import { ObjectKind, OBJECT_KINDS, SINGULAR, inRestoreOrder } from "./kinds";
import { namesIn } from "./listing";
import { BackupListings, backupNamed, incompleteAllowed, pickBackupWithExpressions, pickBackupWithJavaScript } from "./pickBackup";
import { readJsonBlob } from "./readBackup";
import { RestoreContext, restoreKind } from "./restoreParts";
import { WORKFLOW_PARAMETERS, containerName } from "./parameters";
import { listTargetKeys } from "./targetNames";
import { manualTrigger } from "./triggers";
import { Value, str } from "./value";
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


/**
 * Restore the named (or latest complete) backup into the target vault: certificates, then keys, then
 * secrets, a part at a time. The manifest is checked before anything is written (its parts must add up to
 * its counts); the target is listed first, and a name it already holds is never overwritten; each part is
 * checked against its manifest entry before its objects are restored, and each restore against the name the
 * backup gives; the target is listed again, and every name of the backup must be there. The Summary is the
 * last output, and the run is Failed if any item or part failed, conflicted, or is missing from the target.
 * Format-1 documents (one document, no parts) are read as one part per kind.
 */
export function buildRestoreWorkflow(options: Partial<RestoreWorkflowOptions> = {}): WorkflowDefinition {
  const opts = { ...RESTORE_DEFAULTS, ...options };
  const kinds = inRestoreOrder(opts.kinds);
  if (kinds.length === 0) throw new Error("buildRestoreWorkflow: kinds must name at least one of certificates, keys, secrets");

  const results = new Variable("results", "array", []);
  const manifestText = new Variable("manifestText", "string", "");
  const partText = new Variable("partText", "string", "");
  const listingProblems = new Variable("targetListingProblems", "array", []);
  const missing = new Variable("missingInTarget", "array", []);
  const backupKeys = new Variable("backupKeys", "string", "");
  // Counted apart from `results`: a part whose processing failed (even while recording into `results`, at
  // its item limit) must still fail the run.
  const partsFailed = new Variable("partsFailed", "integer", 0);

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
  const { steps: decodeSteps, decode } = readJsonBlob("backup", get, manifestText, backupSchema());
  const doc = body(decode);
  const legacy = equals(doc.prop("formatVersion"), LEGACY_FORMAT_VERSION);
  const notOurFormat = `is not a valid kv-backup-restore backup (format version ${String(LEGACY_FORMAT_VERSION)} or ${String(BACKUP_FORMAT_VERSION)}): it is corrupt, truncated or of another format. Nothing was restored.`;
  const checkShape = ifThen("Check_backup_shape", not(ifElse(legacy, not(equals(doc.prop("items"), null)), not(equals(doc.prop("parts"), null)))), [
    terminate("Stop_misshapen_backup", "Failed", { code: "BackupInvalid", message: str`The backup ${chosen} ${notOurFormat}` }),
  ]).after(decode, "Succeeded");
  // A format-1 document is its own only part, read once per kind.
  const legacyEntries = compose("Legacy_parts", legacyParts(doc));
  const partsOfBackup = compose("Backup_parts", ifElse(legacy, outputs(legacyEntries), doc.prop("parts")));
  const partsOf = new Map(OBJECT_KINDS.map((k) => [k, query(`Parts_of_${k}`, outputs(partsOfBackup), equals(item().prop("kind"), SINGULAR[k]))]));
  const declared = new Map(OBJECT_KINDS.map((k) => [k, new Variable(`${k}Declared`, "integer", 0)]));
  // One loop over every part adds its count to its kind's total (0 to the others): sequential, as variables need.
  const sums = [
    foreach(
      "Sum_part_counts",
      outputs(partsOfBackup),
      (entry) => OBJECT_KINDS.map((k, i) => {
        const add = incrementVariable(`Add_${k}_count`, declared.get(k)!, ifElse(equals(entry.prop("kind"), SINGULAR[k]), entry.prop("count"), 0));
        return i === 0 ? add : add.whateverBefore();
      }),
      { concurrency: 1 },
    ),
  ];
  const countChecks = OBJECT_KINDS.map((k) => equals(variables(declared.get(k)!), doc.prop("counts").prop(k)));
  // Two entries naming one blob would read it twice and never read the part it stands in for.
  const blobs = select("Part_blobs", outputs(partsOfBackup), item().prop("blob"));
  const distinct = or(legacy, equals(length(union(body(blobs), body(blobs))), length(body(blobs))));
  const checkCounts = ifThen("Check_backup_counts", not(and(...countChecks, distinct)), [
    terminate("Stop_inconsistent_backup", "Failed", {
      code: "BackupInvalid",
      message: str`The backup ${chosen} lists parts that hold a different number of items than its counts declare, or names a part twice; it is truncated or was altered. Nothing was restored.`,
    }),
  ]);
  const allowIncomplete = and(backupNamed(), incompleteAllowed());
  // Complete only if the backup says so, lists no failure, and is not under partial/: the workflow never
  // writes another combination, so any other is treated as incomplete.
  const complete = and(equals(doc.prop("complete"), true), empty(coalesce(doc.prop("failures"), emptyArray())), not(startsWith(chosen, concat("/", parameters(containerName), `/${PARTIAL_FOLDER}/`))));
  const checkComplete = ifThen("Check_backup_complete", and(not(complete), not(allowIncomplete)), [
    terminate("Stop_incomplete_backup", "Failed", {
      code: "BackupIncomplete",
      message: str`The backup ${chosen} is incomplete: some objects failed when it was taken (its failures list them). Restore it only by name, with "allowIncomplete": true. Nothing was restored.`,
    }),
  ]);

  const uncovered = OBJECT_KINDS.filter((k) => !kinds.includes(k));
  const otherKinds = uncovered.length === 0 ? [] : partsOfOtherKinds(uncovered, kinds, { parts: outputs(partsOfBackup), doc, legacy }, results);

  // What the target holds before: a name already there is skipped without a call.
  const listBefore = listTargetKeys("before", kinds, listingProblems);
  const beforeKeys = unionOf(listBefore.keys.map((k) => body(k)));
  const checkBefore = ifThen("Check_target_listed", greater(length(variables(listingProblems)), 0), [
    terminate("Stop_target_unreadable", "Failed", {
      code: "TargetUnreadable",
      message: str`The target vault could not be listed in full, so what it already holds is not known (${length(variables(listingProblems))} problem(s), the first: HTTP ${first(variables(listingProblems)).prop("status")}: ${first(variables(listingProblems)).prop("error")}). Nothing was restored.`,
    }),
  ]).whateverBefore();

  const ctx: RestoreContext = { results, partText, backupKeys, partsFailed, before: beforeKeys, doc, chosen, legacy, complete, policy: opts.conflictPolicy, concurrency: opts.concurrency };
  const stages = kinds.map((kind) => restoreKind(kind, partsOf.get(kind)!, ctx));
  // One kind's failures do not stop the next kind; they are recorded and fail the run at the end.
  stages.slice(1).forEach((stage) => stage.steps[0].whateverBefore());

  // What the target holds after: every name of the backup must be there.
  const listAfter = listTargetKeys("after", kinds, listingProblems);
  listAfter.steps[0].whateverBefore();
  const afterKeys = unionOf(listAfter.keys.map((k) => body(k)));
  const expected = namesIn("Backup_keys", variables(backupKeys));
  // A name in two parts would be restored (or skipped) twice while the object it displaced is named nowhere.
  const namedTwice = not(equals(length(union(body(expected), body(expected))), length(body(expected))));
  const findMissing = query("Find_missing", body(expected), not(contains(afterKeys, item())));
  // Missing names are looked for only when the counts say some are: a Query per name is slow on large vaults.
  const checkMissing = ifThen("Check_all_in_target", not(equals(length(intersection(body(expected), afterKeys)), length(body(expected)))), [
    findMissing,
    setVariable("Store_missing", missing, body(findMissing)),
  ]);

  const counters = kinds.flatMap((kind) =>
    OUTCOMES.filter((o) => o !== "restored").map((outcome) => ({
      kind,
      outcome,
      handle: query(`Count_${outcome}_${kind}`, variables(results), and(equals(item().prop("kind"), SINGULAR[kind]), equals(item().prop("outcome"), outcome))),
    })),
  );
  counters[0].handle.whateverBefore();
  const inTarget = kinds.map((kind, i) => ({ kind, count: length(body(listAfter.keys[i])) }));
  const countOf = (outcome: (typeof OUTCOMES)[number]) =>
    Object.fromEntries(
      kinds.map((k, i) => [k, outcome === "restored" ? variables(stages[i].restored) : length(body(counters.find((c) => c.kind === k && c.outcome === outcome)!.handle))]),
    );
  const summary = compose(SUMMARY_ACTION, {
    backup: chosen,
    sourceVault: doc.prop("sourceVault"),
    backupCreatedAt: doc.prop("createdAt"),
    backupComplete: complete,
    restoredIncompleteOnRequest: and(not(complete), allowIncomplete),
    inBackup: Object.fromEntries(OBJECT_KINDS.map((k) => [k, doc.prop("counts").prop(k)])),
    ...Object.fromEntries(OUTCOMES.map((o) => [o, countOf(o)])),
    inTarget: Object.fromEntries(inTarget.map((c) => [c.kind, c.count])),
    notRestored: variables(results),
    missingInTarget: variables(missing),
    targetListingProblems: variables(listingProblems),
  });
  const problems = query("Failed_items", variables(results), or(equals(item().prop("outcome"), "failed"), equals(item().prop("outcome"), "conflict")));
  const failIfAny = ifThen(
    "Fail_if_any_failed",
    or(greater(length(body(problems)), 0), greater(length(variables(missing)), 0), greater(length(variables(listingProblems)), 0), greater(variables(partsFailed), 0), namedTwice),
    [
      terminate("Fail_restore", "Failed", {
        code: "RestoreIncomplete",
        message: str`${length(body(problems))} item(s) or part(s) failed or conflicted, ${length(variables(missing))} name(s) of the backup are not in the target, ${length(variables(listingProblems))} listing problem(s), ${variables(partsFailed)} part(s) not processed in full${ifElse(namedTwice, "; the backup names an object in two parts, so another may be missing unnamed", "")}; the Summary lists what it could record.`,
      }),
    ],
  );

  const stopNoBackup = terminate("Stop_no_backup", "Failed", NO_BACKUP_ERROR()).after(pick, "Failed", "TimedOut", "Skipped");
  const stopUnreadable = terminate("Stop_unreadable_backup", "Failed", {
    code: "BackupUnreadable",
    message: str`The backup ${chosen} could not be read from blob storage. Nothing was restored.`,
  }).after(get, "Failed", "TimedOut");
  const stopUndecodable = terminate("Stop_undecodable_backup", "Failed", { code: "BackupInvalid", message: str`The backup ${chosen} could not be decoded; it ${notOurFormat}` }).after(
    decodeSteps[decodeSteps.length - 1],
    "Failed",
    "TimedOut",
  );
  const stopInvalid = terminate("Stop_invalid_backup", "Failed", { code: "BackupInvalid", message: str`The backup ${chosen} ${notOurFormat}` }).after(decode, "Failed", "TimedOut");

  const initializers: ActionHandle[] = [
    initializeVariable("Initialize_results", results),
    initializeVariable("Initialize_manifest_text", manifestText),
    initializeVariable("Initialize_part_text", partText),
    initializeVariable("Initialize_target_listing_problems", listingProblems),
    initializeVariable("Initialize_missing_in_target", missing),
    initializeVariable("Initialize_backup_keys", backupKeys),
    initializeVariable("Initialize_parts_failed", partsFailed),
    ...[...declared.values(), ...stages.flatMap((s) => [s.restored, s.partIndex]), ...listBefore.variables, ...listAfter.variables].map((v) => initializeVariable(`Initialize_${v.name}`, v)),
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
      checkShape,
      legacyEntries,
      partsOfBackup,
      ...partsOf.values(),
      ...sums,
      blobs,
      checkCounts,
      checkComplete,
      ...otherKinds,
      ...listBefore.steps,
      checkBefore,
      ...stages.flatMap((s) => s.steps),
      ...listAfter.steps,
      expected,
      checkMissing,
      ...counters.map((c) => c.handle),
      summary,
      problems,
      failIfAny,
    ],
  });
}

/** A format-1 document as parts: one per kind, each the document itself, holding that kind's count. */
function legacyParts(doc: Expr): Value {
  return OBJECT_KINDS.map((k) => ({ kind: SINGULAR[k], blob: "", count: doc.prop("counts").prop(k), index: 0 }));
}

/**
 * Objects of kinds this workflow does not restore (the stack's `kinds` narrowed after the backup was taken):
 * recorded as failed, so the run fails naming them instead of dropping them. A format-1 document names each
 * item; a format-2 backup names each part and how many objects it holds (naming them would mean reading
 * parts this workflow does not restore).
 */
function partsOfOtherKinds(uncovered: readonly ObjectKind[], restored: readonly ObjectKind[], ctx: { parts: Expr; doc: Expr; legacy: Expr }, results: Variable): ActionHandle[] {
  const isUncovered = or(...uncovered.map((k) => equals(item().prop("kind"), SINGULAR[k])), false);
  const notRestored = `This restore workflow restores only ${restored.join(", ")} (the stack's kinds setting);`;
  const parts = query("Parts_of_other_kinds", ifElse(ctx.legacy, emptyArray(), ctx.parts), isUncovered);
  const partRecords = select("Record_parts_of_other_kinds", body(parts), {
    kind: item().prop("kind"),
    name: null,
    outcome: "failed",
    status: null,
    error: concat(`${notRestored} part `, item().prop("blob"), " and its ", item().prop("count"), " object(s) were not restored."),
  });
  const items = query("Items_of_other_kinds", ifElse(ctx.legacy, ctx.doc.prop("items"), emptyArray()), isUncovered, { secure: ["inputs", "outputs"] });
  const itemRecords = select("Record_items_of_other_kinds", body(items), {
    kind: item().prop("kind"),
    name: item().prop("name"),
    outcome: "failed",
    status: null,
    error: `${notRestored} this item was not restored.`,
  });
  // SetVariable cannot read the variable it sets, so the grown list is composed first.
  const gather = compose("Gather_other_kinds", union(variables(results), body(partRecords), body(itemRecords)));
  return [parts, partRecords, items, itemRecords, gather, setVariable("Store_other_kinds", results, outputs(gather))];
}
