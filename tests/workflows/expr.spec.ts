import { expect } from "chai";
import {
  Expr,
  actions,
  body,
  call,
  concat,
  emptyArray,
  encodeUriComponent,
  items,
  outputs,
  parameters,
  quote,
  runName,
  variables,
} from "../../workflows/expr";
import { parseExpression } from "../../workflows/expression/parser";

const named = (name: string) => ({ name });

describe("expr: Expr rendering", () => {
  describe("quote", () => {
    it("wraps text in single quotes and doubles an embedded quote", () => {
      expect(quote("plain")).to.equal("'plain'");
      expect(quote("it's")).to.equal("'it''s'");
      expect(quote("''")).to.equal("''''''");
      expect(quote("")).to.equal("''");
    });

    it("leaves @, braces and double quotes alone (they are not special inside a string literal)", () => {
      expect(quote(`a @{b} "c"`)).to.equal(`'a @{b} "c"'`);
    });
  });

  describe("call", () => {
    it("renders every argument kind: string literal, number, boolean, null and a nested Expr", () => {
      const inner = call("utcNow");
      expect(call("f", "it's", 3, -1.5, true, false, null, inner).text).to.equal("f('it''s', 3, -1.5, true, false, null, utcNow())");
    });

    it("renders a call without arguments as name()", () => {
      expect(call("triggerBody").text).to.equal("triggerBody()");
    });

    it("produces text the expression parser reads back as the same call tree", () => {
      const text = concat(parameters(named("vaultBaseUrl")), "it's/", 25).text;
      const node = parseExpression(text);
      expect(node).to.include({ kind: "call", name: "concat" });
      const args = node.kind === "call" ? node.args : [];
      expect(args.map((a) => a.kind)).to.deep.equal(["call", "string", "number"]);
      expect(args[1]).to.include({ kind: "string", value: "it's/" });
    });
  });

  describe("prop and at", () => {
    it("prop is a null-safe bracket access with a quoted name", () => {
      expect(body(named("List")).prop("value").text).to.equal("body('List')?['value']");
      expect(body(named("List")).prop("it's").text).to.equal("body('List')?['it''s']");
    });

    it("prop keeps names that are not identifiers (dots, dashes, $) intact", () => {
      expect(body(named("Get")).prop("$content").prop("a.b-c").text).to.equal("body('Get')?['$content']?['a.b-c']");
    });

    it("at indexes an array with a plain integer", () => {
      expect(body(named("List")).at(0).prop("id").text).to.equal("body('List')[0]?['id']");
    });

    it("chains parse as dereferences of the call", () => {
      const node = parseExpression(body(named("List")).at(2).prop("id").text);
      expect(node).to.include({ kind: "member", safe: true });
    });

    it("returns a new Expr and leaves the original unchanged", () => {
      const base = variables(named("x"));
      base.prop("a");
      expect(base.text).to.equal("variables('x')");
    });
  });

  describe("workflow helpers refer to handles by name", () => {
    it("renders the named-reference functions", () => {
      const h = named("Back_up_secret");
      expect(parameters(named("$connections")).text).to.equal("parameters('$connections')");
      expect(variables(named("failures")).text).to.equal("variables('failures')");
      expect(body(h).text).to.equal("body('Back_up_secret')");
      expect(outputs(h).text).to.equal("outputs('Back_up_secret')");
      expect(actions(h).text).to.equal("actions('Back_up_secret')");
      expect(items(named("Loop")).text).to.equal("items('Loop')");
    });

    it("renders the fixed helpers", () => {
      expect(runName().text).to.equal("workflow()?['run']?['name']");
      expect(emptyArray().text).to.equal("json('[]')");
      expect(encodeUriComponent(encodeUriComponent("a b")).text).to.equal("encodeURIComponent(encodeURIComponent('a b'))");
    });

    it("Expr.of keeps its text verbatim", () => {
      expect(Expr.of("x()").text).to.equal("x()");
    });
  });
});
