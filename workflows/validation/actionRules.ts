import { ActionJson, isJsonObject } from "../definitionJson";
import { durationMs, isDuration } from "../duration";
import { LIMITS } from "../limits";
import { SECURE_PROPERTIES, secureDataSupport } from "../secureData";
import { Located, Report } from "./located";

/**
 * Sources, in MicrosoftDocs/azure-docs articles/logic-apps/: logic-apps-workflow-actions-triggers.md (AT),
 * logic-apps-limits-and-config.md, logic-apps-create-variables-store-values.md, logic-apps-exception-handling.md,
 * logic-apps-handle-large-messages.md; observed refusals are named where they are used.
 */

/** Azure's code for a secureData setting the action type does not support. */
export const INVALID_SECURE_DATA = "InvalidSecureDataConfiguration";

/**
 * The members an action may have. Azure refuses any other at save time: a `retryPolicy` outside `inputs`
 * fails with "Could not find member 'retryPolicy' on object of type 'FlowTemplateAction'" (Azure/LogicAppsUX#6010).
 */
const ACTION_MEMBERS = new Set([
  "type", "kind", "inputs", "runAfter", "actions", "else", "cases", "default", "expression", "foreach", "limit",
  "runtimeConfiguration", "operationOptions", "description", "metadata", "trackedProperties",
]);
const RUNTIME_CONFIGURATION_MEMBERS = new Set(["concurrency", "secureData", "contentTransfer", "paginationPolicy", "staticResult"]);

/** The operation options AT documents for actions, and the action types each applies to. */
const OPERATION_OPTIONS: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ["disableasyncpattern", new Set(["apiconnection", "http", "response"])],
  ["sequential", new Set(["foreach"])],
  ["suppressworkflowheaders", new Set(["http", "function", "apimanagement"])],
  ["failwhenlimitsreached", new Set(["until"])],
]);

/**
 * AT lists `default` among retry policy types, but Azure refuses it at deploy: "The value provided: 'default'
 * for the property: 'type' is not a valid 'RetryType'" (Azure/logicapps#577). Leave the policy out instead.
 */
const RETRY_TYPES = ["none", "fixed", "exponential"];

/** Chunking (contentTransfer) is for actions that move content: managed connectors and Http (logic-apps-handle-large-messages.md). */
const CHUNKING_TYPES = new Set(["apiconnection", "http"]);

/** The rules one action must keep by itself and by where it sits, whatever its neighbours. */
export function checkAction(l: Located, report: Report, triggerTypes: readonly string[]): void {
  const a = l.action;
  const type = a.type.toLowerCase();
  checkMembers(a, l.path, report);
  checkShape(a, l.path, report);
  checkSecureData(a, l.path, report);
  if (a.trackedProperties !== undefined && isJsonObject(a.runtimeConfiguration) && a.runtimeConfiguration.secureData !== undefined) {
    // logic-apps-securing-a-logic-app.md: with secure inputs or outputs "you can't add tracked properties to that trigger or action".
    report(`${l.path}.trackedProperties`, "an action with secureData cannot have trackedProperties");
  }
  checkOperationOptions(a, l.path, report);
  if (typeof a.description === "string" && a.description.length > LIMITS.descriptionCharacters) {
    report(`${l.path}.description`, `description is ${a.description.length} characters; Azure allows ${LIMITS.descriptionCharacters}`);
  }
  if (a.trackedProperties !== undefined && JSON.stringify(a.trackedProperties).length > LIMITS.trackedPropertiesCharacters) {
    report(`${l.path}.trackedProperties`, `trackedProperties exceed Azure's ${LIMITS.trackedPropertiesCharacters} characters`);
  }
  if (type === "terminate" && l.inLoop) report(l.path, "Terminate is not allowed inside Foreach or Until");
  if (type === "response") checkResponse(l, report, triggerTypes.map((t) => t.toLowerCase()));
  if (type === "initializevariable") checkInitializeVariable(l, report);
  if (type === "javascriptcode") checkInlineCode(a, l.path, report);
  if (type === "until") checkUntil(a, l.path, report);
  if (type === "foreach") checkForeach(a, l.path, report);
  if (type === "switch") checkSwitch(a, l.path, report);
  if (isJsonObject(a.inputs) && a.inputs.retryPolicy !== undefined) checkRetryPolicy(a.inputs.retryPolicy, `${l.path}.inputs.retryPolicy`, report);
  const transfer = a.runtimeConfiguration?.contentTransfer;
  if (transfer !== undefined) {
    if (!CHUNKING_TYPES.has(type)) report(`${l.path}.runtimeConfiguration.contentTransfer`, `${a.type} does not support chunked content transfer`);
    // The docs write both "Chunked" and "chunked".
    else if (!isJsonObject(transfer) || typeof transfer.transferMode !== "string" || transfer.transferMode.toLowerCase() !== "chunked") {
      report(`${l.path}.runtimeConfiguration.contentTransfer`, "transferMode is not valid; the allowed value is 'Chunked'");
    }
  }
}

const TERMINATE_STATUSES = ["Failed", "Cancelled", "Succeeded"];
const VARIABLE_TYPES = ["string", "integer", "float", "boolean", "array", "object"];
const CONTAINERS = new Set(["foreach", "until", "scope", "if", "switch"]);
/** The inputs each action type must have (AT), as [input, what it must be]. */
const REQUIRED_INPUTS: Record<string, Array<[string, "string" | "present"]>> = {
  http: [["method", "string"], ["uri", "string"]],
  apiconnection: [["host", "present"], ["method", "string"], ["path", "string"]],
  parsejson: [["content", "present"], ["schema", "present"]],
  query: [["from", "present"], ["where", "string"]],
  select: [["from", "present"], ["select", "present"]],
  terminate: [["runStatus", "string"]],
  response: [],
};

/** What the definition language requires of each action's own shape: nested blocks, inputs, variable declarations. */
function checkShape(a: ActionJson, path: string, report: Report): void {
  const type = a.type.toLowerCase();
  if (CONTAINERS.has(type) && type !== "if" && type !== "switch" && !isJsonObject(a.actions)) report(`${path}.actions`, `a ${a.type} needs an object of actions`);
  if (type === "if") {
    if (a.actions !== undefined && !isJsonObject(a.actions)) report(`${path}.actions`, "must be an object of actions");
    if (a.else !== undefined && (!isJsonObject(a.else) || !isJsonObject(a.else.actions))) report(`${path}.else`, "must be an object with an object of actions");
    if (typeof a.expression !== "string" && !isJsonObject(a.expression)) report(`${path}.expression`, "an If needs an expression");
  }
  if (type === "switch") {
    if (!isJsonObject(a.cases)) report(`${path}.cases`, "a Switch needs an object of cases");
    if (a.default !== undefined && (!isJsonObject(a.default) || !isJsonObject(a.default.actions))) report(`${path}.default`, "must be an object with an object of actions");
    if (typeof a.expression !== "string") report(`${path}.expression`, "a Switch needs an expression");
  }
  const required = REQUIRED_INPUTS[type];
  if (required) {
    if (!isJsonObject(a.inputs)) {
      report(`${path}.inputs`, `${a.type} inputs must be an object`);
      return;
    }
    const inputs = a.inputs;
    for (const [key, kind] of required) {
      if (inputs[key] === undefined) report(`${path}.inputs.${key}`, `${a.type} needs inputs.${key}`);
      else if (kind === "string" && typeof inputs[key] !== "string") report(`${path}.inputs.${key}`, `${a.type} inputs.${key} must be a string`);
    }
    if (type === "terminate" && typeof inputs.runStatus === "string" && !inputs.runStatus.includes("@") && !TERMINATE_STATUSES.includes(inputs.runStatus)) {
      report(`${path}.inputs.runStatus`, `'${inputs.runStatus}' is not a run status (${TERMINATE_STATUSES.join(", ")})`);
    }
  }
}

function checkMembers(a: ActionJson, path: string, report: Report): void {
  for (const key of Object.keys(a)) if (!ACTION_MEMBERS.has(key)) report(`${path}.${key}`, `'${key}' is not a member of an action`);
  const config = a.runtimeConfiguration;
  if (config === undefined) return;
  if (!isJsonObject(config)) report(`${path}.runtimeConfiguration`, "must be an object");
  else for (const key of Object.keys(config)) if (!RUNTIME_CONFIGURATION_MEMBERS.has(key)) report(`${path}.runtimeConfiguration.${key}`, `'${key}' is not a runtimeConfiguration setting`);
}

/** secureData: only `inputs` and `outputs`, and only where Microsoft's table allows them for the type. */
export function checkSecureData(item: { type: string; runtimeConfiguration?: unknown }, path: string, report: Report, what: "actions" | "triggers" = "actions"): void {
  const config = item.runtimeConfiguration;
  if (!isJsonObject(config) || config.secureData === undefined) return;
  const secure = config.secureData;
  const properties = isJsonObject(secure) ? secure.properties : undefined;
  if (!Array.isArray(properties) || properties.some((p) => !(SECURE_PROPERTIES as readonly unknown[]).includes(p))) {
    report(`${path}.runtimeConfiguration.secureData`, `secureData.properties must list "inputs" and/or "outputs"`, INVALID_SECURE_DATA);
    return;
  }
  const support = secureDataSupport(item.type);
  if (!support.inputs && properties.length > 0) report(path, `${item.type} ${what} do not support secureData`, INVALID_SECURE_DATA);
  else if (!support.outputs && properties.includes("outputs")) report(path, `${item.type} ${what} only support "inputs" in secureData.properties (which also hides their outputs)`, INVALID_SECURE_DATA);
}

function checkOperationOptions(a: ActionJson, path: string, report: Report): void {
  if (a.operationOptions === undefined) return;
  if (typeof a.operationOptions !== "string") {
    report(`${path}.operationOptions`, "must be a string");
    return;
  }
  for (const option of a.operationOptions.split(",").map((o) => o.trim()).filter(Boolean)) {
    const types = OPERATION_OPTIONS.get(option.toLowerCase());
    if (!types) report(`${path}.operationOptions`, `'${option}' is not an operation option of actions`);
    else if (!types.has(a.type.toLowerCase())) report(`${path}.operationOptions`, `'${option}' does not apply to ${a.type} actions`);
  }
}

/**
 * AT: only in a workflow that starts with a Request trigger, not inside loops, and a 2xx, 4xx or 5xx status.
 * A Recurrence trigger beside it is refused too: "The workflow with 'Response' action type should not have
 * triggers with 'recurrence' property defined" (seen from the same engine in Power Automate).
 */
function checkResponse(l: Located, report: Report, triggerTypes: readonly string[]): void {
  if (l.inLoop) report(l.path, "Response is not allowed inside Foreach or Until");
  if (!triggerTypes.includes("request")) report(l.path, "Response is only allowed in a workflow whose trigger is a Request trigger");
  else if (triggerTypes.includes("recurrence")) report(l.path, "The workflow with 'Response' action type should not have triggers with 'recurrence' property defined");
  const status = isJsonObject(l.action.inputs) ? l.action.inputs.statusCode : undefined;
  const literal = typeof status === "number" ? status : typeof status === "string" && /^\d+$/.test(status) ? Number(status) : undefined;
  if (literal !== undefined && !isResponseStatus(literal)) report(`${l.path}.inputs.statusCode`, `status code ${literal} is not allowed: use a 2xx, 4xx or 5xx code`);
}

/** What a Response action may answer (AT: "starts with 2xx, 4xx, or 5xx, but not with 3xx"). */
export function isResponseStatus(code: number): boolean {
  return Number.isInteger(code) && ((code >= 200 && code < 300) || (code >= 400 && code < 600));
}

/** Variables are declared at the top level, one an action (logic-apps-create-variables-store-values.md). */
function checkInitializeVariable(l: Located, report: Report): void {
  if (l.depth > 1) report(l.path, "InitializeVariable is only allowed at the top level of a workflow");
  const variables = isJsonObject(l.action.inputs) ? l.action.inputs.variables : undefined;
  if (!Array.isArray(variables) || variables.length === 0) report(`${l.path}.inputs.variables`, "must list the variable to initialise");
  else if (variables.length > 1) report(`${l.path}.inputs.variables`, "Only one variable is supported to be initialized. To initialize multiple variables, create separate action for each variable.");
  for (const [i, v] of (Array.isArray(variables) ? variables : []).entries()) {
    const type = isJsonObject(v) && typeof v.type === "string" ? v.type.toLowerCase() : undefined;
    if (!isJsonObject(v) || typeof v.name !== "string" || v.name === "" || type === undefined || !VARIABLE_TYPES.includes(type)) {
      report(`${l.path}.inputs.variables[${i}]`, `a variable needs a name and a type (${VARIABLE_TYPES.join(", ")})`);
    }
  }
}

function checkInlineCode(a: ActionJson, path: string, report: Report): void {
  const code = isJsonObject(a.inputs) ? a.inputs.code : undefined;
  if (typeof code !== "string") report(`${path}.inputs.code`, "inline code must be a string");
  else if (code.length > LIMITS.inlineCodeCharacters) report(`${path}.inputs.code`, `inline code is ${code.length} characters; Consumption allows ${LIMITS.inlineCodeCharacters}`);
}

function checkUntil(a: ActionJson, path: string, report: Report): void {
  if (!isJsonObject(a.limit) || (a.limit.count === undefined && a.limit.timeout === undefined)) {
    report(`${path}.limit`, "an Until loop must define at least one limit (count or timeout)");
    return;
  }
  const { count, timeout } = a.limit;
  if (count !== undefined && (typeof count !== "number" || !Number.isInteger(count) || count < 1 || count > LIMITS.untilCount)) {
    report(`${path}.limit.count`, `Until count ${String(count)} is outside 1-${LIMITS.untilCount}`);
  }
  if (timeout !== undefined && !isDuration(timeout)) report(`${path}.limit.timeout`, `'${String(timeout)}' is not an ISO 8601 duration`);
  if (typeof a.expression !== "string" && !isJsonObject(a.expression)) report(`${path}.expression`, "an Until loop needs an expression");
}

function checkForeach(a: ActionJson, path: string, report: Report): void {
  const reps = a.runtimeConfiguration?.concurrency?.repetitions;
  if (reps !== undefined && (typeof reps !== "number" || !Number.isInteger(reps) || reps < 1 || reps > LIMITS.foreachConcurrency)) {
    report(`${path}.runtimeConfiguration.concurrency`, `Foreach concurrency ${String(reps)} is outside 1-${LIMITS.foreachConcurrency}`);
  }
  if (reps !== undefined && typeof a.operationOptions === "string" && a.operationOptions.toLowerCase() === "sequential") {
    report(path, "set either concurrency or operationOptions Sequential, not both");
  }
  if (typeof a.foreach !== "string") report(`${path}.foreach`, "a Foreach needs a 'foreach' expression");
}

/** At most 25 cases, each a constant ("cases must contain a unique and static value"), none twice. */
function checkSwitch(a: ActionJson, path: string, report: Report): void {
  const cases = isJsonObject(a.cases) ? Object.entries(a.cases) : [];
  if (cases.length > LIMITS.switchCases) report(`${path}.cases`, `${cases.length} cases exceed Azure's limit of ${LIMITS.switchCases}`);
  const seen = new Map<string, string>();
  for (const [name, c] of cases) {
    const value = isJsonObject(c) ? c.case : undefined;
    if (value === undefined || (typeof value === "string" && value.includes("@"))) {
      report(`${path}.cases.${name}.case`, "a case must be a constant value, not an expression");
      continue;
    }
    const key = JSON.stringify(value);
    const first = seen.get(key);
    if (first) report(`${path}.cases.${name}.case`, `the case value ${key} is also the value of case '${first}'; case values must be unique`);
    else seen.set(key, name);
  }
}

function checkRetryPolicy(policy: unknown, path: string, report: Report): void {
  if (!isJsonObject(policy)) {
    report(path, "must be an object");
    return;
  }
  const type = typeof policy.type === "string" ? policy.type.toLowerCase() : undefined;
  if (type === undefined || !RETRY_TYPES.includes(type)) {
    report(`${path}.type`, `The value provided: '${String(policy.type)}' for the property: 'type' is not a valid 'RetryType' (use ${RETRY_TYPES.join(", ")}, or leave the policy out for the default)`);
    return;
  }
  if (type === "none") return;
  const { count } = policy;
  if (typeof count !== "number" || !Number.isInteger(count) || count < 1 || count > LIMITS.retryCount) {
    report(`${path}.count`, `retry count ${String(count)} is outside 1-${LIMITS.retryCount}`);
  }
  for (const key of ["interval", "minimumInterval", "maximumInterval"] as const) {
    const value = policy[key];
    if (value === undefined) {
      if (key === "interval") report(`${path}.interval`, `a ${type} retry policy needs an interval`);
      continue;
    }
    if (!isDuration(value)) report(`${path}.${key}`, `'${String(value)}' is not an ISO 8601 duration`);
    else {
      const ms = durationMs(value, key);
      if (ms < LIMITS.retryIntervalMinMs || ms > LIMITS.retryIntervalMaxMs) report(`${path}.${key}`, `retry ${key} ${value} is outside PT5S-P1D`);
    }
  }
}
