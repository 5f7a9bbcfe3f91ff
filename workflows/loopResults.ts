import { ActionHandle } from "./builder";
import { Expr, equals, first, ifElse, result } from "./expr";

/**
 * Every repetition's record of the one action a Foreach holds, read with result() after the loop, so the
 * loop needs no second action per item to collect what it did. The functions reference shows result() over
 * a For each as one entry per action of the loop with the repetitions under its `outputs`; whether Azure
 * answers that, or every repetition's record in one flat list, is unconfirmed. A record has a `status`, the
 * documented entry has not, so this reads either shape (the engine runs both: RunOptions.loopResults).
 */
export function loopRecords(loop: ActionHandle): Expr {
  const entry = first(result(loop));
  return ifElse(equals(entry.prop("status"), null), entry.prop("outputs"), result(loop));
}
