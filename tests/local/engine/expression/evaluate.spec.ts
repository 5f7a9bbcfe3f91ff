import { expect } from "chai";
import { EvaluationError, evaluateString, evaluateValue } from "../../../../local/engine/expression/evaluate";
import { fakeScope } from "./fakeScope";

const scope = fakeScope({
  parameters: { vault: "https://v.vault.azure.net/", count: 3 },
  variables: { list: [1, 2] },
  actions: { Get: { name: "Get", status: "Succeeded", outputs: { statusCode: 200, body: { value: [{ id: "https://v/secrets/a" }], nextLink: null } } } },
  trigger: { name: "manual", outputs: { body: { backup: "b.json" } }, startTime: "", endTime: "" },
});
const ev = (text: string) => evaluateString(text, scope);
const errorOf = (text: string): string => {
  try {
    ev(text);
  } catch (err) {
    expect(err).to.be.instanceOf(EvaluationError);
    return (err as Error).message;
  }
  throw new Error(`expected ${text} to fail`);
};

describe("expression evaluator: templates", () => {
  it("keeps a whole-value expression's type and turns interpolations into strings", () => {
    expect(ev("@parameters('count')")).to.equal(3);
    expect(ev("@{parameters('count')}")).to.equal("3");
    expect(ev("n=@{parameters('count')}, list=@{variables('list')}, none=@{null}.")).to.equal("n=3, list=[1,2], none=.");
  });

  it("reads literals, @@ escapes and doubled quotes", () => {
    expect(ev("plain text")).to.equal("plain text");
    expect(ev("@@home")).to.equal("@home");
    expect(ev("@'it''s'")).to.equal("it's");
    expect(ev("@true")).to.equal(true);
    expect(ev("@null")).to.equal(null);
    expect(ev("@-1.5")).to.equal(-1.5);
  });

  it("dereferences with ., [] and ?[], failing on a missing property unless null-safe", () => {
    expect(ev("@body('Get')['value'][0].id")).to.equal("https://v/secrets/a");
    expect(ev("@body('Get')?['missing']?['deeper']")).to.equal(null);
    expect(errorOf("@body('Get')['missing']")).to.equal(
      "The template language expression cannot be evaluated because property 'missing' doesn't exist, available properties are 'value, nextLink'.",
    );
    expect(errorOf("@body('Get')['nextLink']['x']")).to.contain("Property selection is not supported on values of type 'Null'");
    expect(errorOf("@variables('list')[5]")).to.contain("array index '5' is outside bounds");
  });

  it("reads workflow state through the scope", () => {
    expect(ev("@triggerBody()?['backup']")).to.equal("b.json");
    expect(ev("@outputs('Get')['statusCode']")).to.equal(200);
    expect(ev("@actions('Get').status")).to.equal("Succeeded");
    expect(ev("@workflow().run.name")).to.equal("run-1");
  });

  it("names an unknown function, a wrong argument count and a failing function", () => {
    expect(errorOf("@nope(1)")).to.equal("The template function 'nope' is not defined or not valid.");
    expect(errorOf("@concat('a')")).to.equal("The template language function 'concat' expects at least 2 parameter(s), got 1.");
    expect(errorOf("@json('{')")).to.match(/^The template language function 'json' failed: json: the value '\{' is not valid JSON/);
  });

  it("evaluates nested objects, object keys included", () => {
    expect(evaluateValue({ "@{parameters('count')}": ["@add(1, 1)", { x: "@@y" }] }, scope)).to.deep.equal({ 3: [2, { x: "@y" }] });
  });

  it("is case-insensitive in function names", () => {
    expect(ev("@CONCAT('a', ToUpper('b'))")).to.equal("aB");
  });
});
