/**
 * The engine reads definitions as loosely typed JSON: it must run any definition, hand-written ones too,
 * and report what it does not understand instead of trusting a TypeScript type.
 */
export interface ActionDefinition {
  type: string;
  inputs?: unknown;
  runAfter?: Record<string, string[]>;
  actions?: Record<string, ActionDefinition>;
  else?: { actions?: Record<string, ActionDefinition> };
  cases?: Record<string, { case: unknown; actions?: Record<string, ActionDefinition> }>;
  default?: { actions?: Record<string, ActionDefinition> };
  expression?: unknown;
  foreach?: unknown;
  limit?: { count?: number; timeout?: string };
  runtimeConfiguration?: {
    concurrency?: { repetitions?: number };
    secureData?: { properties?: string[] };
    [key: string]: unknown;
  };
  operationOptions?: string;
  [key: string]: unknown;
}

export interface Definition {
  $schema?: string;
  contentVersion?: string;
  parameters?: Record<string, { type?: string; defaultValue?: unknown }>;
  triggers?: Record<string, { type: string; kind?: string; inputs?: unknown; recurrence?: unknown; [key: string]: unknown }>;
  actions?: Record<string, ActionDefinition>;
  outputs?: Record<string, unknown>;
}

/** The nested action maps of a container action, as [label, actions] pairs. */
export function branchesOf(action: ActionDefinition): Array<Record<string, ActionDefinition>> {
  const out: Array<Record<string, ActionDefinition>> = [];
  if (action.actions) out.push(action.actions);
  if (action.else?.actions) out.push(action.else.actions);
  for (const c of Object.values(action.cases ?? {})) if (c.actions) out.push(c.actions);
  if (action.default?.actions) out.push(action.default.actions);
  return out;
}
