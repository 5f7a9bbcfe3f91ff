import { expect } from "chai";
import { ActionJson } from "../../../workflows/definitionJson";
import { LIMITS } from "../../../workflows/limits";
import { ScriptedServer, run } from "./helpers";

const after = (name: string) => ({ [name]: ["Succeeded"] });
const init = (name: string, type: string, value: unknown): ActionJson => ({ type: "InitializeVariable", inputs: { variables: [{ name, type, value }] } });
/** Half the single-content limit: two of these in one value pass it by their quotes and commas. */
const HALF = "h".repeat(LIMITS.actionContentBytes / 2);

describe("local engine: Azure's data limits", function () {
  this.timeout(60_000);

  it("fails an action whose inputs pass 104,857,600 bytes, before it acts", async () => {
    const r = await run({
      Init: init("half", "string", HALF),
      Both: { type: "Compose", inputs: ["@variables('half')", "@variables('half')"], runAfter: after("Init") },
    });
    expect(r.actions.Both.status).to.equal("Failed");
    expect(r.actions.Both.executions[0].error).to.deep.equal({
      code: "ActionInputsTooLarge",
      message: `The inputs of action 'Both' are ${LIMITS.actionContentBytes + 7} bytes, which exceeds the maximum of 104857600 bytes for a single action input.`,
    });
  });

  it("fails an action whose outputs pass the limit, and keeps no outputs for later actions", async () => {
    const r = await run({
      Init: init("half", "string", HALF),
      Twice: { type: "Select", inputs: { from: "@createArray(1, 2)", select: "@variables('half')" }, runAfter: after("Init") },
      Read: { type: "Compose", inputs: "@length(body('Twice'))", runAfter: { Twice: ["Failed"] } },
    });
    expect(r.actions.Twice.executions[0].error!.code).to.equal("ActionOutputsTooLarge");
    expect(r.actions.Twice.executions[0].outputs).to.equal(undefined);
    expect(r.actions.Read.status).to.equal("Failed");
  });

  it("fails an Http action before sending a body over the limit", async () => {
    const server = new ScriptedServer(() => ({ status: 200 }));
    const url = await server.start();
    try {
      const r = await run({
        Init: init("half", "string", HALF),
        Send: { type: "Http", inputs: { method: "POST", uri: url, body: ["@variables('half')", "@variables('half')"] }, runAfter: after("Init") },
      });
      expect(r.actions.Send.executions[0].error!.code).to.equal("ActionInputsTooLarge");
      expect(server.requests).to.have.length(0);
    } finally {
      await server.stop();
    }
  });

  it("stops an array variable at 100,000 items with Azure's message", async () => {
    const full = Array.from({ length: LIMITS.arrayVariableItems }, (_, i) => i);
    const r = await run({
      Init: init("list", "array", full),
      Append: { type: "AppendToArrayVariable", inputs: { name: "list", value: 1 }, runAfter: after("Init") },
    });
    expect(r.actions.Append.executions[0].error).to.deep.equal({
      code: "BadRequest",
      message: "The number of array items in variable 'list' reached the limit: maximum '100000' and actual '100000'.",
    });
    const over = await run({ Init: init("list", "array", [...full, 1]) });
    expect(over.actions.Init.executions[0].error!.message).to.equal("The number of array items in variable 'list' reached the limit: maximum '100000' and actual '100001'.");
  });

  it("stops a variable at 104,857,600 characters, counting what appends add", async () => {
    const r = await run({
      Init: init("half", "string", HALF),
      InitText: { ...init("text", "string", ""), runAfter: after("Init") },
      First: { type: "AppendToStringVariable", inputs: { name: "text", value: "@variables('half')" }, runAfter: after("InitText") },
      Second: { type: "AppendToStringVariable", inputs: { name: "text", value: "@variables('half')" }, runAfter: after("First") },
      Third: { type: "AppendToStringVariable", inputs: { name: "text", value: "x" }, runAfter: after("Second") },
    });
    expect(r.actions.Second.status).to.equal("Succeeded");
    expect(r.actions.Third.executions[0].error).to.deep.equal({
      code: "BadRequest",
      message: "The size of variable 'text' reached the limit: maximum '104857600' characters and actual '104857601'.",
    });
  });

  it("refuses to append null or an array to an array variable, as Azure does", async () => {
    const r = await run({
      Init: init("list", "array", []),
      Null: { type: "AppendToArrayVariable", inputs: { name: "list", value: null }, runAfter: after("Init") },
      Array: { type: "AppendToArrayVariable", inputs: { name: "list", value: [1] }, runAfter: { Null: ["Failed"] } },
    });
    const only = "The action type 'AppendToArrayVariable' only supports values of types 'Float, Integer, String, Boolean, Object'.";
    expect(r.actions.Null.executions[0].error!.message).to.equal(`The value cannot be null. ${only}`);
    expect(r.actions.Array.executions[0].error!.message).to.equal(`The input value is of type 'Array' which cannot be appended to the variable 'list' of type 'Array'. ${only}`);
  });

  it("stops a Foreach over more than 100,000 items", async () => {
    const many = Array.from({ length: LIMITS.foreachItems + 1 }, (_, i) => i);
    const r = await run({
      Items: { type: "Compose", inputs: many },
      Loop: { type: "Foreach", foreach: "@outputs('Items')", actions: {}, runAfter: after("Items") },
    });
    expect(r.actions.Loop.executions[0].error!.message).to.equal("The number of items in the 'foreach' of action 'Loop' exceeds the limit: maximum '100000' and actual '100001'.");
  });

  it("counts the bytes passed through actions and the largest single input or output", async () => {
    const r = await run({ A: { type: "Compose", inputs: "abc" }, B: { type: "Compose", inputs: ["@outputs('A')", "@outputs('A')"], runAfter: after("A") } });
    // A: "abc" in and out (5 + 5); B: ["abc","abc"] in and out (13 + 13).
    expect(r.counters.contentBytes).to.equal(36);
    expect(r.counters.largestContent).to.deep.equal({ action: "B", side: "inputs", bytes: 13 });
  });
});
