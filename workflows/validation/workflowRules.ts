import { DefinitionJson, isJsonObject } from "../definitionJson";
import { LIMITS } from "../limits";
import { nameProblem } from "../names";
import { recurrenceProblems } from "../schedule";
import { checkSecureData } from "./actionRules";
import { Located, Report } from "./located";

/**
 * Rules of the definition as a whole (logic-apps-workflow-definition-language.md, logic-apps-limits-and-config.md):
 * the counts of triggers, parameters, outputs and variables, and what each trigger must be.
 */
const PARAMETER_TYPES = new Set(["string", "securestring", "int", "float", "bool", "array", "object", "secureobject"]);
const OUTPUT_TYPES = new Set(["int", "float", "string", "securestring", "bool", "array", "object"]);
const REQUEST_METHODS = new Set(["GET", "PUT", "POST", "PATCH", "DELETE"]);
const TRIGGER_OPERATION_OPTIONS = new Set(["singleinstance", "includeauthorizationheadersinoutputs", "suppressworkflowheadersonresponse"]);

/** Checks the triggers and returns their types (empty when there are none to speak of). */
export function checkTriggers(definition: DefinitionJson, report: Report): string[] {
  const triggers = definition.triggers;
  if (triggers === undefined || (isJsonObject(triggers) && Object.keys(triggers).length === 0)) {
    report("triggers", "a workflow needs at least one trigger");
    return [];
  }
  if (!isJsonObject(triggers)) {
    report("triggers", "must be an object of triggers");
    return [];
  }
  const entries = Object.entries(triggers);
  if (entries.length > LIMITS.triggersPerWorkflow) report("triggers", `${entries.length} triggers exceed Azure's limit of ${LIMITS.triggersPerWorkflow}`);
  const types: string[] = [];
  for (const [name, trigger] of entries) {
    const path = `triggers.${name}`;
    const badName = nameProblem(name);
    if (badName) report(path, `trigger name '${name}' is not allowed: ${badName}`);
    if (!isJsonObject(trigger) || typeof trigger.type !== "string" || trigger.type === "") {
      report(path, "a trigger must be an object with a string 'type'");
      continue;
    }
    types.push(trigger.type);
    checkSecureData({ type: trigger.type, runtimeConfiguration: trigger.runtimeConfiguration }, path, report, "triggers");
    if (isJsonObject(trigger.runtimeConfiguration) && trigger.runtimeConfiguration.contentTransfer !== undefined) {
      report(`${path}.runtimeConfiguration.contentTransfer`, "triggers do not support chunking");
    }
    checkTriggerConcurrency(trigger, path, report);
    for (const option of typeof trigger.operationOptions === "string" ? trigger.operationOptions.split(",").map((o) => o.trim()).filter(Boolean) : []) {
      if (!TRIGGER_OPERATION_OPTIONS.has(option.toLowerCase())) report(`${path}.operationOptions`, `'${option}' is not an operation option of triggers`);
    }
    const type = trigger.type.toLowerCase();
    if (type === "request") {
      const method = isJsonObject(trigger.inputs) ? trigger.inputs.method : undefined;
      if (method !== undefined && (typeof method !== "string" || !REQUEST_METHODS.has(method.toUpperCase()))) {
        report(`${path}.inputs.method`, `'${String(method)}' is not a Request trigger method (${[...REQUEST_METHODS].join(", ")})`);
      }
    }
    if (type === "recurrence") for (const problem of recurrenceProblems(trigger.recurrence)) report(`${path}.recurrence`, problem);
  }
  return types;
}

/**
 * Trigger concurrency (logic-apps-workflow-actions-triggers.md): `runs` 1-100 (multitenant, once it is on),
 * `maximumWaitingRuns` 1-100, and not together with the SingleInstance option ("you get a validation error").
 */
function checkTriggerConcurrency(trigger: Record<string, unknown>, path: string, report: Report): void {
  const config = trigger.runtimeConfiguration;
  const concurrency = isJsonObject(config) ? config.concurrency : undefined;
  if (concurrency === undefined) return;
  if (!isJsonObject(concurrency)) {
    report(`${path}.runtimeConfiguration.concurrency`, "must be an object with runs");
    return;
  }
  for (const key of ["runs", "maximumWaitingRuns"] as const) {
    const n = concurrency[key];
    if (n !== undefined && (typeof n !== "number" || !Number.isInteger(n) || n < 1 || n > LIMITS.triggerConcurrency)) {
      report(`${path}.runtimeConfiguration.concurrency.${key}`, `${key} ${String(n)} is outside 1-${LIMITS.triggerConcurrency}`);
    }
  }
  if (concurrency.runs !== undefined && typeof trigger.operationOptions === "string" && /\bsingleinstance\b/i.test(trigger.operationOptions)) {
    report(path, "set either concurrency runs or operationOptions SingleInstance, not both");
  }
}

export function checkParametersAndOutputs(definition: DefinitionJson, report: Report): void {
  checkDeclarations("parameters", definition.parameters, LIMITS.parametersPerWorkflow, PARAMETER_TYPES, report);
  checkDeclarations("outputs", definition.outputs, LIMITS.outputsPerWorkflow, OUTPUT_TYPES, report);
  for (const [name, o] of Object.entries(isJsonObject(definition.outputs) ? definition.outputs : {})) {
    if (!isJsonObject(o) || !("value" in o)) report(`outputs.${name}.value`, "an output needs a value");
  }
}

/** A declaration section (parameters or outputs): an object, of at most `limit` entries, each of a known type. */
function checkDeclarations(section: "parameters" | "outputs", value: unknown, limit: number, types: ReadonlySet<string>, report: Report): void {
  if (value === undefined) return;
  if (!isJsonObject(value)) {
    report(section, `must be an object of ${section}`);
    return;
  }
  const entries = Object.entries(value);
  if (entries.length > limit) report(section, `${entries.length} ${section} exceed Azure's limit of ${limit}`);
  const what = section === "parameters" ? "a parameter" : "an output";
  for (const [name, declared] of entries) {
    const type = isJsonObject(declared) ? declared.type : undefined;
    if (typeof type !== "string" || !types.has(type.toLowerCase())) report(`${section}.${name}.type`, `'${String(type)}' is not ${what} type (${[...types].join(", ")})`);
  }
}

/** Action names: Azure's length and characters, unique across the workflow; and at most 250 variables. */
export function checkNames(located: Located[], report: Report): void {
  const byName = new Map<string, Located>();
  let variables = 0;
  for (const l of located) {
    const badName = nameProblem(l.name);
    if (badName) report(l.path, `action name '${l.name}' is not allowed: ${badName}`);
    const first = byName.get(l.name);
    if (first) report(l.path, `action name '${l.name}' is also used at ${first.path}; names must be unique across the workflow`);
    else byName.set(l.name, l);
    if (l.action.type.toLowerCase() === "initializevariable" && isJsonObject(l.action.inputs) && Array.isArray(l.action.inputs.variables)) variables += l.action.inputs.variables.length;
  }
  if (variables > LIMITS.variablesPerWorkflow) report("actions", `${variables} variables exceed Azure's limit of ${LIMITS.variablesPerWorkflow}`);
}
