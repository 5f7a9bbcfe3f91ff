import { expect } from "chai";
import type { ExpressionNode, FunctionCall } from "../../../workflows/expression/ast";
import {
  containsExpression,
  ExpressionSyntaxError,
  forEachCall,
  parseExpression,
  parseTemplate,
  renderExpression,
} from "../../../workflows/expression/parser";

const str = (value: string, position: number): ExpressionNode => ({ kind: "string", value, position });

function syntaxError(run: () => unknown): ExpressionSyntaxError {
  try {
    run();
  } catch (err) {
    expect(err).to.be.instanceOf(ExpressionSyntaxError);
    return err as ExpressionSyntaxError;
  }
  throw new Error("expected an ExpressionSyntaxError");
}

function callNames(text: string): string[] {
  const names: string[] = [];
  forEachCall(parseExpression(text), (call) => names.push(call.name));
  return names;
}

describe("parseExpression", () => {
  describe("literals", () => {
    it("reads single-quoted strings, doubling '' as the escape", () => {
      expect(parseExpression("'Sophia Owen'")).to.deep.equal(str("Sophia Owen", 0));
      expect(parseExpression("'it''s'")).to.deep.equal(str("it's", 0));
      expect(parseExpression("''''")).to.deep.equal(str("'", 0));
      expect(parseExpression("''")).to.deep.equal(str("", 0));
      expect(parseExpression("'a } b @{ c'")).to.deep.equal(str("a } b @{ c", 0));
    });

    it("reads integers, decimals, signed numbers, leading-dot decimals and exponents", () => {
      const numbers: Array<[string, number]> = [
        ["42", 42], ["1.5", 1.5], ["-2", -2], ["+3", 3], [".3", 0.3], ["-.5", -0.5], ["1e3", 1000], ["2.5E-1", 0.25],
      ];
      for (const [text, value] of numbers) {
        expect(parseExpression(text), text).to.deep.equal({ kind: "number", value, raw: text, position: 0 });
      }
    });

    it("reads true, false and null in any letter case", () => {
      expect(parseExpression("true")).to.deep.equal({ kind: "boolean", value: true, position: 0 });
      expect(parseExpression(" false ")).to.deep.equal({ kind: "boolean", value: false, position: 1 });
      expect(parseExpression("TRUE")).to.deep.equal({ kind: "boolean", value: true, position: 0 });
      expect(parseExpression("null")).to.deep.equal({ kind: "null", value: null, position: 0 });
      expect(parseExpression("Null")).to.deep.equal({ kind: "null", value: null, position: 0 });
    });
  });

  describe("function calls", () => {
    it("parses nested calls with positions (docs: concat of two parameters)", () => {
      expect(parseExpression("concat(parameters('firstName'), parameters('lastName'))")).to.deep.equal({
        kind: "call",
        name: "concat",
        position: 0,
        args: [
          { kind: "call", name: "parameters", position: 7, args: [str("firstName", 18)] },
          { kind: "call", name: "parameters", position: 32, args: [str("lastName", 43)] },
        ],
      });
    });

    it("parses calls without arguments and mixed literal arguments, across newlines", () => {
      expect(parseExpression("utcNow()")).to.deep.equal({ kind: "call", name: "utcNow", args: [], position: 0 });
      const call = parseExpression("if(equals(1, 1),\n  'yes', null)") as FunctionCall;
      expect(call.args.map((a) => a.kind)).to.deep.equal(["call", "string", "null"]);
      expect(parseExpression("add(1, -2)")).to.deep.include({ name: "add" });
    });
  });

  describe("dereferences", () => {
    it("reads .x as a string-literal property (docs: actions('Get_user').outputs.body.status)", () => {
      const target: ExpressionNode = { kind: "call", name: "actions", args: [str("Get_user", 8)], position: 0 };
      expect(parseExpression("actions('Get_user').outputs")).to.deep.equal({
        kind: "member", target, property: str("outputs", 20), safe: false, dot: true, position: 19,
      });
    });

    it("reads ['x'], [0] and [expr] with the bracketed expression as property", () => {
      const twitter = parseExpression("parameters('$connections')['twitter']") as Extract<ExpressionNode, { kind: "member" }>;
      expect(twitter.property).to.deep.equal(str("twitter", 27));
      expect(twitter).to.deep.include({ safe: false, dot: false, position: 26 });
      const index = parseExpression("body('A')[0]") as Extract<ExpressionNode, { kind: "member" }>;
      expect(index.property).to.deep.equal({ kind: "number", value: 0, raw: "0", position: 10 });
      const computed = parseExpression("body('A')[variables('i')]") as Extract<ExpressionNode, { kind: "member" }>;
      expect(computed.property).to.deep.include({ kind: "call", name: "variables" });
    });

    it("marks ?['x'] and ?.x as safe (docs: triggerBody()?['123'], trigger().outputs?.body)", () => {
      expect(parseExpression("triggerBody()?['123']")).to.deep.include({ safe: true, dot: false, position: 13 });
      expect(parseExpression("trigger().outputs?.body")).to.deep.include({ safe: true, dot: true, position: 17 });
    });

    it("chains dereferences left to right: body('A')?['value'][0].id", () => {
      const body: ExpressionNode = { kind: "call", name: "body", args: [str("A", 5)], position: 0 };
      const value: ExpressionNode = { kind: "member", target: body, property: str("value", 11), safe: true, dot: false, position: 9 };
      const zero: ExpressionNode = { kind: "number", value: 0, raw: "0", position: 20 };
      const first: ExpressionNode = { kind: "member", target: value, property: zero, safe: false, dot: false, position: 19 };
      expect(parseExpression("body('A')?['value'][0].id")).to.deep.equal({
        kind: "member", target: first, property: str("id", 23), safe: false, dot: true, position: 22,
      });
    });

    it("accepts property names with characters other languages reject", () => {
      expect(parseExpression("outputs('HTTP').headers.Content-Type")).to.deep.include({ property: str("Content-Type", 24) });
    });
  });

  describe("syntax errors", () => {
    const cases: Array<[string, string]> = [
      ["concat('a'", `Expression "concat('a'" at position 10: expected ')' but reached the end`],
      ["concat('a' 'b')", `Expression "concat('a' 'b')" at position 11: expected ',' or ')' but found string 'b'`],
      ["concat('a", `Expression "concat('a" at position 7: unterminated string literal`],
      ["f(1,)", `Expression "f(1,)" at position 4: expected an argument but found ')'`],
      ["f(,1)", `Expression "f(,1)" at position 2: expected an argument but found ','`],
      ["", `Expression "" at position 0: expected an expression but reached the end`],
      ["   ", `Expression "   " at position 3: expected an expression but reached the end`],
      ["foo", `Expression "foo" at position 0: bare identifier 'foo' is not allowed: expected '(' to call a function, or true, false or null`],
      ["concat(x, 'a')", `Expression "concat(x, 'a')" at position 7: bare identifier 'x' is not allowed: expected '(' to call a function, or true, false or null`],
      ["concat('a'))", `Expression "concat('a'))" at position 11: unexpected ')' after the end of the expression`],
      ["utcNow() utcNow()", `Expression "utcNow() utcNow()" at position 9: unexpected identifier 'utcNow' after the end of the expression`],
      ["'a'.length", `Expression "'a'.length" at position 3: unexpected '.' after the end of the expression`],
      ["body('A')['x'", `Expression "body('A')['x'" at position 13: expected ']' but reached the end`],
      ["body('A')[]", `Expression "body('A')[]" at position 10: expected an expression but found ']'`],
      ["body('A'))['x']", `Expression "body('A'))['x']" at position 9: unexpected ')' after the end of the expression`],
      ["body('A').", `Expression "body('A')." at position 10: expected a property name after '.' but reached the end`],
      ["body('A').0", `Expression "body('A').0" at position 10: expected a property name after '.' but found number 0`],
      ["body('A')?", `Expression "body('A')?" at position 10: expected '.' or '[' after '?' but reached the end`],
      ["body('A')?x", `Expression "body('A')?x" at position 10: expected '.' or '[' after '?' but found identifier 'x'`],
      ["length(\"Hello\")", `Expression "length("Hello")" at position 7: unexpected character '"' (string literals use single quotes)`],
      ["concat('a', {})", `Expression "concat('a', {})" at position 12: unexpected character '{'`],
      ["add(1, -)", `Expression "add(1, -)" at position 8: expected a digit after '-'`],
      ["add(1, 2.)", `Expression "add(1, 2.)" at position 9: expected a digit after '.'`],
      ["add(1, 2e)", `Expression "add(1, 2e)" at position 9: expected a digit in the exponent`],
      ["add(12abc, 1)", `Expression "add(12abc, 1)" at position 6: unexpected character 'a' after number`],
      ["length([1, 2, 3])", `Expression "length([1, 2, 3])" at position 7: expected an argument but found '['`],
      ["true()", `Expression "true()" at position 4: unexpected '(' after the end of the expression`],
    ];
    for (const [text, message] of cases) {
      it(`rejects ${JSON.stringify(text)}`, () => {
        expect(syntaxError(() => parseExpression(text)).message).to.equal(message);
      });
    }

    it("exposes position, source text and detail separately", () => {
      const err = syntaxError(() => parseExpression("concat('a'"));
      expect(err).to.deep.include({ position: 10, expression: "concat('a'", detail: "expected ')' but reached the end", name: "ExpressionSyntaxError" });
    });
  });
});

describe("renderExpression", () => {
  const docsExamples = [
    "parameters('customerName')",
    "concat('Sophia', 'Owen')",
    "actions('Get_user').outputs.body.status",
    "parameters('$connections')['twitter']['connectionId']",
    "triggerBody()?['123']",
    "coalesce(trigger().outputs?.body?.someProperty, 'default')",
    "body('A')?['value'][0].id",
    "addDays('2018-03-15T00:00:00Z', -5)",
    "sub(10.3, .3)",
    "replace('it''s', '''', '\"')",
    "json('{\"fullName\": \"Sophia Owen\"}')",
    "xpath(xml(parameters('items')), '//name[@expired = ''true'']')",
    "if(equals(1, 1), 'yes', null)",
    "workflow()['tags']['environmentName']",
  ];
  for (const text of docsExamples) {
    it(`round-trips ${text}`, () => {
      expect(renderExpression(parseExpression(text))).to.equal(text);
    });
  }

  it("normalises spacing and keyword case", () => {
    expect(renderExpression(parseExpression(" concat( 'a' ,'b',TRUE ,NULL ) "))).to.equal("concat('a', 'b', true, null)");
  });

  it("renders built nodes: quotes escaped, dot only for plain names, numbers without raw", () => {
    const target: ExpressionNode = { kind: "call", name: "body", args: [str("A", 0)], position: 0 };
    const spaced: ExpressionNode = { kind: "member", target, property: str("has space", 0), safe: true, dot: true, position: 0 };
    expect(renderExpression(spaced)).to.equal("body('A')?['has space']");
    expect(renderExpression({ kind: "member", target, property: str("x", 0), safe: false, position: 0 })).to.equal("body('A')['x']");
    expect(renderExpression(str("O'Neil", 0))).to.equal("'O''Neil'");
    expect(renderExpression({ kind: "number", value: -1.5, position: 0 })).to.equal("-1.5");
    expect(() => renderExpression({ kind: "number", value: NaN, position: 0 })).to.throw(RangeError);
  });
});

describe("forEachCall", () => {
  it("visits every call, outer first, including calls inside dereferences", () => {
    expect(callNames("concat(body('A')?[variables('key')], item().id, 'x')")).to.deep.equal(["concat", "body", "variables", "item"]);
    expect(callNames("'just a string'")).to.deep.equal([]);
  });

  it("walks whole-value and interpolated templates", () => {
    const names: string[] = [];
    forEachCall(parseTemplate("a @{outputs('X')} b @{items('Loop')?['id']}"), (c) => names.push(c.name));
    forEachCall(parseTemplate("@triggerBody()"), (c) => names.push(c.name));
    forEachCall(parseTemplate("plain"), (c) => names.push(c.name));
    expect(names).to.deep.equal(["outputs", "items", "triggerBody"]);
  });
});

describe("parseTemplate", () => {
  it("treats \"@expr\" as a whole-value expression (docs: @parameters('myAge'))", () => {
    expect(parseTemplate("@parameters('myAge')")).to.deep.equal({
      kind: "expression",
      expression: { kind: "call", name: "parameters", args: [str("myAge", 11)], position: 0 },
    });
    expect(parseTemplate("@true")).to.deep.equal({ kind: "expression", expression: { kind: "boolean", value: true, position: 0 } });
  });

  it("treats a leading @@ as an escaped literal @, interpreting nothing after it", () => {
    expect(parseTemplate("@@")).to.deep.equal({ kind: "literal", value: "@" });
    expect(parseTemplate("@@parameters('x')")).to.deep.equal({ kind: "literal", value: "@parameters('x')" });
    expect(parseTemplate("@@{parameters('x')} @{y()}")).to.deep.equal({ kind: "literal", value: "@{parameters('x')} @{y()}" });
  });

  it("leaves strings without a leading @ or an @{ untouched (docs table)", () => {
    for (const text of ["Sophia Owen", "array[1]", " @", "@", "a@b", "a@@b", "text/@concat('a')/text", ""]) {
      expect(parseTemplate(text), text).to.deep.equal({ kind: "literal", value: text });
    }
  });

  it("interpolates @{...} segments (docs: First name / Last name)", () => {
    expect(parseTemplate("First name: @{parameters('firstName')} Last name: @{parameters('lastName')}")).to.deep.equal({
      kind: "interpolation",
      parts: [
        "First name: ",
        { kind: "call", name: "parameters", args: [str("firstName", 11)], position: 0 },
        " Last name: ",
        { kind: "call", name: "parameters", args: [str("lastName", 11)], position: 0 },
      ],
    });
  });

  it("keeps a lone @{...} an interpolation, whose result is a string (docs: @{parameters('myAge')} is \"42\")", () => {
    expect(parseTemplate("@{parameters('myAge')}")).to.deep.equal({
      kind: "interpolation",
      parts: [{ kind: "call", name: "parameters", args: [str("myAge", 11)], position: 0 }],
    });
  });

  it("reads @@{ as a literal @{ (docs: My age is @@{parameters('myAge')})", () => {
    expect(parseTemplate("My age is @@{parameters('myAge')}")).to.deep.equal({ kind: "literal", value: "My age is @{parameters('myAge')}" });
    expect(parseTemplate("a@@{b}@{c()}d")).to.deep.equal({
      kind: "interpolation",
      parts: ["a@{b}", { kind: "call", name: "c", args: [], position: 0 }, "d"],
    });
  });

  it("does not end a segment at a } inside a quoted string, including after '' escapes", () => {
    const template = parseTemplate("x @{concat('}', 'it''s }')} y");
    expect(template).to.deep.equal({
      kind: "interpolation",
      parts: ["x ", { kind: "call", name: "concat", args: [str("}", 7), str("it's }", 12)], position: 0 }, " y"],
    });
  });

  it("lets quoted braces through but ends the segment at the first unquoted }", () => {
    expect(parseTemplate("@{json('{')}x}")).to.deep.equal({
      kind: "interpolation",
      parts: [{ kind: "call", name: "json", args: [str("{", 5)], position: 0 }, "x}"],
    });
  });

  it("handles adjacent segments", () => {
    const template = parseTemplate("@{a()}@{b()}");
    expect(template.kind === "interpolation" && template.parts.map((p) => (typeof p === "string" ? p : renderExpression(p)))).to.deep.equal(["a()", "b()"]);
  });

  const errors: Array<[string, string]> = [
    ["@concat('a') tail", `Expression "concat('a') tail" at position 12: unexpected identifier 'tail' after the end of the expression`],
    ["Hello @{concat('a',)}", `Expression "concat('a',)" at position 11: expected an argument but found ')'`],
    ["Hi @{x()", `Expression "Hi @{x()" at position 8: expected '}' to close the '@{' at position 3 but reached the end`],
    ["@{concat('a)}", `Expression "@{concat('a)}" at position 9: unterminated string literal`],
    ["@{}", `Expression "" at position 0: expected an expression but reached the end`],
    ["@{a{b}", `Expression "a{b" at position 1: unexpected character '{'`],
  ];
  for (const [value, message] of errors) {
    it(`rejects ${JSON.stringify(value)}`, () => {
      expect(syntaxError(() => parseTemplate(value)).message).to.equal(message);
    });
  }
});

describe("containsExpression", () => {
  it("is true exactly when the runtime would evaluate something", () => {
    const cases: Array<[string, boolean]> = [
      ["@parameters('x')", true], ["a @{x()} b", true], ["@{x()}", true], ["@{broken(", true], ["@x(", true],
      ["@@parameters('x')", false], ["a@@{x()}", false], ["plain", false], ["@", false], [" @x()", false], ["", false],
    ];
    for (const [value, expected] of cases) expect(containsExpression(value), value).to.equal(expected);
  });
});
