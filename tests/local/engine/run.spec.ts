import { expect } from "chai";
import { outputsOf, run, statusesOf, refusal } from "./helpers";
import { runWorkflow } from "../../../local/engine/run";

const compose = (inputs: unknown, runAfter: Record<string, string[]> = {}) => ({ type: "Compose", inputs, runAfter });
const fail = (runAfter: Record<string, string[]> = {}) => ({ type: "Compose", inputs: "@json('not json')", runAfter });

describe("local engine: runs and runAfter", () => {
  it("runs actions in runAfter order and lets later ones read earlier outputs", async () => {
    const r = await run({
      B: compose("@concat(outputs('A'), '-b')", { A: ["Succeeded"] }),
      A: compose("a"),
    });
    expect(r.status).to.equal("Succeeded");
    expect(outputsOf(r, "B")).to.equal("a-b");
  });

  it("skips an action whose predecessor ended in a status it does not list, and propagates the skip", async () => {
    const r = await run({
      A: fail(),
      B: compose(1, { A: ["Succeeded"] }),
      C: compose(2, { B: ["Succeeded"] }),
      D: compose(3, { B: ["Skipped"] }),
    });
    expect(statusesOf(r)).to.deep.equal({ A: "Failed", B: "Skipped", C: "Skipped", D: "Succeeded" });
  });

  it("ends Succeeded when every failure is handled by a last action that succeeded", async () => {
    const r = await run({ A: fail(), Handle: compose("handled", { A: ["Failed"] }) });
    expect(r.status).to.equal("Succeeded");
    expect(r.actions.A.status).to.equal("Failed");
  });

  it("ends Failed when a last action was skipped because of a failure", async () => {
    const r = await run({ A: fail(), B: compose(1, { A: ["Succeeded"] }) });
    expect(r.status).to.equal("Failed");
    expect(r.error).to.deep.equal({ code: "ActionFailed", message: "An action failed. No dependent actions succeeded." });
  });

  it("ends Succeeded when a handler for a failure that never happened is skipped", async () => {
    const r = await run({ A: compose(1), OnFailure: compose(2, { A: ["Failed"] }) });
    expect(r.status).to.equal("Succeeded");
    expect(r.actions.OnFailure.status).to.equal("Skipped");
  });

  it("reports an expression error as InvalidTemplate naming the action", async () => {
    const r = await run({ A: compose("@div(1, 0)") });
    expect(r.actions.A.executions[0].error!.code).to.equal("InvalidTemplate");
    expect(r.actions.A.executions[0].error!.message).to.contain("'A'").and.contain("div");
  });

  it("never starts a definition Azure would refuse when it is saved, and says why", async () => {
    const r = await run({ A: compose("@nope()") });
    expect(refusal(r)).to.deep.equal({ code: "InvalidTemplate", message: "The workflow definition is not valid: actions.A.inputs: unknown function 'nope'" });
  });

  it("gives a refused secureData setting Azure's error code", async () => {
    const r = await run({ A: { type: "Compose", inputs: 1, runtimeConfiguration: { secureData: { properties: ["inputs", "outputs"] } } } });
    expect(refusal(r).code).to.equal("InvalidSecureDataConfiguration");
  });

  it("fails the run naming an action type the engine does not support", async () => {
    const r = await run({ Send_mail: { type: "Workflow", inputs: {} } });
    expect(r.status).to.equal("Failed");
    expect(r.actions.Send_mail.executions[0].error).to.deep.equal({
      code: "UnsupportedByLocalEngine",
      message: "Action type 'Workflow' (action 'Send_mail') is not supported by the local engine",
    });
  });

  it("fails an action using a feature the engine does not implement, naming it, instead of ignoring it", async () => {
    const paged = await run({ List: { type: "Http", inputs: { method: "GET", uri: "http://127.0.0.1:9/" }, runtimeConfiguration: { paginationPolicy: { minimumItemCount: 100 } } } });
    expect(paged.actions.List.executions[0].error!.message).to.equal("runtimeConfiguration.paginationPolicy (action 'List') is not supported by the local engine");
    const timed = await run({ A: { type: "Compose", inputs: 1, limit: { timeout: "PT1M" } } });
    expect(timed.actions.A.executions[0].error!.message).to.equal("An action timeout (limit on 'A') is not supported by the local engine");
    const tracked = await run({ A: { type: "Compose", inputs: 1, trackedProperties: { x: "y" } } });
    expect(tracked.status).to.equal("Succeeded");
  });

  it("ends the run on an unsupported feature even when a handler would catch the failure", async () => {
    const r = await run({ Send: { type: "Workflow", inputs: {} }, Handle: compose("caught", { Send: ["Failed"] }) });
    expect(r.status).to.equal("Failed");
    expect(r.error).to.deep.equal({ code: "UnsupportedByLocalEngine", message: "Action type 'Workflow' (action 'Send') is not supported by the local engine" });
    expect(r.actions.Handle).to.equal(undefined);
  });

  it("refuses runAfter on an action outside the scope, before running anything", async () => {
    const r = await run({ A: compose(1, { Ghost: ["Succeeded"] }) });
    expect(refusal(r).message).to.equal("The workflow definition is not valid: actions.A.runAfter: runs after 'Ghost', which is not an action in the same scope");
  });

  it("gives later runs smaller run ids of one length, as Azure does, even within a millisecond", async () => {
    const now = new Date("2026-12-01T02:00:00.000Z");
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push((await run({ A: compose(1) }, { now: () => now })).id);
    expect(new Set(ids.map((id) => id.length)).size).to.equal(1);
    expect([...ids].sort()).to.deep.equal([...ids].reverse());
  });

  it("runs actions named like properties every object has", async () => {
    const r = await runWorkflow(JSON.parse('{"triggers":{"manual":{"type":"Request","kind":"Http"}},"actions":{"constructor":{"type":"Compose","inputs":1},"__proto__":{"type":"Compose","inputs":2,"runAfter":{"constructor":["Succeeded"]}},"toString":{"type":"Compose","inputs":"@outputs(\'__proto__\')","runAfter":{"__proto__":["Succeeded"]}}}}'), { timeScale: 0 });
    expect(r.status).to.equal("Succeeded");
    expect(Object.keys(r.actions).sort()).to.deep.equal(["__proto__", "constructor", "toString"]);
    expect(r.actions["toString"].executions[0].outputs).to.equal(2);
  });

  it("counts action executions, not skipped actions", async () => {
    const r = await run({ A: compose(1), B: compose(2, { A: ["Failed"] }), C: compose(3, { A: ["Succeeded"] }) });
    expect(r.counters.actionExecutions).to.equal(2);
  });
});

describe("local engine: parameters and triggers", () => {
  const declared = { name: { type: "String" }, size: { type: "Int", defaultValue: 3 } };

  it("binds parameter values and defaults", async () => {
    const r = await run({ A: compose("@concat(parameters('name'), string(parameters('size')))") }, { parameters: { name: "n" } }, declared);
    expect(outputsOf(r, "A")).to.equal("n3");
  });

  it("refuses a missing value, an undeclared parameter and a value of the wrong type", async () => {
    expect((await run({}, {}, declared)).error!.message).to.equal("The value for the workflow parameter 'name' is not provided.");
    expect((await run({}, { parameters: { name: "n", extra: 1 } }, declared)).error!.message).to.equal(
      "The provided workflow parameter 'extra' is not declared in the definition.",
    );
    expect((await run({}, { parameters: { name: "n", size: "3" } }, declared)).error!.message).to.equal(
      `The workflow parameter 'size' of type 'Int' cannot take the value "3".`,
    );
  });

  it("hands the Request trigger's body to triggerBody()", async () => {
    const r = await run({ A: compose("@triggerBody()?['backup']") }, { trigger: { body: { backup: "x.json" } } });
    expect(outputsOf(r, "A")).to.equal("x.json");
  });

  it("fires a Recurrence trigger on demand", async () => {
    const r = await runWorkflow(
      { triggers: { daily: { type: "Recurrence", recurrence: { frequency: "Day", interval: 1 } } }, actions: { A: compose("@trigger()?['name']") } },
      { timeScale: 0 },
    );
    expect(r.status).to.equal("Succeeded");
    expect(outputsOf(r, "A")).to.equal("daily");
  });

  it("refuses a trigger type it does not support, naming it", async () => {
    const r = await runWorkflow({ triggers: { t: { type: "ApiConnectionWebhook" } }, actions: {} });
    expect(r.error!.message).to.equal("Trigger type 'ApiConnectionWebhook' (trigger 't') is not supported by the local engine");
  });
});
