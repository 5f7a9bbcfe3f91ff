/**
 * The rendered workflow definition language (schema 2016-06-01), as plain JSON types. Builders produce
 * these; the validator and the local engine consume them, so hand-written definitions fit too.
 */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export const WORKFLOW_SCHEMA =
  "https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#";

export type RunAfterStatus = "Succeeded" | "Failed" | "Skipped" | "TimedOut";
export type RunAfter = Record<string, RunAfterStatus[]>;

export type ParameterType = "String" | "SecureString" | "Int" | "Float" | "Bool" | "Array" | "Object" | "SecureObject";
export interface ParameterDeclaration {
  type: ParameterType;
  defaultValue?: Json;
  metadata?: JsonObject;
}

export interface RetryPolicy {
  type: "default" | "none" | "fixed" | "exponential";
  count?: number;
  interval?: string;
  minimumInterval?: string;
  maximumInterval?: string;
}

export type SecureProperty = "inputs" | "outputs";
export interface RuntimeConfiguration {
  concurrency?: { repetitions: number };
  secureData?: { properties: SecureProperty[] };
  /** Chunked transfer, for the actions that move content (large-message handling). */
  contentTransfer?: { transferMode: "Chunked" };
}

interface ActionBase {
  runAfter?: RunAfter;
  runtimeConfiguration?: RuntimeConfiguration;
  operationOptions?: string;
  description?: string;
  trackedProperties?: JsonObject;
}

export interface HttpAction extends ActionBase {
  type: "Http";
  inputs: {
    method: string;
    uri: string;
    headers?: JsonObject;
    queries?: JsonObject;
    body?: Json;
    authentication?: { type: "ManagedServiceIdentity"; audience?: string; identity?: string };
    retryPolicy?: RetryPolicy;
  };
}
export interface ApiConnectionAction extends ActionBase {
  type: "ApiConnection";
  inputs: {
    host: { connection: { name: string } };
    method: string;
    path: string;
    queries?: JsonObject;
    headers?: JsonObject;
    body?: Json;
    retryPolicy?: RetryPolicy;
  };
}
export interface VariableDeclaration {
  name: string;
  type: "string" | "integer" | "float" | "boolean" | "array" | "object";
  value?: Json;
}
export interface InitializeVariableAction extends ActionBase {
  type: "InitializeVariable";
  inputs: { variables: VariableDeclaration[] };
}
export interface SetVariableAction extends ActionBase {
  type: "SetVariable" | "AppendToArrayVariable" | "AppendToStringVariable";
  inputs: { name: string; value: Json };
}
export interface IncrementVariableAction extends ActionBase {
  type: "IncrementVariable" | "DecrementVariable";
  inputs: { name: string; value?: Json };
}
export interface ComposeAction extends ActionBase {
  type: "Compose";
  inputs: Json;
}
export interface ParseJsonAction extends ActionBase {
  type: "ParseJson";
  inputs: { content: Json; schema: JsonObject };
}
export interface QueryAction extends ActionBase {
  type: "Query";
  inputs: { from: Json; where: string };
}
export interface SelectAction extends ActionBase {
  type: "Select";
  inputs: { from: Json; select: Json };
}
export interface JavaScriptCodeAction extends ActionBase {
  type: "JavaScriptCode";
  inputs: { code: string; explicitDependencies?: { actions?: string[]; includeTrigger?: boolean } };
}
export interface TerminateAction extends ActionBase {
  type: "Terminate";
  inputs: { runStatus: "Failed" | "Cancelled" | "Succeeded"; runError?: { code?: string; message?: string } };
}
export interface ResponseAction extends ActionBase {
  type: "Response";
  kind?: "Http";
  inputs: { statusCode: Json; headers?: JsonObject; body?: Json };
}
export interface ForeachAction extends ActionBase {
  type: "Foreach";
  foreach: string;
  actions: Actions;
}
export interface UntilAction extends ActionBase {
  type: "Until";
  expression: string;
  limit: { count?: number; timeout?: string };
  actions: Actions;
}
/** An If condition is either one expression string or the designer's `and`/`or` predicate object. */
export type Condition = string | JsonObject;
export interface IfAction extends ActionBase {
  type: "If";
  expression: Condition;
  actions: Actions;
  else?: { actions: Actions };
}
export interface ScopeAction extends ActionBase {
  type: "Scope";
  actions: Actions;
}
export interface SwitchAction extends ActionBase {
  type: "Switch";
  expression: string;
  cases: Record<string, { case: Json; actions: Actions }>;
  default?: { actions: Actions };
}

export type Action =
  | HttpAction
  | ApiConnectionAction
  | InitializeVariableAction
  | SetVariableAction
  | IncrementVariableAction
  | ComposeAction
  | ParseJsonAction
  | QueryAction
  | SelectAction
  | JavaScriptCodeAction
  | TerminateAction
  | ResponseAction
  | ForeachAction
  | UntilAction
  | IfAction
  | ScopeAction
  | SwitchAction;
export type ActionType = Action["type"];
export type Actions = Record<string, Action>;

/** Trigger concurrency: at most `runs` runs at once (1-100); more wait, up to maximumWaitingRuns (1-100). */
export interface TriggerRuntimeConfiguration {
  concurrency?: { runs: number; maximumWaitingRuns?: number };
}

export interface RequestTrigger {
  type: "Request";
  kind: "Http";
  inputs: { method?: string; relativePath?: string; schema?: JsonObject };
  runtimeConfiguration?: TriggerRuntimeConfiguration;
}
export type RecurrenceFrequency = "Second" | "Minute" | "Hour" | "Day" | "Week" | "Month";
export interface RecurrenceTrigger {
  type: "Recurrence";
  recurrence: {
    frequency: RecurrenceFrequency;
    interval: number;
    startTime?: string;
    timeZone?: string;
    schedule?: { hours?: number[]; minutes?: number[]; weekDays?: string[] };
  };
  runtimeConfiguration?: TriggerRuntimeConfiguration;
}
export type Trigger = RequestTrigger | RecurrenceTrigger;

export interface WorkflowDefinition {
  $schema: string;
  contentVersion: string;
  parameters: Record<string, ParameterDeclaration>;
  triggers: Record<string, Trigger>;
  actions: Actions;
  outputs: Record<string, { type: ParameterType; value: Json }>;
}
