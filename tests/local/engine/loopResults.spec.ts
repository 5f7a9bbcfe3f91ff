import { expect } from "chai";
import { ScriptedServer, outputsOf, run } from "./helpers";

/**
 * result() over a For each, against the example in the functions reference (workflow-definition-language-
 * functions-reference.md, "result"): a Compose reads `@result('For_each')` after a loop holding one HTTP
 * action, and gets one entry named after that action whose `outputs` lists every iteration's inputs and outputs.
 */
describe("local engine: result() over a Foreach", () => {
  let server: ScriptedServer;
  let url: string;
  before(async () => {
    server = new ScriptedServer((req) => ({ status: req.url.endsWith("/b") ? 404 : 200, body: { path: req.url } }));
    url = await server.start();
  });
  after(() => server.stop());

  const documentedExample = () => ({
    Compose: { type: "Compose", inputs: "@result('For_each')", runAfter: { For_each: ["Succeeded", "Failed"] } },
    For_each: {
      type: "Foreach",
      foreach: "@triggerBody()",
      actions: { HTTP: { type: "Http", inputs: { method: "GET", uri: `@{'${url}'}/@{item()}` } } },
      runtimeConfiguration: { concurrency: { repetitions: 3 } },
    },
  });

  interface Rec {
    name: string;
    status: string;
    inputs: { uri: string; method: string };
    outputs: { statusCode: number; body: { path: string } };
  }

  it("answers the documented shape: one entry per action of the loop, every iteration under its outputs, in item order", async () => {
    const r = await run(documentedExample(), { trigger: { body: ["a", "b", "c", "d"] } });
    const result = outputsOf(r, "Compose") as Array<{ name: string; outputs: Rec[] }>;
    expect(result.map((e) => e.name)).to.deep.equal(["HTTP"]);
    expect(result[0].outputs.map((o) => o.inputs.uri)).to.deep.equal(["a", "b", "c", "d"].map((p) => `${url}/${p}`));
    expect(result[0].outputs.map((o) => [o.name, o.status, o.outputs.statusCode, o.outputs.body.path])).to.deep.equal([
      ["HTTP", "Succeeded", 200, "/a"],
      ["HTTP", "Failed", 404, "/b"],
      ["HTTP", "Succeeded", 200, "/c"],
      ["HTTP", "Succeeded", 200, "/d"],
    ]);
  });

  it("answers every iteration's records in one list under the flat reading", async () => {
    const r = await run(documentedExample(), { trigger: { body: ["a", "b"] }, loopResults: "flat" });
    const result = outputsOf(r, "Compose") as Rec[];
    expect(result.map((o) => [o.name, o.inputs.uri])).to.deep.equal([
      ["HTTP", `${url}/a`],
      ["HTTP", `${url}/b`],
    ]);
  });

  it("inside an Until, reads the loop as it ran in the current cycle only", async () => {
    const r = await run({
      Init: { type: "InitializeVariable", inputs: { variables: [{ name: "cycle", type: "integer", value: 0 }] } },
      Cycles: {
        type: "Until",
        expression: "@equals(variables('cycle'), 2)",
        limit: { count: 5 },
        runAfter: { Init: ["Succeeded"] },
        actions: {
          Loop: { type: "Foreach", foreach: "@range(0, add(variables('cycle'), 1))", actions: { Echo: { type: "Compose", inputs: "@items('Loop')" } } },
          Seen: { type: "Compose", inputs: "@length(first(result('Loop'))['outputs'])", runAfter: { Loop: ["Succeeded"] } },
          Next: { type: "IncrementVariable", inputs: { name: "cycle", value: 1 }, runAfter: { Seen: ["Succeeded"] } },
        },
      },
    });
    expect(r.actions.Seen.executions.map((e) => e.outputs)).to.deep.equal([1, 2]);
  });

  it("refuses to read a loop that has not run", async () => {
    const r = await run({
      Early: { type: "Compose", inputs: "@result('Loop')" },
      Loop: { type: "Foreach", foreach: "@range(0, 1)", actions: { Echo: { type: "Compose", inputs: 1 } }, runAfter: { Early: ["Succeeded", "Failed"] } },
    });
    expect(r.actions.Early.status).to.equal("Failed");
    expect(r.actions.Early.executions[0].error!.message).to.contain("result('Loop'): the loop has not run yet");
  });
});
