import { DefinitionJson, isJsonObject } from "./definitionJson";
import { LIMITS } from "./limits";
import { checkAction } from "./validation/actionRules";
import { checkExpressions } from "./validation/expressions";
import { Report, ValidationProblem, blocksOf, locateActions } from "./validation/located";
import { checkRunAfter } from "./validation/runAfter";
import { checkNames, checkParametersAndOutputs, checkTriggers } from "./validation/workflowRules";

export { ValidationProblem } from "./validation/located";
export { LIMITS } from "./limits";

/**
 * Everything Azure would refuse when this definition is saved, in one place: the builders run it on what
 * they render, and the local engine runs it before a definition's first action, as Azure would before
 * accepting it. Takes any JSON: a problem is reported, never thrown.
 */
export function validateDefinition(definition: DefinitionJson): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  const report: Report = (path, message, code) => problems.push(code === undefined ? { path, message } : { path, message, code });
  if (!isJsonObject(definition)) {
    report("", "a workflow definition must be a JSON object");
    return problems;
  }

  if (definition.contentVersion !== undefined && !/^\d+\.\d+\.\d+\.\d+$/.test(String(definition.contentVersion))) report("contentVersion", "must look like 1.0.0.0");
  const triggers = checkTriggers(definition, report);
  checkParametersAndOutputs(definition, report);
  const located = locateActions(definition.actions ?? {}, "actions", report);
  if (located.length > LIMITS.actionsPerWorkflow) report("actions", `${located.length} actions exceed Azure's limit of ${LIMITS.actionsPerWorkflow}`);
  checkNames(located, report);
  for (const block of blocksOf(definition.actions ?? {}, "actions")) checkRunAfter(block.actions, block.path, report);
  for (const l of located) checkAction(l, report, triggers);
  checkExpressions(definition, located, report);
  return problems;
}

/** The problems as one error, the way a deployment reports a definition Azure refuses. */
export function definitionError(problems: readonly ValidationProblem[]): { code: string; message: string } {
  const list = problems.map((p) => `${p.path}: ${p.message}`).join("; ");
  return { code: problems.find((p) => p.code !== undefined)?.code ?? "InvalidTemplate", message: `The workflow definition is not valid: ${list}` };
}
