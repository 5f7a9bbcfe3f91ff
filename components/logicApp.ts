import * as pulumi from "@pulumi/pulumi";
import * as logic from "@pulumi/azure-native/logic";
import { WorkflowDefinition } from "../workflows/definition";
import { WorkflowParameterValues, workflowParameterValues } from "../workflows/parameters";
import { MANUAL_TRIGGER } from "../workflows/triggers";

export interface LogicAppArgs {
  resourceGroupName: pulumi.Input<string>;
  location: pulumi.Input<string>;
  workflowName: pulumi.Input<string>;
  /** A definition from workflows/; static, so deploy-time values travel in `parameters`. */
  definition: WorkflowDefinition;
  parameters: pulumi.Input<WorkflowParameterValues>;
  /** Link an integration account (needed for inline JavaScript). */
  integrationAccountId?: pulumi.Input<string>;
}

/** A Consumption Logic App with a system-assigned identity, and its HTTP trigger's callback URL. */
export class LogicApp extends pulumi.ComponentResource {
  readonly workflowName: pulumi.Output<string>;
  readonly workflowId: pulumi.Output<string>;
  /** The object id of the system-assigned identity, for access policies. */
  readonly principalId: pulumi.Output<string>;
  /** The `manual` trigger's URL; it carries a SAS signature, so it is a secret. */
  readonly callbackUrl: pulumi.Output<string>;

  constructor(name: string, args: LogicAppArgs, opts?: pulumi.ComponentResourceOptions) {
    super("kvbr:logic:LogicApp", name, {}, opts);
    const workflow = new logic.Workflow(
      `${name}-workflow`,
      {
        resourceGroupName: args.resourceGroupName,
        location: args.location,
        workflowName: args.workflowName,
        identity: { type: logic.ManagedServiceIdentityType.SystemAssigned },
        definition: args.definition,
        parameters: pulumi.output(args.parameters).apply(workflowParameterValues),
        ...(args.integrationAccountId === undefined ? {} : { integrationAccount: { id: args.integrationAccountId } }),
        state: logic.WorkflowState.Enabled,
      },
      { parent: this },
    );
    this.workflowName = workflow.name;
    this.workflowId = workflow.id;
    this.principalId = workflow.identity.apply((i) => {
      if (!i?.principalId) throw new Error(`Logic App '${name}' has no system-assigned identity principalId`);
      return i.principalId;
    });
    const callback = logic.listWorkflowTriggerCallbackUrlOutput(
      { resourceGroupName: args.resourceGroupName, workflowName: workflow.name, triggerName: MANUAL_TRIGGER },
      { parent: this },
    );
    this.callbackUrl = pulumi.secret(callback.value);
    this.registerOutputs({ workflowName: this.workflowName, workflowId: this.workflowId, principalId: this.principalId });
  }
}
