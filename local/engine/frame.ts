import { ActionRecord, ExpressionLimitReading, ExpressionScope, LoopResult, TriggerRecord } from "./expression/scope";
import { EvaluationError } from "./expression/evaluate";
import { RunContext } from "./runContext";
import { RunLimits } from "./runLimits";
import { branchesOf } from "../../workflows/definitionJson";

interface LoopPosition {
  name: string;
  index: number;
  /** The current item of a Foreach; absent for Until. */
  item?: { value: unknown };
}

/**
 * Where an action runs: the whole run, or one repetition of a loop. Records of actions that ran in a frame
 * are visible to expressions in it and in its inner frames; a repetition's records stay in the repetition.
 */
export class Frame implements ExpressionScope {
  private readonly records = new Map<string, ActionRecord>();
  /** Per Foreach that ran in this frame: each repetition's records of the loop's top-level actions, in item order. */
  private readonly loopResults = new Map<string, ActionRecord[][]>();

  constructor(
    readonly run: RunContext,
    readonly parent?: Frame,
    readonly loop?: LoopPosition,
  ) {}

  /** A repetition of the loop `name`, inside this frame. */
  repetition(name: string, index: number, item?: { value: unknown }): Frame {
    return new Frame(this.run, this, { name, index, item });
  }

  /** True inside a Foreach repetition (a Query's or Select's item scope does not count). */
  insideForeach(): boolean {
    for (let f: Frame | undefined = this; f; f = f.parent) if (f.loop?.item && f.run.index.get(f.loop.name)?.type.toLowerCase() === "foreach") return true;
    return false;
  }

  /** Iteration indexes of the enclosing loops, outermost first (for progress events). */
  path(): number[] {
    const out: number[] = [];
    for (let f: Frame | undefined = this; f; f = f.parent) if (f.loop) out.unshift(f.loop.index);
    return out;
  }

  setRecord(record: ActionRecord): void {
    this.records.set(record.name, record);
  }

  /** The records this frame holds of the given actions (a repetition's own, not its parents'). */
  ownRecords(names: readonly string[]): ActionRecord[] {
    return names.flatMap((n) => {
      const r = this.records.get(n);
      return r ? [r] : [];
    });
  }

  setLoopResults(loopName: string, repetitions: ActionRecord[][]): void {
    this.loopResults.set(loopName, repetitions);
  }

  /** Until loops publish the last repetition's records to the enclosing frame, so later actions can read them. */
  publishTo(target: Frame): void {
    for (const r of this.records.values()) target.setRecord(r);
  }

  parameter(name: string): unknown {
    if (!this.run.parameters.has(name)) throw new EvaluationError(`The workflow parameter '${name}' is not found.`);
    return this.run.parameters.get(name);
  }

  variable(name: string): unknown {
    const key = name.toLowerCase();
    if (!this.run.variables.has(key)) throw new EvaluationError(`The variable '${name}' is not initialized.`);
    return this.run.variables.get(key);
  }

  action(name: string): ActionRecord {
    for (let f: Frame | undefined = this; f; f = f.parent) {
      const r = f.records.get(name);
      if (r) return r;
    }
    if (!this.run.index.has(name)) throw new EvaluationError(`The template action '${name}' is not defined in the workflow.`);
    throw new EvaluationError(`The action '${name}' has not run yet (add it to this action's runAfter chain).`);
  }

  trigger(): TriggerRecord {
    return this.run.trigger;
  }

  loopItem(loopName: string): unknown {
    for (let f: Frame | undefined = this; f; f = f.parent) {
      if (f.loop?.name === loopName) {
        if (!f.loop.item) throw new EvaluationError(`items('${loopName}'): '${loopName}' is not a Foreach loop.`);
        return f.loop.item.value;
      }
    }
    throw new EvaluationError(`items('${loopName}'): the action is not inside the Foreach '${loopName}'.`);
  }

  currentItem(): unknown {
    for (let f: Frame | undefined = this; f; f = f.parent) if (f.loop?.item) return f.loop.item.value;
    throw new EvaluationError("item() can only be used inside a Foreach loop or the where/select of a Query or Select.");
  }

  iterationIndex(loopName: string): number {
    for (let f: Frame | undefined = this; f; f = f.parent) if (f.loop?.name === loopName) return f.loop.index;
    throw new EvaluationError(`iterationIndexes('${loopName}'): the action is not inside the loop '${loopName}'.`);
  }

  workflow(): unknown {
    return this.run.workflow();
  }

  result(scopeName: string): ActionRecord[] | LoopResult[] {
    const container = this.run.index.get(scopeName);
    if (!container) throw new EvaluationError(`result('${scopeName}'): there is no action '${scopeName}'.`);
    const children = branchesOf(container).flatMap((b) => Object.keys(b.actions));
    if (container.type.toLowerCase() === "foreach") return this.foreachResult(scopeName, children);
    const out: ActionRecord[] = [];
    for (const name of children) {
      try {
        out.push(this.action(name));
      } catch {
        // Not run (a branch not taken): result() lists only what ran.
      }
    }
    return out;
  }

  /**
   * result() over a Foreach, in the shape the functions reference shows: one entry per top-level action of
   * the loop, whose `outputs` lists that action's record in every repetition. Whether Azure answers that
   * shape or the records of all repetitions in one flat list is unconfirmed; RunOptions.loopResults picks.
   */
  private foreachResult(loopName: string, children: readonly string[]): ActionRecord[] | LoopResult[] {
    let repetitions: ActionRecord[][] | undefined;
    for (let f: Frame | undefined = this; f && !repetitions; f = f.parent) repetitions = f.loopResults.get(loopName);
    if (!repetitions) throw new EvaluationError(`result('${loopName}'): the loop has not run yet (add it to this action's runAfter chain).`);
    if (this.run.loopResults === "flat") return repetitions.flat();
    return children.map((name) => ({ name, outputs: repetitions!.flatMap((records) => records.filter((r) => r.name === name)) }));
  }

  now(): Date {
    return this.run.now();
  }

  expressionLimit(): ExpressionLimitReading {
    return this.run.expressionLimit;
  }

  runLimits(): RunLimits {
    return this.run.limits;
  }
}

/** The scope for a Query's `where` or a Select's `select`: item() is the array element being evaluated. */
export function withItem(frame: Frame, name: string, index: number, value: unknown): Frame {
  return new Frame(frame.run, frame, { name, index, item: { value } });
}
