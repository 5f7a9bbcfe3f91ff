import { ManagedIdentity } from "./engine/runOptions";
import { AccessPolicy } from "./keyvault";
import { DeploymentPlan } from "../plan/deploymentPlan";
import { permissionsFor } from "../plan/vaultPermissions";
import { ProjectWorkflow } from "./projectWorkflows";

/**
 * The object ids of the two workflows' system-assigned identities in a local run. Their tokens carry these,
 * and a vault answers 403 unless its access policies grant the operation to them.
 */
export const WORKFLOW_IDENTITIES: Record<ProjectWorkflow, ManagedIdentity> = {
  backup: { principalId: "0b5c2a71-4e1d-4c3b-9a60-00000000b4c1" },
  restore: { principalId: "7e3f9d02-8a4b-4f6c-b1d5-0000000e5701" },
};

/** The access policy the plan grants a workflow's identity on the vault it works on. */
export function workflowAccess(plan: DeploymentPlan, which: ProjectWorkflow): AccessPolicy {
  const { profile, kinds } = plan[which].access;
  return { objectId: WORKFLOW_IDENTITIES[which].principalId, permissions: permissionsFor(profile, kinds) };
}
