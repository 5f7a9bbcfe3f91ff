import { Json, ParameterType, Trigger, WORKFLOW_SCHEMA, WorkflowDefinition } from "./definition";
import { Block, allHandles, renderBlock } from "./builder";
import { Named } from "./expr";
import { validateDefinition } from "./validate";

/** A workflow parameter: declared in the definition, its value filled in at deploy time. */
export class WorkflowParameter implements Named {
  constructor(
    readonly name: string,
    readonly type: ParameterType,
    readonly defaultValue?: Json,
  ) {}
}

export interface WorkflowSpec {
  parameters: readonly WorkflowParameter[];
  triggers: Record<string, Trigger>;
  actions: Block;
}

/**
 * Render a whole definition: action names must be unique across the workflow (Azure addresses actions by
 * name from anywhere), and the result must pass validateDefinition, or this throws with every problem.
 */
export function renderWorkflow(spec: WorkflowSpec): WorkflowDefinition {
  const seen = new Set<string>();
  for (const handle of allHandles(spec.actions)) {
    if (seen.has(handle.name)) throw new Error(`Action name '${handle.name}' is used more than once in the workflow`);
    seen.add(handle.name);
  }
  const definition: WorkflowDefinition = {
    $schema: WORKFLOW_SCHEMA,
    contentVersion: "1.0.0.0",
    parameters: Object.fromEntries(
      spec.parameters.map((p) => [p.name, { type: p.type, ...(p.defaultValue === undefined ? {} : { defaultValue: p.defaultValue }) }]),
    ),
    triggers: spec.triggers,
    actions: renderBlock(spec.actions),
    outputs: {},
  };
  const problems = validateDefinition(definition);
  if (problems.length > 0) {
    throw new Error(`The generated workflow definition is invalid:\n${problems.map((p) => `- ${p.path}: ${p.message}`).join("\n")}`);
  }
  return definition;
}
