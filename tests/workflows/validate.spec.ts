import { expect } from "chai";
import { Action, Actions, RunAfterStatus, Trigger, WORKFLOW_SCHEMA, WorkflowDefinition } from "../../workflows/definition";
import { ValidationProblem, validateDefinition } from "../../workflows/validate";
import { microsoftSample2019 } from "./sample2019";

/** The smallest definition Azure accepts: one trigger, one action. Each case below breaks exactly one rule. */
function minimal(): WorkflowDefinition {
  return {
    $schema: WORKFLOW_SCHEMA,
    contentVersion: "1.0.0.0",
    parameters: { vault: { type: "String" } },
    triggers: { manual: { type: "Request", kind: "Http", inputs: { schema: {} } } },
    actions: { Start: { type: "Compose", inputs: "hello", runAfter: {} } },
    outputs: {},
  };
}

const compose = (inputs: string | number, runAfter: Record<string, RunAfterStatus[]> = {}): Action => ({ type: "Compose", inputs, runAfter });
const terminate: Action = { type: "Terminate", inputs: { runStatus: "Failed" }, runAfter: {} };
const response: Action = { type: "Response", inputs: { statusCode: 200 }, runAfter: {} };
const foreach = (actions: Actions, extra: Partial<Action> = {}): Action =>
  ({ type: "Foreach", foreach: "@createArray(1, 2)", actions, runAfter: {}, ...extra }) as Action;
const until = (actions: Actions, limit: { count?: number; timeout?: string } = { count: 10 }): Action =>
  ({ type: "Until", expression: "@equals(1, 1)", limit, actions, runAfter: {} });
const scope = (actions: Actions, extra: Partial<Action> = {}): Action => ({ type: "Scope", actions, runAfter: {}, ...extra }) as Action;
const http = (retryPolicy: object): Action =>
  ({ type: "Http", inputs: { method: "GET", uri: "https://example.com", retryPolicy }, runAfter: {} }) as Action;
const initialize = (name: string, runAfter: Record<string, RunAfterStatus[]> = {}): Action =>
  ({ type: "InitializeVariable", inputs: { variables: [{ name, type: "integer", value: 0 }] }, runAfter });
const nested = (levels: number, leaf: Actions): Actions =>
  levels === 0 ? leaf : { [`L${levels}`]: scope(nested(levels - 1, leaf)) };
/** Inputs of the `Start` action: the place an expression under test goes. */
const startWith = (inputs: string) => (d: WorkflowDefinition) => void (d.actions.Start = compose(inputs));

const problems = (mutate: (d: WorkflowDefinition) => void): ValidationProblem[] => {
  const d = minimal();
  mutate(d);
  return validateDefinition(d);
};

interface Case { rule: string; mutate: (d: WorkflowDefinition) => void; expected: ValidationProblem[] }
const one = (rule: string, mutate: Case["mutate"], path: string, message: string): Case => ({ rule, mutate, expected: [{ path, message }] });
const refused = (rule: string, mutate: Case["mutate"], path: string, message: string): Case =>
  ({ rule, mutate, expected: [{ path, message, code: "InvalidSecureDataConfiguration" }] });

/** Microsoft's table (logic-apps-securing-a-logic-app.md): built-in actions without secure inputs, and with secure inputs only. */
const variableAction = (type: string): Action => ({ type, inputs: { name: "v", value: 1 }, runAfter: {} }) as Action;
const SECURE_INPUTS_UNSUPPORTED: Array<[string, Action]> = [
  ["AppendToArrayVariable", variableAction("AppendToArrayVariable")],
  ["AppendToStringVariable", variableAction("AppendToStringVariable")],
  ["DecrementVariable", variableAction("DecrementVariable")],
  ["IncrementVariable", variableAction("IncrementVariable")],
  ["SetVariable", variableAction("SetVariable")],
  ["InitializeVariable", { type: "InitializeVariable", inputs: { variables: [{ name: "v", type: "integer", value: 0 }] }, runAfter: {} }],
  ["Foreach", { type: "Foreach", foreach: "@createArray(1, 2)", actions: {}, runAfter: {} }],
  ["Until", { type: "Until", expression: "@equals(1, 1)", limit: { count: 1 }, actions: {}, runAfter: {} }],
  ["If", { type: "If", expression: "@equals(1, 1)", actions: {}, runAfter: {} }],
  ["Switch", { type: "Switch", expression: "@1", cases: {}, runAfter: {} }],
  ["Scope", { type: "Scope", actions: {}, runAfter: {} }],
  ["Terminate", { type: "Terminate", inputs: { runStatus: "Succeeded" }, runAfter: {} }],
];
const SECURE_INPUTS_ONLY: Array<[string, Action]> = [
  ["Compose", { type: "Compose", inputs: 1, runAfter: {} }],
  ["ParseJson", { type: "ParseJson", inputs: { content: "{}", schema: {} }, runAfter: {} }],
  ["Response", { type: "Response", inputs: { statusCode: 200 }, runAfter: {} }],
];

const STRUCTURE: Case[] = [
  one("contentVersion", (d) => void (d.contentVersion = "1.0"), "contentVersion", "must look like 1.0.0.0"),
  one("no trigger", (d) => void (d.triggers = {}), "triggers", "a workflow needs at least one trigger"),
  one("over 500 actions", (d) => { for (let i = 1; i <= 500; i++) d.actions[`A${i}`] = compose(i); }, "actions", "501 actions exceed Azure's limit of 500"),
  one("nesting deeper than 8", (d) => void (d.actions.Deep = nested(8, { Leaf: compose(1) }).L8),
    "actions.Deep.actions.L7.actions.L6.actions.L5.actions.L4.actions.L3.actions.L2.actions.L1.actions.Leaf", "nesting depth 9 exceeds Azure's limit of 8"),
  one("a name reused in another scope", (d) => void (d.actions.S = scope({ Start: compose(1) })),
    "actions.S.actions.Start", "action name 'Start' is also used at actions.Start; names must be unique across the workflow"),
  one("runAfter to another scope", (d) => void (d.actions.S = scope({ Inner: compose(1, { Start: ["Succeeded"] }) })),
    "actions.S.actions.Inner.runAfter", "runs after 'Start', which is not an action in the same scope"),
  one("bad runAfter status", (d) => void (d.actions.Next = compose(1, { Start: ["Done" as string as RunAfterStatus] })),
    "actions.Next.runAfter", "'Done' is not a runAfter status (Succeeded, Failed, Skipped, TimedOut)"),
  one("empty status list", (d) => void (d.actions.Next = compose(1, { Start: [] })), "actions.Next.runAfter", "runAfter 'Start' lists no status"),
  one("runAfter cycle", (d) => { d.actions.A = compose(1, { B: ["Succeeded"] }); d.actions.B = compose(2, { A: ["Succeeded"] }); },
    "actions", "runAfter cycle: A -> B -> A"),
  ...SECURE_INPUTS_UNSUPPORTED.map(([type, action]) =>
    refused(`secure inputs on ${type}`, (d) => {
      d.actions.Init = initialize("v");
      d.actions.Secure = { ...action, runAfter: { Init: ["Succeeded"] }, runtimeConfiguration: { secureData: { properties: ["inputs"] } } } as Action;
    }, "actions.Secure", `${type} actions do not support secureData`)),
  ...SECURE_INPUTS_ONLY.map(([type, action]) =>
    refused(`secure outputs on ${type}`, (d) => void (d.actions.Secure = { ...action, runtimeConfiguration: { secureData: { properties: ["inputs", "outputs"] } } } as Action),
      "actions.Secure", `${type} actions only support "inputs" in secureData.properties (which also hides their outputs)`)),
  refused("secureData naming something other than inputs and outputs", (d) => void (d.actions.Start = { ...compose(1), runtimeConfiguration: { secureData: { properties: ["body" as "inputs"] } } }),
    "actions.Start.runtimeConfiguration.secureData", `secureData.properties must list "inputs" and/or "outputs"`),
  refused("secureData on a Recurrence trigger", (d) => void (d.triggers.manual = { type: "Recurrence", recurrence: { frequency: "Hour", interval: 1 }, runtimeConfiguration: { secureData: { properties: ["outputs"] } } } as unknown as Trigger),
    "triggers.manual", "Recurrence triggers do not support secureData"),
  one("Terminate in a Foreach", (d) => void (d.actions.Loop = foreach({ Stop: terminate })), "actions.Loop.actions.Stop", "Terminate is not allowed inside Foreach or Until"),
  one("Terminate in an Until", (d) => void (d.actions.Loop = until({ Stop: terminate })), "actions.Loop.actions.Stop", "Terminate is not allowed inside Foreach or Until"),
  one("Terminate in a Scope inside a Foreach", (d) => void (d.actions.Loop = foreach({ S: scope({ Stop: terminate }) })),
    "actions.Loop.actions.S.actions.Stop", "Terminate is not allowed inside Foreach or Until"),
  one("Response in a loop", (d) => void (d.actions.Loop = until({ Reply: response })), "actions.Loop.actions.Reply", "Response is not allowed inside Foreach or Until"),
  one("inline code over 1,024 characters", (d) => void (d.actions.Code = { type: "JavaScriptCode", inputs: { code: "x".repeat(1025) }, runAfter: {} }),
    "actions.Code.inputs.code", "inline code is 1025 characters; Consumption allows 1024"),
  one("Until count 0", (d) => void (d.actions.Loop = until({}, { count: 0 })), "actions.Loop.limit.count", "Until count 0 is outside 1-5000"),
  one("Until count 5001", (d) => void (d.actions.Loop = until({}, { count: 5001 })), "actions.Loop.limit.count", "Until count 5001 is outside 1-5000"),
  one("Until timeout not ISO 8601", (d) => void (d.actions.Loop = until({}, { count: 1, timeout: "1 hour" })),
    "actions.Loop.limit.timeout", "'1 hour' is not an ISO 8601 duration"),
  one("Foreach concurrency 51", (d) => void (d.actions.Loop = foreach({}, { runtimeConfiguration: { concurrency: { repetitions: 51 } } })),
    "actions.Loop.runtimeConfiguration.concurrency", "Foreach concurrency 51 is outside 1-50"),
  one("Foreach concurrency 0", (d) => void (d.actions.Loop = foreach({}, { runtimeConfiguration: { concurrency: { repetitions: 0 } } })),
    "actions.Loop.runtimeConfiguration.concurrency", "Foreach concurrency 0 is outside 1-50"),
  one("concurrency plus Sequential", (d) => void (d.actions.Loop = foreach({}, { runtimeConfiguration: { concurrency: { repetitions: 1 } }, operationOptions: "Sequential" })),
    "actions.Loop", "set either concurrency or operationOptions Sequential, not both"),
  one("retry count 91", (d) => void (d.actions.Call = http({ type: "fixed", count: 91, interval: "PT10S" })),
    "actions.Call.inputs.retryPolicy.count", "retry count 91 is outside 1-90"),
  one("retry count missing on exponential", (d) => void (d.actions.Call = http({ type: "exponential", interval: "PT10S" })),
    "actions.Call.inputs.retryPolicy.count", "retry count undefined is outside 1-90"),
  one("retry interval not ISO 8601", (d) => void (d.actions.Call = http({ type: "fixed", count: 3, interval: "5s" })),
    "actions.Call.inputs.retryPolicy.interval", "'5s' is not an ISO 8601 duration"),
];

const EXPRESSIONS: Case[] = [
  one("syntax error", startWith("@concat('a', "), "actions.Start.inputs", `Expression "concat('a', " at position 12: expected an argument but reached the end`),
  one("expression over 8,192 characters", startWith(`@concat('${"a".repeat(8180)}', 'b')`), "actions.Start.inputs", "expression is 8196 characters; Azure allows 8192"),
  one("unknown function", startWith("@frobnicate(1)"), "actions.Start.inputs", "unknown function 'frobnicate'"),
  one("too few arguments", startWith("@equals(1)"), "actions.Start.inputs", "function 'equals' takes 2 argument(s), got 1"),
  one("too few for a variadic", startWith("@concat('a')"), "actions.Start.inputs", "function 'concat' takes at least 2 argument(s), got 1"),
  one("too many arguments", startWith("@{formatDateTime('x', 'y', 'z', 'w')}"), "actions.Start.inputs", "function 'formatDateTime' takes 1-3 argument(s), got 4"),
  one("undeclared parameter", startWith("@parameters('vaultUrl')"), "actions.Start.inputs", "parameter 'vaultUrl' is not declared"),
  one("variable never initialised (expression)", startWith("@variables('count')"), "actions.Start.inputs",
    "variable 'count' is never initialised by a top-level InitializeVariable"),
  one("variable never initialised (SetVariable)", (d) => void (d.actions.Set = { type: "SetVariable", inputs: { name: "count", value: 1 }, runAfter: {} }),
    "actions.Set.inputs.name", "variable 'count' is never initialised by a top-level InitializeVariable"),
  one("variable used before its InitializeVariable", (d) => { d.actions.Init = initialize("count"); d.actions.Use = compose("@variables('count')"); },
    "actions.Use.inputs", "variable 'count' is used before 'Init' initialises it (add it to this action's runAfter chain)"),
  one("variable used in a scope that does not run after its InitializeVariable", (d) => {
    d.actions.Init = initialize("count");
    d.actions.S = scope({ Use: { type: "IncrementVariable", inputs: { name: "count", value: 1 }, runAfter: {} } });
  }, "actions.S.actions.Use.inputs.name", "variable 'count' is used before 'Init' initialises it (add it to this action's runAfter chain)"),
  one("InitializeVariable not at top level", (d) => void (d.actions.S = scope({ Init: initialize("unused") })),
    "actions.S.actions.Init", "InitializeVariable is only allowed at the top level of a workflow"),
  one("items() outside its Foreach", (d) => { d.actions.Loop = foreach({}); d.actions.After = compose("@items('Loop')", { Loop: ["Succeeded"] }); },
    "actions.After.inputs", "items('Loop') is used outside that Foreach"),
  one("items() of a Foreach that does not enclose it", (d) => { d.actions.Loop = foreach({}); d.actions.Other = foreach({ In: compose("@items('Loop')") }); },
    "actions.Other.actions.In.inputs", "items('Loop') is used outside that Foreach"),
  ...["body", "outputs", "actions"].map((fn) =>
    one(`${fn}() of a missing action`, startWith(`@${fn}('Nope')`), "actions.Start.inputs", `action 'Nope' referenced by ${fn}() does not exist`)),
];

/** Rules found in the definition-language, actions-and-triggers and limits references (sources in workflows/validation/). */
const recurrence = (r: object): Trigger => ({ type: "Recurrence", recurrence: r }) as unknown as Trigger;
const many = <T>(n: number, make: (i: number) => T): Record<string, T> => Object.fromEntries(Array.from({ length: n }, (_, i) => [`N${i}`, make(i)]));
const RULES: Case[] = [
  one("Response in a workflow without a Request trigger", (d) => {
    d.triggers = { schedule: recurrence({ frequency: "Hour", interval: 1 }) };
    d.actions.Reply = response;
  }, "actions.Reply", "Response is only allowed in a workflow whose trigger is a Request trigger"),
  one("Response with a 3xx status", (d) => void (d.actions.Reply = { type: "Response", inputs: { statusCode: 302 }, runAfter: {} }),
    "actions.Reply.inputs.statusCode", "status code 302 is not allowed: use a 2xx, 4xx or 5xx code"),
  one("a member an action does not have (retryPolicy outside inputs)", (d) => void (d.actions.Start = { ...compose(1), retryPolicy: { type: "none" } } as unknown as Action),
    "actions.Start.retryPolicy", "'retryPolicy' is not a member of an action"),
  one("an unknown runtimeConfiguration setting", (d) => void (d.actions.Start = { ...compose(1), runtimeConfiguration: { speed: 1 } } as unknown as Action),
    "actions.Start.runtimeConfiguration.speed", "'speed' is not a runtimeConfiguration setting"),
  one("an operation option of another action type", (d) => void (d.actions.Start = { ...compose(1), operationOptions: "Sequential" }),
    "actions.Start.operationOptions", "'Sequential' does not apply to Compose actions"),
  one("an operation option that does not exist", (d) => void (d.actions.Call = { ...http({ type: "none" }), operationOptions: "Fast" }),
    "actions.Call.operationOptions", "'Fast' is not an operation option of actions"),
  one("a description over 256 characters", (d) => void (d.actions.Start = { ...compose(1), description: "d".repeat(257) }),
    "actions.Start.description", "description is 257 characters; Azure allows 256"),
  one("trackedProperties over 8,000 characters", (d) => void (d.actions.Start = { ...compose(1), trackedProperties: { note: "t".repeat(8000) } } as Action),
    "actions.Start.trackedProperties", "trackedProperties exceed Azure's 8000 characters"),
  one("two variables in one InitializeVariable", (d) => void (d.actions.Init = {
    type: "InitializeVariable", inputs: { variables: [{ name: "a", type: "integer" }, { name: "b", type: "integer" }] }, runAfter: {},
  }), "actions.Init.inputs.variables", "Only one variable is supported to be initialized. To initialize multiple variables, create separate action for each variable."),
  one("an Until without a limit", (d) => void (d.actions.Loop = { type: "Until", expression: "@equals(1, 1)", actions: {}, runAfter: {} } as unknown as Action),
    "actions.Loop.limit", "an Until loop must define at least one limit (count or timeout)"),
  one("a Switch with 26 cases", (d) => void (d.actions.Pick = { type: "Switch", expression: "@1", cases: many(26, (i) => ({ case: i, actions: {} })), runAfter: {} }),
    "actions.Pick.cases", "26 cases exceed Azure's limit of 25"),
  one("a Switch case that is an expression", (d) => void (d.actions.Pick = { type: "Switch", expression: "@1", cases: { A: { case: "@utcNow()", actions: {} } }, runAfter: {} }),
    "actions.Pick.cases.A.case", "a case must be a constant value, not an expression"),
  one("two Switch cases with one value", (d) => void (d.actions.Pick = { type: "Switch", expression: "@1", cases: { A: { case: 1, actions: {} }, B: { case: 1, actions: {} } }, runAfter: {} }),
    "actions.Pick.cases.B.case", "the case value 1 is also the value of case 'A'; case values must be unique"),
  one("retry policy type default (refused at deploy, Azure/logicapps#577)", (d) => void (d.actions.Call = http({ type: "default" })),
    "actions.Call.inputs.retryPolicy.type", "The value provided: 'default' for the property: 'type' is not a valid 'RetryType' (use none, fixed, exponential, or leave the policy out for the default)"),
  one("retry interval under 5 seconds", (d) => void (d.actions.Call = http({ type: "fixed", count: 2, interval: "PT4S" })),
    "actions.Call.inputs.retryPolicy.interval", "retry interval PT4S is outside PT5S-P1D"),
  one("retry maximum interval over a day", (d) => void (d.actions.Call = http({ type: "exponential", count: 2, interval: "PT5S", maximumInterval: "P2D" })),
    "actions.Call.inputs.retryPolicy.maximumInterval", "retry maximumInterval P2D is outside PT5S-P1D"),
  one("chunked transfer on an action that does not move content", (d) => void (d.actions.Start = { ...compose(1), runtimeConfiguration: { contentTransfer: { transferMode: "Chunked" } } } as Action),
    "actions.Start.runtimeConfiguration.contentTransfer", "Compose does not support chunked content transfer"),
  one("a transfer mode other than Chunked", (d) => void (d.actions.Call = { ...http({ type: "none" }), runtimeConfiguration: { contentTransfer: { transferMode: "NotSpecified" } } } as unknown as Action),
    "actions.Call.runtimeConfiguration.contentTransfer", "transferMode is not valid; the allowed value is 'Chunked'"),
  one("chunking on a trigger", (d) => void (d.triggers.manual = { ...d.triggers.manual, runtimeConfiguration: { contentTransfer: { transferMode: "Chunked" } } } as unknown as Trigger),
    "triggers.manual.runtimeConfiguration.contentTransfer", "triggers do not support chunking"),
  one("11 triggers", (d) => void (d.triggers = many(11, () => ({ type: "Request", kind: "Http", inputs: {} }) as Trigger)), "triggers", "11 triggers exceed Azure's limit of 10"),
  one("a trigger name with a colon", (d) => void (d.triggers = { "on:call": d.triggers.manual }),
    "triggers.on:call", "trigger name 'on:call' is not allowed: use 1-80 characters without < > % & \\ ? / # :"),
  one("a Request trigger method that does not exist", (d) => void (d.triggers.manual = { type: "Request", kind: "Http", inputs: { method: "FETCH" } }),
    "triggers.manual.inputs.method", "'FETCH' is not a Request trigger method (GET, PUT, POST, PATCH, DELETE)"),
  one("a Recurrence interval past its frequency's range", (d) => void (d.triggers = { manual: d.triggers.manual, every: recurrence({ frequency: "Month", interval: 17 }) }),
    "triggers.every.recurrence", "interval must be a whole number from 1 to 16 for frequency Month"),
  one("a Response in a workflow that also has a Recurrence trigger", (d) => {
    d.triggers = { manual: d.triggers.manual, every: recurrence({ frequency: "Hour", interval: 1 }) };
    d.actions.Reply = response;
  }, "actions.Reply", "The workflow with 'Response' action type should not have triggers with 'recurrence' property defined"),
  one("trigger concurrency of 101 runs", (d) => void (d.triggers.manual = { ...d.triggers.manual, runtimeConfiguration: { concurrency: { runs: 101 } } } as Trigger),
    "triggers.manual.runtimeConfiguration.concurrency.runs", "runs 101 is outside 1-100"),
  one("trigger concurrency of 0 waiting runs", (d) => void (d.triggers.manual = { ...d.triggers.manual, runtimeConfiguration: { concurrency: { runs: 1, maximumWaitingRuns: 0 } } } as Trigger),
    "triggers.manual.runtimeConfiguration.concurrency.maximumWaitingRuns", "maximumWaitingRuns 0 is outside 1-100"),
  one("trigger concurrency together with SingleInstance", (d) => void (d.triggers.manual = { ...d.triggers.manual, operationOptions: "SingleInstance", runtimeConfiguration: { concurrency: { runs: 1 } } } as unknown as Trigger),
    "triggers.manual", "set either concurrency runs or operationOptions SingleInstance, not both"),
  one("51 parameters", (d) => void (d.parameters = many(51, () => ({ type: "String" }))), "parameters", "51 parameters exceed Azure's limit of 50"),
  one("a parameter type that does not exist", (d) => void (d.parameters.vault = { type: "Text" as "String" }),
    "parameters.vault.type", "'Text' is not a parameter type (string, securestring, int, float, bool, array, object, secureobject)"),
  one("11 outputs", (d) => void (d.outputs = many(11, () => ({ type: "String", value: "x" }))), "outputs", "11 outputs exceed Azure's limit of 10"),
  one("251 variables", (d) => { for (let i = 0; i < 251; i++) d.actions[`V${i}`] = initialize(`v${i}`); }, "actions", "251 variables exceed Azure's limit of 250"),
  one("an action name with a colon", (d) => void (d.actions["Step:1"] = compose(1)),
    "actions.Step:1", "action name 'Step:1' is not allowed: use 1-80 characters without < > % & \\ ? / # :"),
  one("action() in an action's inputs", startWith("@action()"), "actions.Start.inputs", "action() is only allowed in trackedProperties and in an Until loop's condition"),
  one("a parameter named like a property every object has", startWith("@parameters('toString')"), "actions.Start.inputs", "parameter 'toString' is not declared"),
  one("an operation option named like a property every object has", (d) => void (d.actions.Start = { ...compose(1), operationOptions: "constructor" }),
    "actions.Start.operationOptions", "'constructor' is not an operation option of actions"),
  one("an expression nested too deep to parse, over the length limit", startWith(`@${"concat('a', ".repeat(3000)}'b'${")".repeat(3000)}`),
    "actions.Start.inputs", `expression is ${1 + 12 * 3000 + 3 + 3000} characters; Azure allows 8192`),
  one("an expression in an object key", (d) => void (d.actions.Start = { type: "Compose", inputs: { "@{nope()}": 1 }, runAfter: {} } as Action),
    "actions.Start.inputs.@{nope()}", "unknown function 'nope'"),
  one("an If whose else is not a branch", (d) => void (d.actions.Cond = { type: "If", expression: "@true", actions: {}, else: "x", runAfter: {} } as unknown as Action),
    "actions.Cond.else", "must be an object with an object of actions"),
  one("a Switch whose cases are an array", (d) => void (d.actions.Pick = { type: "Switch", expression: "@1", cases: [], runAfter: {} } as unknown as Action),
    "actions.Pick.cases", "a Switch needs an object of cases"),
  one("a variable without a name or of an unknown type", (d) => void (d.actions.Init = { type: "InitializeVariable", inputs: { variables: [{ name: "v", type: "strin" }] }, runAfter: {} } as unknown as Action),
    "actions.Init.inputs.variables[0]", "a variable needs a name and a type (string, integer, float, boolean, array, object)"),
  one("an ApiConnection without inputs", (d) => void (d.actions.Call = { type: "ApiConnection", inputs: null, runAfter: {} } as unknown as Action),
    "actions.Call.inputs", "ApiConnection inputs must be an object"),
  one("an Http without a uri", (d) => void (d.actions.Call = { type: "Http", inputs: { method: "GET" }, runAfter: {} } as unknown as Action),
    "actions.Call.inputs.uri", "Http needs inputs.uri"),
  one("a Terminate with a run status that does not exist", (d) => void (d.actions.Stop = { type: "Terminate", inputs: { runStatus: "Done" }, runAfter: {} } as unknown as Action),
    "actions.Stop.inputs.runStatus", "'Done' is not a run status (Failed, Cancelled, Succeeded)"),
  one("secureData with trackedProperties", (d) => void (d.actions.Start = { ...compose(1), trackedProperties: { a: "b" }, runtimeConfiguration: { secureData: { properties: ["inputs"] } } } as Action),
    "actions.Start.trackedProperties", "an action with secureData cannot have trackedProperties"),
  one("iterationIndexes() outside its Until", (d) => { d.actions.Loop = until({}); d.actions.After = compose("@iterationIndexes('Loop')", { Loop: ["Succeeded"] }); },
    "actions.After.inputs", "iterationIndexes('Loop') is used outside that Until loop"),
];

/** Definitions that are not even shaped like one: each problem is reported, nothing throws. */
const LOOSE: Array<[string, unknown, ValidationProblem[]]> = [
  ["not an object", "hello", [{ path: "", message: "a workflow definition must be a JSON object" }]],
  ["actions that are an array", { triggers: { manual: { type: "Request", kind: "Http" } }, actions: [1] }, [{ path: "actions", message: "must be an object of actions" }]],
  ["an action without a type", { triggers: { manual: { type: "Request" } }, actions: { A: { inputs: 1 } } }, [{ path: "actions.A", message: "an action must be an object with a string 'type'" }]],
  ["a runAfter that is a string", { triggers: { manual: { type: "Request" } }, actions: { A: { type: "Compose", runAfter: "B" } } },
    [{ path: "actions.A.runAfter", message: "must be an object of action names and status lists" }]],
  ["triggers that are a number", { triggers: 5, actions: {} }, [{ path: "triggers", message: "must be an object of triggers" }]],
];

describe("validate: validateDefinition", () => {
  it("finds no problem in the minimal definition", () => {
    expect(validateDefinition(minimal())).to.deep.equal([]);
  });

  for (const { rule, mutate, expected } of [...STRUCTURE, ...EXPRESSIONS, ...RULES]) {
    it(`reports exactly one problem for: ${rule}`, () => {
      expect(problems(mutate)).to.deep.equal(expected);
    });
  }

  for (const [what, json, expected] of LOOSE) {
    it(`reports a definition with ${what} without throwing`, () => {
      expect(validateDefinition(json as WorkflowDefinition)).to.deep.equal(expected);
    });
  }

  it("takes a definition without contentVersion, which defaults to 1.0.0.0", () => {
    expect(problems((d) => void delete (d as Partial<WorkflowDefinition>).contentVersion)).to.deep.equal([]);
  });

  describe("accepts what is just inside each limit", () => {
    const ok: Array<[string, (d: WorkflowDefinition) => void]> = [
      ["500 actions", (d) => { for (let i = 1; i < 500; i++) d.actions[`A${i}`] = compose(i); }],
      ["nesting depth 8", (d) => void (d.actions.Deep = nested(7, { Leaf: compose(1) }).L7)],
      ["secure inputs on Compose", (d) => void (d.actions.Secure = { ...compose(1), runtimeConfiguration: { secureData: { properties: ["inputs"] } } })],
      ["Terminate at top level and in a Scope", (d) => { d.actions.Stop = terminate; d.actions.S = scope({ Stop2: terminate }); }],
      ["1,024 characters of inline code", (d) => void (d.actions.Code = { type: "JavaScriptCode", inputs: { code: "x".repeat(1024) }, runAfter: {} })],
      ["Until count 5000 and timeouts PT1H, P1D, PT0.5S", (d) => { d.actions.U1 = until({}, { count: 5000, timeout: "PT1H" }); d.actions.U2 = until({}, { count: 1, timeout: "P1D" }); d.actions.U3 = until({}, { timeout: "PT0.5S" }); }],
      ["Foreach concurrency 1 and 50; Sequential alone", (d) => {
        d.actions.F1 = foreach({}, { runtimeConfiguration: { concurrency: { repetitions: 1 } } });
        d.actions.F50 = foreach({}, { runtimeConfiguration: { concurrency: { repetitions: 50 } } });
        d.actions.FS = foreach({}, { operationOptions: "Sequential" });
      }],
      ["retry count 90; policy none without count", (d) => { d.actions.C1 = http({ type: "fixed", count: 90, interval: "PT5S" }); d.actions.C2 = http({ type: "none" }); }],
      ["retry intervals of exactly PT5S and P1D", (d) => void (d.actions.C = http({ type: "exponential", count: 3, interval: "PT5S", minimumInterval: "PT5S", maximumInterval: "P1D" }))],
      ["a Response with 202 under a Request trigger", (d) => void (d.actions.Reply = { type: "Response", kind: "Http", inputs: { statusCode: 202 }, runAfter: {} })],
      ["10 triggers, 50 parameters, 10 outputs, 250 variables", (d) => {
        d.triggers = many(10, () => ({ type: "Request", kind: "Http", inputs: {} }) as Trigger);
        d.parameters = { vault: { type: "String" }, ...many(49, () => ({ type: "String" as const })) };
        d.outputs = many(10, () => ({ type: "String", value: "x" }));
        for (let i = 0; i < 250; i++) d.actions[`V${i}`] = initialize(`v${i}`);
      }],
      ["trigger concurrency of 1 run with 100 waiting, and of 100 runs", (d) => {
        d.triggers = {
          one: { type: "Request", kind: "Http", inputs: {}, runtimeConfiguration: { concurrency: { runs: 1, maximumWaitingRuns: 100 } } },
          many: { type: "Request", kind: "Http", inputs: {}, runtimeConfiguration: { concurrency: { runs: 100 } } },
        } as unknown as WorkflowDefinition["triggers"];
      }],
      ["25 constant Switch cases, a 256-character description", (d) => {
        d.actions.Pick = { type: "Switch", expression: "@1", cases: many(25, (i) => ({ case: i, actions: {} })), runAfter: {}, description: "d".repeat(256) };
      }],
      ["action() in an Until condition and in trackedProperties", (d) => {
        d.actions.Loop = { type: "Until", expression: "@equals(action()?['iterationCount'], 2)", limit: { count: 3 }, actions: {}, runAfter: {} };
        d.actions.Start = { ...compose(1), trackedProperties: { status: "@action()?['status']" } } as Action;
      }],
      ["chunked transfer on an ApiConnection, operation options where they apply", (d) => {
        d.parameters.$connections = { type: "Object", defaultValue: {} };
        d.actions.Write = {
          type: "ApiConnection", inputs: { host: { connection: { name: "@parameters('$connections')['azureblob']['connectionId']" } }, method: "post", path: "/v2/datasets/a/files", body: "@body('Start')" },
          runAfter: { Start: ["Succeeded"] }, runtimeConfiguration: { contentTransfer: { transferMode: "Chunked" } }, operationOptions: "DisableAsyncPattern",
        };
        d.actions.Loop = until({}, { count: 2 });
        d.actions.Loop.operationOptions = "FailWhenLimitsReached";
      }],
      ["an expression of exactly 8,192 characters", startWith(`@concat('${"a".repeat(8176)}', 'b')`)],
      ["functions in any letter case; a declared parameter", startWith("@{CONCAT(parameters('vault'), utcnow())}")],
      ["a variable used after its InitializeVariable through a chain", (d) => {
        d.actions.Init = initialize("count");
        d.actions.Mid = compose(1, { Init: ["Failed"] });
        d.actions.S = scope({ Use: compose("@variables('count')") }, { runAfter: { Mid: ["Succeeded"] } });
      }],
      ["items() inside its Foreach, also nested deeper", (d) => void (d.actions.Loop = foreach({ S: scope({ In: compose("@items('Loop')?['id']") }) }))],
      ["body() of an action in another scope", (d) => void (d.actions.S = scope({ In: compose("@body('Start')") }, { runAfter: { Start: ["Succeeded"] } }))],
      ["@@-escaped and plain literals that look like calls", startWith("@@frobnicate(1)")],
    ];
    for (const [what, mutate] of ok) {
      it(what, () => {
        expect(problems(mutate)).to.deep.equal([]);
      });
    }
  });

  it("refuses a SetVariable that reads the variable it sets", () => {
    expect(
      problems((d) => {
        d.actions.Init = { type: "InitializeVariable", inputs: { variables: [{ name: "list", type: "array", value: [] }] }, runAfter: {} };
        d.actions.Grow = { type: "SetVariable", inputs: { name: "list", value: "@union(variables('list'), createArray(1, 2))" }, runAfter: { Init: ["Succeeded"] } };
      }),
    ).to.deep.equal([{ path: "actions.Grow.inputs.value", message: "SetVariable cannot read the variable 'list' it changes; compose the new value in an earlier action" }]);
  });

  it("reports every problem, not only the first", () => {
    expect(problems((d) => { d.contentVersion = "x"; d.actions.Start = compose("@nope()"); }).map((p) => p.message)).to.deep.equal([
      "must look like 1.0.0.0",
      "unknown function 'nope'",
    ]);
  });

  // Regression: the else branch was once reported at `actions.Cond.actions.B.runAfter`, a path that does not exist.
  it("reports a runAfter problem in an If's else branch at its else path", () => {
    expect(problems((d) => void (d.actions.Cond = {
      type: "If", expression: "@equals(1, 1)", actions: {}, else: { actions: { B: compose(1, { Z: ["Succeeded"] }) } }, runAfter: {},
    }))).to.deep.equal([{ path: "actions.Cond.else.actions.B.runAfter", message: "runs after 'Z', which is not an action in the same scope" }]);
  });

  // Regression: the 8,192-character limit is for expressions; a long literal with an inner "@" is not one.
  it("does not treat a long literal containing an inner @ as an expression", () => {
    expect(problems(startWith(`${"x".repeat(9000)} mail admin@example.com`))).to.deep.equal([]);
  });

  describe("a hand-written definition in the style of the 2019 Microsoft sample", () => {
    it("passes every rule", () => {
      expect(validateDefinition(microsoftSample2019())).to.deep.equal([]);
    });

    it("is really checked: renaming its Foreach breaks items(), runAfter and the variable chain", () => {
      const d = microsoftSample2019();
      d.actions.Loop_secrets_renamed = d.actions.Loop_Secrets;
      delete d.actions.Loop_Secrets;
      expect(validateDefinition(d)).to.deep.equal([
        { path: "actions.Confirm_BackupItems.runAfter", message: "runs after 'Loop_Secrets', which is not an action in the same scope" },
        // The broken link also cuts Confirm_BackupItems off from the variable's InitializeVariable.
        {
          path: "actions.Confirm_BackupItems.inputs",
          message: "variable 'BackupItems' is used before 'Initialise_BackupItems' initialises it (add it to this action's runAfter chain)",
        },
        { path: "actions.Loop_secrets_renamed.actions.Backup_Secret.inputs.uri", message: "items('Loop_Secrets') is used outside that Foreach" },
      ]);
    });

    it("is really checked: a typo in a parameter name is reported where it is used", () => {
      const d = microsoftSample2019();
      delete d.parameters.azureBlob;
      expect(validateDefinition(d)).to.deep.equal([
        { path: "actions.Upload_BackupItems.inputs.queries.folderPath", message: "parameter 'azureBlob' is not declared" },
      ]);
    });
  });
});
