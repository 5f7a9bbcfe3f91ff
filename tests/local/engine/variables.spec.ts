import { expect } from "chai";
import { outputsOf, run, refusal } from "./helpers";

const init = (name: string, type: string, value: unknown) => ({ type: "InitializeVariable", inputs: { variables: [{ name, type, value }] } });

describe("local engine: variables", () => {
  it("initialises, sets, increments, decrements and appends", async () => {
    const r = await run({
      Init_n: init("n", "integer", 1),
      Init_list: init("list", "array", []),
      Init_text: init("text", "string", "a"),
      Inc: { type: "IncrementVariable", inputs: { name: "n", value: 5 }, runAfter: { Init_n: ["Succeeded"], Init_list: ["Succeeded"], Init_text: ["Succeeded"] } },
      Dec: { type: "DecrementVariable", inputs: { name: "n" }, runAfter: { Inc: ["Succeeded"] } },
      Append: { type: "AppendToArrayVariable", inputs: { name: "list", value: "@variables('n')" }, runAfter: { Dec: ["Succeeded"] } },
      AppendText: { type: "AppendToStringVariable", inputs: { name: "text", value: "b" }, runAfter: { Append: ["Succeeded"] } },
      Set: { type: "SetVariable", inputs: { name: "N", value: 10 }, runAfter: { AppendText: ["Succeeded"] } },
      Show: { type: "Compose", inputs: { n: "@variables('n')", list: "@variables('list')", text: "@variables('text')" }, runAfter: { Set: ["Succeeded"] } },
    });
    expect(r.status).to.equal("Succeeded");
    expect(outputsOf(r, "Show")).to.deep.equal({ n: 10, list: [5], text: "ab" });
  });

  it("fails an action that uses a variable before it is initialised", async () => {
    const r = await run({ Set: { type: "SetVariable", inputs: { name: "x", value: 1 } } });
    expect(refusal(r).message).to.equal("The workflow definition is not valid: actions.Set.inputs.name: variable 'x' is never initialised by a top-level InitializeVariable");
  });

  it("refuses a value of the wrong type", async () => {
    const r = await run({ Init: init("n", "integer", "one") });
    expect(r.actions.Init.executions[0].error!.message).to.equal(`The variable 'n' of type 'integer' cannot hold the value "one".`);
  });

  it("refuses to increment a string variable", async () => {
    const r = await run({ Init: init("s", "string", "a"), Inc: { type: "IncrementVariable", inputs: { name: "s" }, runAfter: { Init: ["Succeeded"] } } });
    expect(r.actions.Inc.status).to.equal("Failed");
  });
});
