import { ActionStatus } from "./expression/scope";
import { EvaluationError } from "./expression/evaluate";
import { ActionJson } from "../../workflows/definitionJson";
import { ActionFailure, UnsupportedFeature } from "./failure";
import { Frame } from "./frame";
import { SECURED } from "./runRecord";
import { Outcome } from "./actions/handler";
import { handlerFor } from "./actions";
import { BlockRunner } from "./actions/handler";
import { checkSupported } from "./supportedFeatures";
import { historyVisibility } from "./securedData";
import { contentSizes } from "./dataLimits";

export type BlockStatuses = Map<string, ActionStatus>;

const FAILING: ReadonlySet<ActionStatus> = new Set(["Failed", "TimedOut", "Cancelled", "Aborted"]);

/**
 * Run one block of actions (the top level, a branch, a repetition) as its runAfter graph allows: an action
 * starts when every action it runs after has finished; if one of them ended in a status it does not list,
 * it is Skipped, which its own successors see in turn. Independent branches run concurrently.
 */
export async function executeBlock(actions: Record<string, ActionJson>, frame: Frame): Promise<BlockStatuses> {
  const statuses: BlockStatuses = new Map();
  const started = new Map<string, Promise<ActionStatus | undefined>>();
  const start = (name: string): Promise<ActionStatus | undefined> => {
    let p = started.get(name);
    if (!p) {
      p = (async () => {
        const action = actions[name];
        const after = Object.entries(action.runAfter ?? {});
        const before = await Promise.all(after.map(([dep]) => start(dep)));
        if (frame.run.terminated || before.some((s) => s === undefined)) return undefined; // the run was terminated
        const satisfied = after.every(([, allowed], i) => allowed.includes(before[i]!));
        const status = satisfied ? await runAction(name, action, frame) : skip(name, action, frame);
        statuses.set(name, status);
        return status;
      })();
      started.set(name, p);
    }
    return p;
  };
  await Promise.all(Object.keys(actions).map(start));
  return statuses;
}

/**
 * A block's own status, from its last actions (those nothing in the block runs after): Failed when one of
 * them failed, or was skipped because something before it failed; otherwise Succeeded. So a failure that a
 * later action handles does not fail the block, as in Azure.
 */
export function blockStatus(actions: Record<string, ActionJson>, statuses: BlockStatuses): ActionStatus {
  const hasSuccessor = new Set(Object.values(actions).flatMap((a) => Object.keys(a.runAfter ?? {})));
  const memo = new Map<string, boolean>();
  const failed = (name: string): boolean => {
    if (memo.has(name)) return memo.get(name)!;
    memo.set(name, false);
    const status = statuses.get(name);
    let result = status !== undefined && FAILING.has(status);
    if (status === "Skipped") {
      const causes = Object.entries(actions[name].runAfter ?? {}).filter(([dep, allowed]) => !allowed.includes(statuses.get(dep) as string));
      result = causes.some(([dep]) => failed(dep));
    }
    memo.set(name, result);
    return result;
  };
  const leaves = Object.keys(actions).filter((n) => !hasSuccessor.has(n));
  if (leaves.some((n) => statuses.get(n) === "TimedOut")) return "TimedOut";
  return leaves.some(failed) ? "Failed" : "Succeeded";
}

function skip(name: string, action: ActionJson, frame: Frame): ActionStatus {
  const now = frame.run.now().toISOString();
  frame.setRecord({ name, status: "Skipped", code: "ActionSkipped", startTime: now, endTime: now });
  frame.run.record(name, action.type, { status: "Skipped", startTime: now, endTime: now }, frame.path());
  return "Skipped";
}

/** Mark every action of blocks that did not run (an If's other branch) Skipped. */
export function skipAll(blocks: Array<Record<string, ActionJson> | undefined>, frame: Frame): void {
  for (const block of blocks) for (const [name, action] of Object.entries(block ?? {})) skip(name, action, frame);
}

const BLOCKS: BlockRunner = { run: executeBlock, status: blockStatus, skipAll };

async function runAction(name: string, action: ActionJson, frame: Frame): Promise<ActionStatus> {
  await frame.run.actionThrottle.acquire();
  const startTime = frame.run.now().toISOString();
  let outcome: Outcome;
  try {
    const handler = handlerFor(action.type);
    if (!handler) throw new UnsupportedFeature(`Action type '${action.type}' (action '${name}')`);
    checkSupported(name, action);
    outcome = await handler(name, action, frame, BLOCKS);
  } catch (err) {
    outcome = failureOutcome(name, err);
    // A runAfter handler must not turn an unsupported feature into a local success: the run ends here.
    if (err instanceof UnsupportedFeature) frame.run.terminated ??= { status: "Failed", error: err.toRunError() };
  }
  outcome = withinDataLimits(name, outcome, frame);
  const status = outcome.status ?? "Succeeded";
  const endTime = frame.run.now().toISOString();
  const code = outcome.code ?? (status === "Succeeded" ? "OK" : status);
  frame.setRecord({ name, status, code, inputs: outcome.inputs, outputs: outcome.outputs, error: outcome.error, startTime, endTime });
  const hide = historyVisibility(action, frame.run.index);
  const shown = outcome.historyInputs ?? outcome.inputs;
  frame.run.record(
    name,
    action.type,
    {
      status,
      code,
      error: outcome.error,
      startTime,
      endTime,
      inputs: shown === undefined ? undefined : hide.inputs ? SECURED : shown,
      outputs: outcome.outputs === undefined ? undefined : hide.outputs ? SECURED : outcome.outputs,
      retries: outcome.retries,
    },
    frame.path(),
  );
  return status;
}

/** An action whose inputs or outputs pass Azure's limits fails, and keeps no outputs for later actions to read. */
function withinDataLimits(name: string, outcome: Outcome, frame: Frame): Outcome {
  let sizes;
  try {
    sizes = contentSizes(name, outcome.inputs, outcome.outputs, frame.run.limits);
  } catch (err) {
    return { ...failureOutcome(name, err), inputs: outcome.inputs, historyInputs: outcome.historyInputs, retries: outcome.retries };
  }
  const counters = frame.run.counters;
  counters.contentBytes += sizes.inputs + sizes.outputs;
  for (const side of ["inputs", "outputs"] as const) {
    if (sizes[side] > counters.largestContent.bytes) counters.largestContent = { action: name, side, bytes: sizes[side] };
  }
  return outcome;
}

function failureOutcome(name: string, err: unknown): Outcome {
  if (err instanceof ActionFailure) {
    return { status: "Failed", error: err.toRunError(), inputs: err.inputs, outputs: err.outputs, code: err.code };
  }
  if (err instanceof EvaluationError) {
    const message = `Unable to process template language expressions in action '${name}' inputs: '${err.message}'.`;
    return { status: "Failed", code: "InvalidTemplate", error: { code: "InvalidTemplate", message } };
  }
  const message = err instanceof Error ? err.message : String(err);
  return { status: "Failed", code: "BadRequest", error: { code: "ActionFailed", message: `Action '${name}': ${message}` } };
}
