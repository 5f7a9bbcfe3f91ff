import { Action, Actions, RunAfter, RunAfterStatus, RuntimeConfiguration, SecureProperty } from "./definition";
import { Named } from "./expr";
import { nameProblem } from "./names";

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** An action as rendered, before its `runAfter` is derived from its place in a block. */
export type ActionBody = DistributiveOmit<Action, "runAfter">;

/** A block is a sequence of actions in one scope; each runs after the one before it unless told otherwise. */
export type Block = readonly ActionHandle[];

/** Every way an action can end once it has run: what "whatever its outcome" means in `runAfter`. */
export const ENDED: readonly RunAfterStatus[] = ["Succeeded", "Failed", "TimedOut"];


/**
 * A handle to one action: expressions refer to it (body(handle), items(handle)), other actions run after
 * it, and it renders itself and its nested blocks. Names are checked when the handle is made.
 */
export class ActionHandle implements Named {
  private readonly explicitRunAfter = new Map<ActionHandle, RunAfterStatus[]>();
  private afterPreviousEnded = false;

  constructor(
    readonly name: string,
    private readonly renderSelf: () => ActionBody,
    /** Nested blocks (loop body, branches), so the whole tree can be walked before rendering. */
    readonly branches: readonly Block[] = [],
  ) {
    const problem = nameProblem(name);
    if (problem) throw new Error(`Action name '${name}' is not allowed: ${problem}`);
  }

  /** Run after `other` ends in one of `statuses` (a failure handler, a join), instead of after the previous action. */
  after(other: ActionHandle, ...statuses: RunAfterStatus[]): this {
    if (statuses.length === 0) throw new Error(`Action '${this.name}': after('${other.name}') needs at least one status`);
    this.explicitRunAfter.set(other, statuses);
    return this;
  }

  /** Run after the action before it in its block, whatever that one's outcome (not when it was skipped). */
  whateverBefore(): this {
    this.afterPreviousEnded = true;
    return this;
  }

  render(block: Block, index: number): Action {
    const runAfter: RunAfter = {};
    if (this.afterPreviousEnded) {
      if (this.explicitRunAfter.size > 0) throw new Error(`Action '${this.name}': whateverBefore() and after() together`);
      if (index === 0) throw new Error(`Action '${this.name}': whateverBefore() on the first action of a block`);
      runAfter[block[index - 1].name] = [...ENDED];
    } else if (this.explicitRunAfter.size > 0) {
      for (const [target, statuses] of this.explicitRunAfter) {
        if (!block.includes(target)) {
          throw new Error(`Action '${this.name}' runs after '${target.name}', which is not in the same block`);
        }
        runAfter[target.name] = [...statuses];
      }
    } else if (index > 0) {
      runAfter[block[index - 1].name] = ["Succeeded"];
    }
    return { ...this.renderSelf(), runAfter } as Action;
  }
}

/** Render a block into the `actions` map of its scope, refusing a name used twice in it. */
export function renderBlock(block: Block): Actions {
  const out: Actions = {};
  block.forEach((handle, index) => {
    if (Object.prototype.hasOwnProperty.call(out, handle.name)) {
      throw new Error(`Action name '${handle.name}' is used twice in one block`);
    }
    out[handle.name] = handle.render(block, index);
  });
  return out;
}

/** Every action of the tree below `block`, depth first, in block order. */
export function allHandles(block: Block): ActionHandle[] {
  return block.flatMap((h) => [h, ...h.branches.flatMap(allHandles)]);
}

/** `runtimeConfiguration.secureData`, so run history hides backup material. */
export function secureData(...properties: SecureProperty[]): RuntimeConfiguration {
  return { secureData: { properties } };
}
