import { expect } from "chai";
import { ScriptedServer, outputsOf, run, statusesOf, refusal } from "./helpers";

const init = (name: string, type: string, value: unknown) => ({ type: "InitializeVariable", inputs: { variables: [{ name, type, value }] } });
const after = (name: string, ...statuses: string[]) => ({ [name]: statuses.length ? statuses : ["Succeeded"] });

describe("local engine: control actions", () => {
  it("Foreach runs every item with items() and counts repetitions", async () => {
    const r = await run({
      Init: init("seen", "array", []),
      Loop: {
        type: "Foreach",
        foreach: "@createArray(1, 2, 3)",
        actions: { Add: { type: "AppendToArrayVariable", inputs: { name: "seen", value: "@mul(items('Loop'), 10)" } } },
        runAfter: after("Init"),
      },
      Show: { type: "Compose", inputs: "@variables('seen')", runAfter: after("Loop") },
    });
    expect((outputsOf(r, "Show") as number[]).sort()).to.deep.equal([10, 20, 30]);
    expect(r.actions.Add.executions).to.have.length(3);
  });

  it("Foreach keeps at most `repetitions` iterations in flight, and one under Sequential", async () => {
    const server = new ScriptedServer(() => ({ status: 200, body: {}, delayMs: 30 }));
    const url = await server.start();
    try {
      const loop = (extra: object) => ({
        Loop: { type: "Foreach", foreach: "@range(0, 12)", actions: { Call: { type: "Http", inputs: { method: "GET", uri: url } } }, ...extra },
      });
      await run(loop({ runtimeConfiguration: { concurrency: { repetitions: 4 } } }));
      expect(server.peakInFlight).to.equal(4);
      server.peakInFlight = 0;
      await run(loop({ operationOptions: "Sequential" }));
      expect(server.peakInFlight).to.equal(1);
    } finally {
      await server.stop();
    }
  });

  it("a failed repetition fails the Foreach, and the others still run", async () => {
    const r = await run({
      Loop: { type: "Foreach", foreach: "@createArray('1', 'x', '3')", actions: { Parse: { type: "Compose", inputs: "@int(item())" } } },
    });
    expect(r.actions.Loop.status).to.equal("Failed");
    expect(r.actions.Parse.executions.map((e) => e.status).sort()).to.deep.equal(["Failed", "Succeeded", "Succeeded"]);
    expect(r.status).to.equal("Failed");
  });

  it("Foreach over something that is not an array fails with Azure's message", async () => {
    const r = await run({ Loop: { type: "Foreach", foreach: "@json('{}')", actions: {} } });
    expect(r.actions.Loop.executions[0].error!.message).to.contain("The result must be a valid array");
  });

  it("Until runs its body before testing the condition, and stops at its count", async () => {
    const r = await run({
      Init: init("n", "integer", 0),
      Once: { type: "Until", expression: "@equals(1, 1)", limit: { count: 5 }, actions: { Inc: { type: "IncrementVariable", inputs: { name: "n" } } }, runAfter: after("Init") },
      Capped: {
        type: "Until",
        expression: "@equals(1, 2)",
        limit: { count: 3, timeout: "PT1H" },
        actions: { Inc2: { type: "IncrementVariable", inputs: { name: "n" } } },
        runAfter: after("Once"),
      },
      Show: { type: "Compose", inputs: "@variables('n')", runAfter: after("Capped") },
    });
    expect(outputsOf(r, "Show")).to.equal(4);
    expect(r.actions.Capped.status).to.equal("Succeeded");
  });

  it("Until ends when its condition holds, reading the last repetition's outputs", async () => {
    const r = await run({
      Init: init("n", "integer", 0),
      Loop: {
        type: "Until",
        expression: "@greaterOrEquals(outputs('Next'), 3)",
        limit: { count: 10 },
        actions: {
          Inc: { type: "IncrementVariable", inputs: { name: "n" } },
          Next: { type: "Compose", inputs: "@variables('n')", runAfter: after("Inc") },
        },
        runAfter: after("Init"),
      },
      After: { type: "Compose", inputs: "@outputs('Next')", runAfter: after("Loop") },
    });
    expect(outputsOf(r, "After")).to.equal(3);
    expect(r.actions.Next.executions).to.have.length(3);
  });

  it("Until goes on after a failed cycle, and takes the status of its last cycle", async () => {
    const loop = (stopAt: number) => ({
      Init: init("n", "integer", 0),
      Loop: {
        type: "Until",
        expression: `@equals(variables('n'), ${stopAt})`,
        limit: { count: 10 },
        actions: {
          Inc: { type: "IncrementVariable", inputs: { name: "n" } },
          FailOnFirst: { type: "Compose", inputs: "@json(if(equals(variables('n'), 1), '{', '1'))", runAfter: after("Inc") },
        },
        runAfter: after("Init"),
      },
    });
    const recovered = await run(loop(2));
    expect(recovered.actions.Loop.status).to.equal("Succeeded");
    expect(recovered.actions.Inc.executions).to.have.length(2);
    const failedLast = await run(loop(1));
    expect(failedLast.actions.Loop.status).to.equal("Failed");
  });

  it("a Foreach nested in a Foreach runs one repetition at a time", async () => {
    const server = new ScriptedServer(() => ({ status: 200, body: {}, delayMs: 20 }));
    const url = await server.start();
    try {
      await run({
        Outer: {
          type: "Foreach",
          foreach: "@range(0, 2)",
          runtimeConfiguration: { concurrency: { repetitions: 1 } },
          actions: { Inner: { type: "Foreach", foreach: "@range(0, 5)", actions: { Call: { type: "Http", inputs: { method: "GET", uri: url } } } } },
        },
      });
      expect(server.requests).to.have.length(10);
      expect(server.peakInFlight).to.equal(1);
    } finally {
      await server.stop();
    }
  });

  it("If runs one branch and marks the other Skipped; the object form of conditions works too", async () => {
    const r = await run({
      Cond: {
        type: "If",
        expression: { and: [{ equals: ["@add(1, 1)", 2] }, { not: { greater: [1, 2] } }] },
        actions: { Yes: { type: "Compose", inputs: "yes" } },
        else: { actions: { No: { type: "Compose", inputs: "no" } } },
      },
    });
    expect(statusesOf(r)).to.deep.equal({ Cond: "Succeeded", Yes: "Succeeded", No: "Skipped" });
  });

  it("If refuses a condition that is not a boolean", async () => {
    const r = await run({ Cond: { type: "If", expression: "@'true'", actions: {} } });
    expect(r.actions.Cond.executions[0].error!.message).to.equal(`The expression of 'Cond' must evaluate to a boolean, got "true".`);
  });

  it("Switch runs the matching case, else the default", async () => {
    const sw = (value: string) => ({
      S: {
        type: "Switch",
        expression: value,
        cases: { A: { case: "a", actions: { InA: { type: "Compose", inputs: 1 } } } },
        default: { actions: { InDefault: { type: "Compose", inputs: 2 } } },
      },
    });
    expect(statusesOf(await run(sw("a")))).to.deep.equal({ S: "Succeeded", InA: "Succeeded", InDefault: "Skipped" });
    expect(statusesOf(await run(sw("z")))).to.deep.equal({ S: "Succeeded", InA: "Skipped", InDefault: "Succeeded" });
  });

  it("a Scope is Failed when its last action fails, and its handler runs", async () => {
    const r = await run({
      Try: { type: "Scope", actions: { Bad: { type: "Compose", inputs: "@json('{')" } } },
      Catch: { type: "Compose", inputs: "@result('Try')[0]['status']", runAfter: after("Try", "Failed") },
    });
    expect(r.actions.Try.status).to.equal("Failed");
    expect(outputsOf(r, "Catch")).to.equal("Failed");
    expect(r.status).to.equal("Succeeded");
  });

  it("Terminate ends the run with its status and error; nothing after it runs", async () => {
    const r = await run({
      Stop: { type: "Terminate", inputs: { runStatus: "Failed", runError: { code: "Nope", message: "stopped" } } },
      Later: { type: "Compose", inputs: 1, runAfter: after("Stop") },
    });
    expect(r.status).to.equal("Failed");
    expect(r.error).to.deep.equal({ code: "Nope", message: "stopped" });
    expect(r.actions.Later).to.equal(undefined);
  });

  it("Terminate inside a loop is refused", async () => {
    const r = await run({ Loop: { type: "Foreach", foreach: "@range(0, 1)", actions: { Stop: { type: "Terminate", inputs: { runStatus: "Cancelled" } } } } });
    expect(refusal(r).message).to.equal("The workflow definition is not valid: actions.Loop.actions.Stop: Terminate is not allowed inside Foreach or Until");
  });

  it("Response records what the caller gets", async () => {
    const r = await run({ Reply: { type: "Response", inputs: { statusCode: 202, body: { ok: "@true" } } } });
    expect(r.response).to.deep.equal({ statusCode: 202, headers: undefined, body: { ok: true } });
  });
});
