import { expect } from "chai";
import { EvaluationError, evaluateExpression, evaluateString, evaluateValue } from "../../../../local/engine/expression/evaluate";
import { parseExpression } from "../../../../workflows/expression/parser";
import { FakeState, errorOf, ev, fakeScope } from "./fakeScope";

const state: FakeState = {
  parameters: { vault: "https://v.vault.azure.net/", count: 3, flag: true },
  variables: { list: [1, 2], obj: { a: { b: null } } },
  actions: { Get: { name: "Get", status: "Succeeded", outputs: { statusCode: 200, body: { value: [{ id: "https://v/secrets/a" }], nextLink: null } } } },
};
const scope = fakeScope(state);
const str = (text: string) => evaluateString(text, scope);

describe("expression evaluator", () => {
  describe("templates (evaluateString)", () => {
    it("reads a string without @ as literal text, and @@ as an escaped @", () => {
      expect(str("plain text")).to.equal("plain text");
      expect(str("@@home")).to.equal("@home");
      expect(str("mail a@b.c")).to.equal("mail a@b.c");
      expect(str("cost: @@{x}")).to.equal("cost: @{x}");
    });

    it("keeps the JSON type of a whole-value expression", () => {
      expect(str("@parameters('count')")).to.equal(3);
      expect(str("@variables('list')")).to.deep.equal([1, 2]);
      expect(str("@true")).to.equal(true);
      expect(str("@null")).to.equal(null);
      expect(str("@'it''s'")).to.equal("it's");
      expect(str("@-1.5")).to.equal(-1.5);
    });

    it("turns an interpolation into a string: numbers as text, objects and arrays as JSON, null as nothing", () => {
      expect(str("@{parameters('count')}")).to.equal("3");
      expect(str("n=@{parameters('count')}, list=@{variables('list')}, none=@{null}.")).to.equal("n=3, list=[1,2], none=.");
      expect(str("obj=@{variables('obj')}")).to.equal('obj={"a":{"b":null}}');
      expect(str("flag=@{parameters('flag')}, half=@{div(1, 2.0)}")).to.equal("flag=true, half=0.5");
    });

    it("reports a syntax error as an EvaluationError quoting the text", () => {
      expect(() => str("@concat('a'")).to.throw(EvaluationError, "The template language expression '@concat('a'' is not valid");
    });
  });

  describe("evaluateValue", () => {
    it("walks objects and arrays, evaluating values and keys, and returns a new value", () => {
      const input = { "@{parameters('count')}": ["@add(1, 1)", { x: "@@y", n: 5, t: true, z: null }], "k-@{variables('list')[1]}": "v" };
      const out = evaluateValue(input, scope);
      expect(out).to.deep.equal({ 3: [2, { x: "@y", n: 5, t: true, z: null }], "k-2": "v" });
      expect(input).to.deep.equal({ "@{parameters('count')}": ["@add(1, 1)", { x: "@@y", n: 5, t: true, z: null }], "k-@{variables('list')[1]}": "v" });
    });
  });

  describe("function calls", () => {
    it("matches function names in any case", () => {
      expect(ev("CONCAT('a', ToUpper('b'))")).to.equal("aB");
    });

    it("names an unknown function", () => {
      expect(errorOf("nope(1)")).to.equal("The template function 'nope' is not defined or not valid.");
    });

    it("names the function when the argument count is wrong", () => {
      expect(errorOf("concat('a')")).to.equal("The template language function 'concat' expects at least 2 parameters but was given 1.");
      expect(errorOf("toLower('a', 'b')")).to.equal("The template language function 'toLower' expects 1 parameter but was given 2.");
      expect(errorOf("substring('a')")).to.equal("The template language function 'substring' expects between 2 and 3 parameters but was given 1.");
    });

    it("passes an error of the scope through", () => {
      expect(errorOf("variables('missing')", state)).to.equal("The variable 'missing' is not initialized.");
    });
  });

  describe("dereferences", () => {
    it("selects properties with . and [], and array items by index", () => {
      expect(ev("body('Get')['value'][0].id", state)).to.equal("https://v/secrets/a");
      expect(ev("outputs('Get').statusCode", state)).to.equal(200);
      expect(ev("body('Get')['value'][sub(length(body('Get')['value']), 1)]['id']", state)).to.equal("https://v/secrets/a");
    });

    it("fails on a missing property, listing the available ones, unless the access is null-safe", () => {
      expect(errorOf("body('Get')['missing']", state)).to.equal(
        "The template language expression 'body('Get')['missing']' cannot be evaluated because property 'missing' doesn't exist, available properties are 'value, nextLink'. Please see https://aka.ms/logicexpressions for usage details.",
      );
      expect(ev("body('Get')?['missing']", state)).to.equal(null);
      expect(ev("body('Get')?.missing?.deeper", state)).to.equal(null);
    });

    it("fails on selecting from null unless the access is null-safe", () => {
      expect(errorOf("body('Get')['nextLink']['x']", state)).to.contain("property 'x' cannot be selected. Property selection is not supported on values of type 'Null'");
      expect(ev("body('Get')['nextLink']?['x']", state)).to.equal(null);
    });

    it("fails on an array index out of bounds unless the access is null-safe", () => {
      expect(errorOf("variables('list')[5]", state)).to.contain("array index '5' is outside bounds (0, 1) of array");
      expect(ev("variables('list')?[5]", state)).to.equal(null);
      expect(errorOf("variables('list')['a']", state)).to.contain("Array elements can only be selected using an integer index");
    });

    it("matches property names case-sensitively", () => {
      expect(errorOf("body('Get')['Value']", state)).to.contain("property 'Value' doesn't exist");
      expect(ev("body('Get')?['Value']", state)).to.equal(null);
    });

    it("refuses to select a property of a string or a number", () => {
      expect(errorOf("parameters('vault').length", state)).to.contain("Property selection is not supported on values of type 'String'");
    });
  });

  describe("numbers", () => {
    it("reads a literal with a point or an exponent as a float, and hands out plain numbers", () => {
      expect(ev("div(11, 5.0)")).to.equal(2.2);
      expect(ev("div(10, 1e1)")).to.equal(1);
      const whole = evaluateExpression(parseExpression("float('10')"), scope);
      expect(whole).to.be.a("number").and.equal(10);
      expect(evaluateValue(["@createArray(1.0, decimal('2.50'))"], scope)).to.deep.equal([[1, 2.5]]);
      expect(JSON.stringify(ev("array(mul(1.5, 2))"))).to.equal("[3]");
    });
  });

  describe("the 131,072-character expression evaluation limit", () => {
    const LIMIT = 131_072;
    const text = (n: number) => "a".repeat(n);
    const b64 = (n: number) => Buffer.from(text(n)).toString("base64");
    const with_ = (reading: "documented" | "strict"): FakeState => ({
      variables: { exact: text(LIMIT), over: text(LIMIT + 1), half: text(LIMIT / 2), b64exact: b64(LIMIT), b64over: b64(LIMIT + 1), jsonOver: JSON.stringify(text(LIMIT - 1)) },
      expressionLimit: reading,
    });

    it("stops concat(), base64() and string() one character past the limit, under either reading", () => {
      for (const reading of ["documented", "strict"] as const) {
        expect(ev("length(concat(variables('half'), variables('half')))", with_(reading))).to.equal(LIMIT);
        expect(errorOf("concat(variables('exact'), 'b')", with_(reading))).to.equal(
          "The template language function 'concat' produced a string of 131073 characters, which exceeds the expression evaluation limit of 131072 characters.",
        );
        expect(errorOf("string(createArray(variables('exact'), 1))", with_(reading))).to.contain("'string' produced a string of 131078 characters");
        expect(ev("length(base64(variables('half')))", with_(reading))).to.equal(87_384);
        expect(errorOf("base64(concat(variables('half'), variables('half')))", with_(reading))).to.contain("'base64' produced a string of 174764 characters");
      }
    });

    it("applies to base64ToString() and json() only under the strict reading", () => {
      expect(ev("length(base64ToString(variables('b64exact')))", with_("strict"))).to.equal(LIMIT);
      expect(errorOf("base64ToString(variables('b64over'))", with_("strict"))).to.contain("'base64ToString' produced a string of 131073 characters");
      expect(ev("length(base64ToString(variables('b64over')))", with_("documented"))).to.equal(LIMIT + 1);
      expect(errorOf("json(variables('jsonOver'))", with_("strict"))).to.contain("'json' was given a string of 131073 characters");
      expect(ev("length(json(variables('jsonOver')))", with_("documented"))).to.equal(LIMIT - 1);
    });

    it("limits a string interpolation as it limits concat(), and decodeBase64() as base64ToString()", () => {
      const half = "h".repeat(LIMIT / 2);
      const scope = fakeScope({ variables: { half, over: "o".repeat(LIMIT) }, expressionLimit: "documented" });
      expect((evaluateString("@{variables('half')}@{variables('half')}", scope) as string).length).to.equal(LIMIT);
      expect(() => evaluateString("@{variables('over')}!", scope)).to.throw(
        "The string interpolation produced a string of 131073 characters, which exceeds the expression evaluation limit of 131072 characters.",
      );
      expect(errorOf("decodeBase64(variables('b64over'))", with_("strict"))).to.contain("'decodeBase64' produced a string of 131073 characters");
    });

    it("does not limit what only refers to a long value", () => {
      expect(ev("length(variables('over'))", with_("strict"))).to.equal(LIMIT + 1);
      expect(ev("length(substring(variables('over'), 0, 131073))", with_("strict"))).to.equal(LIMIT + 1);
    });
  });
});
