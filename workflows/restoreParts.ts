import { Variable, appendToArray, appendToString, compose, foreach, ifThen, incrementVariable, query, select, setVariable, until } from "./actions";
import { ActionHandle } from "./builder";
import { Expr, and, body, chunk, coalesce, concat, contains, emptyArray, equals, first, greater, greaterOrEquals, ifElse, intersection, item, length, less, not, or, outputs, parameters, result, split, toLower, union, variables } from "./expr";
import { getBlobContentByPath } from "./blobRequests";
import { failureMessage, restoreObject } from "./keyVaultRequests";
import { ObjectKind, SINGULAR } from "./kinds";
import { LIST_LIMIT, namesText } from "./listing";
import { objectCallAction } from "./objectCalls";
import { partReadSchema } from "./backupDocument";
import { containerName } from "./parameters";
import { readJsonBlob } from "./readBackup";
import { objectKey } from "./targetNames";
import type { ConflictPolicy } from "./restore";

/**
 * Restoring one kind of a backup, a part at a time: each part read, checked against its manifest entry and
 * restored; a part that cannot be read or does not match is recorded as failed with the number of objects
 * it stands for, and counted apart so that the run fails even if recording it failed.
 */

/** The name the restored object has: the id Key Vault answers with (a key's is in `key.kid`) is .../<kind>/<name>/<version>. */
function restoredName(kind: ObjectKind, restore: ActionHandle): Expr {
  const id = kind === "keys" ? body(restore).prop("key").prop("kid") : body(restore).prop("id");
  return split(coalesce(id, ""), "/").atSafe(4);
}

/** A key is at most `certificate/`, a name of 127 characters and a separator (140): 500 stay under 131,072. */
const KEYS_PER_APPEND = 500;

export interface RestoreContext {
  results: Variable;
  partsFailed: Variable;
  partText: Variable;
  backupKeys: Variable;
  /** Keys the target held before the run. */
  before: Expr;
  doc: Expr;
  chosen: Expr;
  legacy: Expr;
  /** Whether the backup counts as complete; a partial one restored on request may have gaps between parts. */
  complete: Expr;
  policy: ConflictPolicy;
  concurrency: number;
}

/** One kind: its parts one after another. */
export function restoreKind(kind: ObjectKind, parts: ActionHandle, ctx: RestoreContext): { steps: ActionHandle[]; restored: Variable; partIndex: Variable } {
  const restored = new Variable(`${kind}Restored`, "integer", 0);
  const partIndex = new Variable(`${kind}Part`, "integer", 0);
  const entry = body(parts).index(variables(partIndex));
  const loop = until(`Restore_${kind}_parts`, greaterOrEquals(variables(partIndex), length(body(parts))), restorePart(kind, entry, partIndex, restored, ctx), LIST_LIMIT);
  // An Until that reaches its count or timeout ends as if done: the parts after it would be neither restored
  // nor expected in the target, so the run fails naming how many were never read.
  const stopped = ifThen(`Check_${kind}_parts_to_the_end`, less(variables(partIndex), length(body(parts))), [
    appendToArray(`Record_${kind}_parts_not_reached`, ctx.results, {
      kind: SINGULAR[kind],
      name: null,
      outcome: "failed",
      status: null,
      error: concat("The restore of ", kind, " stopped after ", variables(partIndex), " of ", length(body(parts)), " parts (its count or timeout was reached); the parts after it were not restored."),
    }),
    incrementVariable(`Count_${kind}_parts_not_reached`, ctx.partsFailed, 1),
  ]).whateverBefore();
  const any = ifThen(`Restore_${kind}_if_any`, greater(length(body(parts)), 0), [loop, stopped]);
  return { steps: [any], restored, partIndex };
}

/**
 * One part: read and checked against its manifest entry (same run, same format, its kind only, its place
 * among the kind's parts, as many items as declared, no name twice); names the target held before are recorded (skipped, or failed under the fail policy) without
 * a call; the rest are restored, each checked against the name Key Vault gives the restored object. A part
 * that cannot be read or does not match is recorded as failed with the number of objects it stands for.
 */
function restorePart(kind: ObjectKind, entry: Expr, partIndex: Variable, restored: Variable, ctx: RestoreContext): ActionHandle[] {
  const singular = SINGULAR[kind];
  const reset = setVariable(`Reset_${kind}_part_text`, ctx.partText, "");
  const path = ifElse(ctx.legacy, ctx.chosen, concat("/", parameters(containerName), "/", entry.prop("blob")));
  const get = getBlobContentByPath(`Get_${kind}_part`, path);
  const { steps: decodeSteps, decode } = readJsonBlob(`${kind}_part`, get, ctx.partText, partReadSchema());
  const part = body(decode);
  const ofKind = query(`Items_of_${kind}`, part.prop("items"), equals(item().prop("kind"), singular), { secure: ["inputs", "outputs"] });
  const keyOf = (name: Expr) => objectKey(kind, name);
  const keys = select(`Keys_${kind}`, body(ofKind), keyOf(item().prop("name")));
  // Names are unique per kind in a vault: a part naming one twice was altered, and the object it displaced is lost.
  const matches = and(
    equals(part.prop("formatVersion"), ctx.doc.prop("formatVersion")),
    equals(part.prop("runId"), ctx.doc.prop("runId")),
    equals(length(body(ofKind)), entry.prop("count")),
    equals(length(union(body(keys), body(keys))), length(body(keys))),
    or(
      ctx.legacy,
      and(
        equals(part.prop("kind"), singular),
        equals(part.prop("index"), entry.prop("index")),
        // A complete backup has every part of a kind, in order; a partial one may lack some (not written, not matched).
        or(not(ctx.complete), equals(entry.prop("index"), variables(partIndex))),
        equals(length(body(ofKind)), length(part.prop("items"))),
      ),
    ),
  );
  const failedPart = (name: string, why: Expr | string) =>
    appendToArray(name, ctx.results, { kind: singular, name: null, outcome: "failed", status: null, error: concat("Part ", coalesce(entry.prop("blob"), ""), " of ", entry.prop("count"), " object(s) ", why) });

  // The part's keys join the expected names a slice at a time: one string of a whole part's keys could pass
  // the 131,072-character expression limit (2,000 names of up to 127 characters), a slice of 500 cannot.
  const expect = foreach(
    `Expect_${kind}`,
    chunk(body(keys), KEYS_PER_APPEND),
    (slice) => [appendToString(`Expect_${kind}_slice`, ctx.backupKeys, namesText(slice))],
    { concurrency: 1 },
  );
  const present = compose(`Present_${kind}`, intersection(body(keys), ctx.before));
  const toRestore = query(`To_restore_${kind}`, body(ofKind), not(contains(outputs(present), keyOf(item().prop("name")))), { secure: ["inputs", "outputs"] });
  const taken = query(`Taken_${kind}`, body(ofKind), contains(outputs(present), keyOf(item().prop("name"))), { secure: ["inputs", "outputs"] });
  const takenRecords = select(`Record_taken_${kind}`, body(taken), {
    kind: singular,
    name: item().prop("name"),
    outcome: ctx.policy === "skip" ? "skipped" : "failed",
    status: null,
    error: "The target vault already holds this name; it was not overwritten.",
  });
  const each = foreach(
    `Restore_each_${singular}`,
    body(toRestore),
    (current) => {
      const restore = restoreObject(objectCallAction("restore", kind), kind, current.prop("value"));
      const status = outputs(restore).prop("statusCode");
      const asNamed = equals(toLower(coalesce(restoredName(kind, restore), "")), toLower(current.prop("name")));
      // One small record per object, read after the loop with result(): no shared variable in a parallel loop.
      const outcome = compose(`Outcome_${singular}`, {
        kind: singular,
        name: current.prop("name"),
        outcome: ifElse(equals(status, 200), ifElse(asNamed, "restored", "failed"), ifElse(equals(status, 409), "conflict", "failed")),
        status,
        error: ifElse(
          equals(status, 200),
          ifElse(asNamed, null, concat("Key Vault restored this item as '", coalesce(restoredName(kind, restore), ""), "', not as the name the backup gives it.")),
          failureMessage(restore),
        ),
      }).whateverBefore();
      return [restore, outcome];
    },
    { concurrency: ctx.concurrency },
  );
  // result() carries the restore calls' records too, whose inputs hold the backup blobs: hidden explicitly,
  // since whether Azure hides what result() reads of secured actions is not documented.
  const outcomeRecords = query(`Outcome_records_${kind}`, result(each), equals(item().prop("name"), `Outcome_${singular}`), { secure: ["inputs"] }).whateverBefore();
  const records = body(outcomeRecords);
  const outcomes = select(`Outcomes_${kind}`, ifElse(equals(first(records).prop("status"), null), coalesce(first(records).prop("outputs"), emptyArray()), records), item().prop("outputs"));
  const restoredNow = query(`Restored_${kind}`, body(outcomes), equals(item().prop("outcome"), "restored"));
  const notRestored = query(`Not_restored_${kind}`, body(outcomes), not(equals(item().prop("outcome"), "restored")));
  const count = incrementVariable(`Count_${kind}_restored`, restored, length(body(restoredNow)));
  const unread = ifThen(`Check_${kind}_outcomes`, not(equals(length(body(outcomes)), length(body(toRestore)))), [
    failedPart(`Record_${kind}_outcomes_unread`, concat("was restored, but ", length(body(outcomes)), " result(s) were read for its ", length(body(toRestore)), " call(s); check the target vault.")),
  ]);
  // SetVariable cannot read the variable it sets, so the grown list is composed first.
  const gather = compose(`Gather_${kind}_results`, union(variables(ctx.results), body(takenRecords), body(notRestored)));
  const store = setVariable(`Store_${kind}_results`, ctx.results, outputs(gather));
  const check = ifThen(
    `Check_${kind}_part`,
    matches,
    [expect, present, toRestore, taken, takenRecords, each, outcomeRecords, outcomes, restoredNow, notRestored, count, unread, gather, store],
    [failedPart(`Record_${kind}_part_mismatch`, "does not match the manifest (another run's part, another kind or position, a different number of items, or a name twice); it was not restored.")],
  );
  const unreadable = failedPart(`Record_${kind}_part_unreadable`, "could not be read or is not a valid part; it was not restored.").after(decode, "Failed", "TimedOut", "Skipped");
  const failedCheck = incrementVariable(`Count_${kind}_part_failed`, ctx.partsFailed, 1).after(check, "Failed", "TimedOut");
  const next = incrementVariable(`Next_${kind}_part`, partIndex, 1)
    .after(check, "Succeeded", "Failed", "TimedOut", "Skipped")
    .after(unreadable, "Succeeded", "Skipped")
    .after(failedCheck, "Succeeded", "Skipped");
  return [reset, get, ...decodeSteps, decode, ofKind, keys, check, unreadable, failedCheck, next];
}

