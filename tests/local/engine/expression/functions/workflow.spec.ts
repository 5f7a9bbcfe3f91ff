import { expect } from "chai";
import { ActionRecord } from "../../../../../local/engine/expression/scope";
import { FakeState, errorOf, ev } from "../fakeScope";

// The guide's "Get user" example: outputs('Get_user') and body('Get_user') (headers shortened).
const getUserBody = { FullName: "Contoso Corporation", Location: "Generic Town, USA", Id: 283541717, UserName: "ContosoInc", status: "Succeeded" };
const getUserOutputs = { statusCode: 200, headers: { "Content-Type": "application/json; charset=utf-8" }, body: getUserBody };
const getUser: ActionRecord = { name: "Get_user", status: "Succeeded", code: "OK", outputs: getUserOutputs };
const skipped: ActionRecord = { name: "Later", status: "Skipped", code: "ActionSkipped" };

const state: FakeState = {
  actions: { Get_user: getUser, Later: skipped },
  parameters: { fullName: "Sophia Owen" },
  variables: { numItems: 20 },
  trigger: { name: "manual", outputs: { headers: { "x-id": "1" }, body: { backup: "b.json" } }, startTime: "2018-03-15T13:00:00Z", endTime: "2018-03-15T13:00:01Z" },
  item: { body: "Hello" },
  loops: { myForEachLoopName: "current" },
  iterations: { Until_Max_Increment: 3 },
  results: { For_each: [getUser] },
  workflow: { name: "wf", run: { name: "08584" } },
};

describe("expression functions: workflow", () => {
  it("actions, body and outputs read an action's record", () => {
    expect(ev("actions('Get_user').outputs.body.status", state)).to.equal("Succeeded");
    expect(ev("actions('Get_user').status", state)).to.equal("Succeeded");
    expect(ev("body('Get_user')", state)).to.deep.equal(getUserBody);
    expect(ev("outputs('Get_user')", state)).to.deep.equal(getUserOutputs);
  });

  it("actionBody and actionOutputs, the older spellings", () => {
    expect(ev("actionBody('Get_user')", state)).to.deep.equal(getUserBody);
    expect(ev("actionOutputs('Get_user')", state)).to.deep.equal(getUserOutputs);
  });

  it("body and outputs of an action without outputs are null", () => {
    expect(ev("body('Later')", state)).to.equal(null);
    expect(ev("outputs('Later')", state)).to.equal(null);
  });

  it("an action the scope does not know fails with the scope's message", () => {
    expect(errorOf("body('Nope')", state)).to.equal("The template action 'Nope' is not defined in the workflow.");
  });

  it("parameters and variables", () => {
    expect(ev("parameters('fullName')", state)).to.equal("Sophia Owen");
    expect(ev("variables('numItems')", state)).to.equal(20);
  });

  it("item, items and iterationIndexes", () => {
    expect(ev("item().body", state)).to.equal("Hello");
    expect(ev("items('myForEachLoopName')", state)).to.equal("current");
    expect(ev("iterationIndexes('Until_Max_Increment')", state)).to.equal(3);
  });

  it("trigger, triggerBody and triggerOutputs", () => {
    expect(ev("trigger().name", state)).to.equal("manual");
    expect(ev("triggerBody()?['backup']", state)).to.equal("b.json");
    expect(ev("triggerOutputs()['headers']['x-id']", state)).to.equal("1");
    expect(ev("triggerBody()")).to.equal(null); // a trigger without a body
  });

  it("workflow and result", () => {
    expect(ev("workflow().run.name", state)).to.equal("08584");
    expect(ev("result('For_each')[0].name", state)).to.equal("Get_user");
  });

  it("names must be strings", () => {
    expect(errorOf("body(1)", state)).to.contain("'body' expects its first parameter to be of type string");
  });
});
