import { StackConfig } from "../config";
import { WorkflowDefinition } from "../workflows/definition";
import { LOCAL_STACK, stackPlan } from "./stackPlan";

export type ProjectWorkflow = "backup" | "restore";

/** The definition a stack deploys for one of the project's workflows (the local stack's, unless named). */
export function projectDefinition(which: ProjectWorkflow, options: { stack?: string; changes?: Partial<StackConfig> } = {}): WorkflowDefinition {
  return stackPlan(options.stack ?? LOCAL_STACK, options.changes)[which].definition;
}
