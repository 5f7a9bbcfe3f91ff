/**
 * A workflow definition as loose JSON: what Azure receives when a definition is saved, whoever wrote it.
 * The validator and the local engine read definitions through these types, so they accept hand-written
 * JSON (`JSON.parse` output) and the builders' `WorkflowDefinition` alike, without casts. Every field is
 * optional and its value may be of any type in practice: readers check before they trust it.
 */
export type ActionsJson = Record<string, ActionJson>;

export interface ActionJson {
  type: string;
  kind?: string;
  inputs?: unknown;
  runAfter?: Record<string, readonly string[]>;
  actions?: ActionsJson;
  else?: { actions?: ActionsJson };
  cases?: Record<string, { case?: unknown; actions?: ActionsJson }>;
  default?: { actions?: ActionsJson };
  expression?: unknown;
  foreach?: unknown;
  limit?: { count?: number; timeout?: string };
  runtimeConfiguration?: {
    concurrency?: { repetitions?: number };
    secureData?: { properties?: readonly string[] };
    contentTransfer?: { transferMode?: string };
    paginationPolicy?: unknown;
    staticResult?: unknown;
  };
  operationOptions?: string;
  description?: string;
  metadata?: unknown;
  trackedProperties?: unknown;
}

export interface TriggerJson {
  type: string;
  kind?: string;
  inputs?: unknown;
  recurrence?: unknown;
  conditions?: unknown;
  splitOn?: unknown;
  runtimeConfiguration?: unknown;
  operationOptions?: string;
}

export interface DefinitionJson {
  $schema?: string;
  contentVersion?: string;
  parameters?: Record<string, { type?: string; defaultValue?: unknown; metadata?: unknown }>;
  triggers?: Record<string, TriggerJson>;
  actions?: ActionsJson;
  outputs?: Record<string, unknown>;
}

/** One nested block of a container action, with the definition path of its `actions` map. */
export interface Branch {
  /** Relative to the container: `actions`, `else.actions`, `cases.<case>.actions`, `default.actions`. */
  path: string;
  actions: ActionsJson;
}

/** The nested blocks of a container action (Foreach, Until, Scope, If, Switch); none for other actions. */
export function branchesOf(action: ActionJson): Branch[] {
  const out: Branch[] = [];
  if (action.actions !== undefined) out.push({ path: "actions", actions: action.actions });
  if (action.else?.actions !== undefined) out.push({ path: "else.actions", actions: action.else.actions });
  for (const [name, c] of Object.entries(action.cases ?? {})) if (c?.actions !== undefined) out.push({ path: `cases.${name}.actions`, actions: c.actions });
  if (action.default?.actions !== undefined) out.push({ path: "default.actions", actions: action.default.actions });
  return out;
}

/** An object that is not an array or null: what JSON objects look like once parsed. */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** Shaped like an action: an object with a non-empty string `type` (its other fields are still unchecked). */
export function isAction(value: unknown): value is ActionJson {
  return isJsonObject(value) && typeof value.type === "string" && value.type !== "";
}

/** JSON of unknown provenance read as a definition: any object qualifies; the validator judges the rest. */
export function isDefinitionJson(value: unknown): value is DefinitionJson {
  return isJsonObject(value);
}
