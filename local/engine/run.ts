import { ActionJson, ActionsJson, DefinitionJson, branchesOf } from "../../workflows/definitionJson";
import { definitionError, validateDefinition } from "../../workflows/validate";
import { blockStatus, executeBlock } from "./execute";
import { Frame } from "./frame";
import { RunContext } from "./runContext";
import { RunError, RunRecord, emptyCounters } from "./runRecord";
import { RunOptions } from "./runOptions";
import { TriggerRecord } from "./expression/scope";

const PARAMETER_TYPES: Record<string, (v: unknown) => boolean> = {
  string: (v) => typeof v === "string",
  securestring: (v) => typeof v === "string",
  int: (v) => typeof v === "number" && Number.isInteger(v),
  float: (v) => typeof v === "number",
  bool: (v) => typeof v === "boolean",
  array: Array.isArray,
  object: (v) => v !== null && typeof v === "object" && !Array.isArray(v),
  secureobject: (v) => v !== null && typeof v === "object" && !Array.isArray(v),
};

class DefinitionError extends Error {}

/** The JavaScriptCode actions anywhere in the definition, by name. */
function inlineCodeActions(actions: ActionsJson): string[] {
  const index = new Map<string, ActionJson>();
  indexActions(actions, index);
  return [...index].filter(([, a]) => a.type === "JavaScriptCode").map(([n]) => n);
}

/** Every action by name, at any depth (names are unique: the validator has checked). */
function indexActions(actions: ActionsJson, index: Map<string, ActionJson>): void {
  for (const [name, action] of Object.entries(actions)) {
    index.set(name, action);
    for (const branch of branchesOf(action)) indexActions(branch.actions, index);
  }
}

function bindParameters(definition: DefinitionJson, values: Record<string, unknown>): Map<string, unknown> {
  const declared = definition.parameters ?? {};
  for (const name of Object.keys(values)) {
    if (!Object.hasOwn(declared, name)) throw new DefinitionError(`The provided workflow parameter '${name}' is not declared in the definition.`);
  }
  const out = new Map<string, unknown>();
  for (const [name, decl] of Object.entries(declared)) {
    const value = Object.hasOwn(values, name) ? values[name] : decl.defaultValue;
    if (value === undefined) throw new DefinitionError(`The value for the workflow parameter '${name}' is not provided.`);
    const check = PARAMETER_TYPES[String(decl.type).toLowerCase()];
    if (!check) throw new DefinitionError(`The workflow parameter '${name}' has an unknown type '${String(decl.type)}'.`);
    if (!check(value)) throw new DefinitionError(`The workflow parameter '${name}' of type '${String(decl.type)}' cannot take the value ${JSON.stringify(value)}.`);
    out.set(name, value);
  }
  return out;
}

function fireTrigger(definition: DefinitionJson, options: RunOptions, now: Date): TriggerRecord & { type: string } {
  const triggers = Object.entries(definition.triggers ?? {});
  if (triggers.length === 0) throw new DefinitionError("The definition has no trigger.");
  const wanted = options.trigger?.name;
  const found = wanted ? triggers.find(([n]) => n === wanted) : triggers.length === 1 ? triggers[0] : undefined;
  if (!found) throw new DefinitionError(wanted ? `The definition has no trigger '${wanted}'.` : `The definition has several triggers (${triggers.map(([n]) => n).join(", ")}); name the one to fire.`);
  const [name, trigger] = found;
  const time = now.toISOString();
  const type = trigger.type.toLowerCase();
  if (type === "request") {
    const headers = { "Content-Type": "application/json", ...(options.trigger?.headers ?? {}) };
    return { name, type: trigger.type, inputs: trigger.inputs, outputs: { headers, body: options.trigger?.body }, startTime: time, endTime: time };
  }
  if (type === "recurrence") return { name, type: trigger.type, outputs: {}, startTime: time, endTime: time };
  throw new DefinitionError(`Trigger type '${trigger.type}' (trigger '${name}') is not supported by the local engine`);
}

function notStarted(error: RunError, startTime: Date): RunRecord {
  const time = startTime.toISOString();
  return {
    id: "not-started",
    status: "Failed",
    error,
    startTime: time,
    endTime: time,
    trigger: { name: "", type: "", outputs: undefined },
    actions: {},
    counters: emptyCounters(),
  };
}

/**
 * Run a workflow definition once, as Logic Apps (Consumption) would, and return its run history. The
 * definition is first validated as Azure validates one when it is saved: one that Azure would refuse never
 * starts, and the record carries the error the deployment would have given.
 */
export async function runWorkflow(definition: DefinitionJson, options: RunOptions = {}): Promise<RunRecord> {
  const startTime = (options.now ?? (() => new Date()))();
  const problems = validateDefinition(definition);
  if (problems.length > 0) return notStarted(definitionError(problems), startTime);
  if (options.integrationAccountLinked === false) {
    const inline = inlineCodeActions(definition.actions ?? {});
    if (inline.length > 0) {
      // Unconfirmed whether Azure refuses this when the workflow is saved or when the action runs: refusing
      // before the run starts is the stricter of the two.
      return notStarted({ code: "IntegrationAccountRequired", message: `The workflow is not linked to an integration account, which inline code needs: ${inline.join(", ")}.` }, startTime);
    }
  }
  let run: RunContext;
  let trigger: TriggerRecord & { type: string };
  try {
    trigger = fireTrigger(definition, options, startTime);
    run = new RunContext(definition, bindParameters(definition, options.parameters ?? {}), trigger, options);
    indexActions(definition.actions ?? {}, run.index);
  } catch (err) {
    if (!(err instanceof DefinitionError)) throw err;
    return notStarted({ code: "InvalidTemplate", message: err.message }, startTime);
  }
  const actions = definition.actions ?? {};
  const statuses = await executeBlock(actions, new Frame(run));
  const terminated = run.terminated;
  const status = terminated?.status ?? (blockStatus(actions, statuses) === "Succeeded" ? "Succeeded" : "Failed");
  const error = terminated?.error ?? (status === "Failed" ? { code: "ActionFailed", message: "An action failed. No dependent actions succeeded." } : undefined);
  return {
    id: run.runId,
    status,
    error,
    startTime: startTime.toISOString(),
    endTime: run.now().toISOString(),
    trigger: { name: trigger.name, type: trigger.type, outputs: trigger.outputs },
    actions: { ...run.history },
    counters: run.counters,
    response: run.response,
  };
}
