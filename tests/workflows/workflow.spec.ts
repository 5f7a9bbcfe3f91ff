import { expect } from "chai";
import { compose, scope } from "../../workflows/actions";
import { WORKFLOW_SCHEMA } from "../../workflows/definition";
import { parameters } from "../../workflows/expr";
import { manualTrigger } from "../../workflows/triggers";
import { WorkflowParameter, renderWorkflow } from "../../workflows/workflow";

describe("workflow: renderWorkflow", () => {
  it("refuses a name used twice in different scopes with its exact message", () => {
    expect(() =>
      renderWorkflow({ parameters: [], triggers: manualTrigger({}), actions: [compose("A", 1), scope("S", [compose("A", 2)])] }),
    ).to.throw("Action name 'A' is used more than once in the workflow");
  });

  it("refuses a name used twice in sibling scopes", () => {
    expect(() =>
      renderWorkflow({ parameters: [], triggers: manualTrigger({}), actions: [scope("S1", [compose("X", 1)]), scope("S2", [compose("X", 2)])] }),
    ).to.throw("Action name 'X' is used more than once in the workflow");
  });

  it("renders the whole document: schema, content version, parameters, triggers, actions, empty outputs", () => {
    const p = new WorkflowParameter("p", "String");
    const withDefault = new WorkflowParameter("$connections", "Object", {});
    const d = renderWorkflow({ parameters: [p, withDefault], triggers: manualTrigger({}), actions: [compose("A", parameters(p))] });
    expect(d).to.deep.equal({
      $schema: "https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#",
      contentVersion: "1.0.0.0",
      parameters: { p: { type: "String" }, $connections: { type: "Object", defaultValue: {} } },
      triggers: { manual: { type: "Request", kind: "Http", inputs: { method: "POST", schema: {} } } },
      actions: { A: { type: "Compose", inputs: "@parameters('p')", runAfter: {} } },
      outputs: {},
    });
    expect(d.$schema).to.equal(WORKFLOW_SCHEMA);
  });

  it("runs the validator and throws every problem, one per line", () => {
    expect(() =>
      renderWorkflow({
        parameters: [],
        triggers: manualTrigger({}),
        actions: [compose("A", parameters({ name: "missing" })), compose("B", parameters({ name: "other" }))],
      }),
    ).to.throw(
      "The generated workflow definition is invalid:\n- actions.A.inputs: parameter 'missing' is not declared\n- actions.B.inputs: parameter 'other' is not declared",
    );
  });
});
