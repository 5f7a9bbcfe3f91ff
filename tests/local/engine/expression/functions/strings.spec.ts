import { expect } from "chai";
import { errorOf, ev } from "../fakeScope";

// Expected values are the results documented in Microsoft's "Reference guide to functions in expressions"
// (MicrosoftDocs/azure-docs, articles/logic-apps/expression-functions-reference.md), unless a comment says otherwise.
describe("expression functions: strings", () => {
  it("concat", () => {
    expect(ev("concat('Hello', 'World')")).to.equal("HelloWorld");
    // Not in the guide: other values join as text, null as nothing.
    expect(ev("concat('n=', 5, null)")).to.equal("n=5");
  });

  it("endsWith, ignoring case", () => {
    expect(ev("endsWith('hello world', 'world')")).to.equal(true);
    expect(ev("endsWith('hello world', 'universe')")).to.equal(false);
    expect(ev("endsWith('hello world', 'WORLD')")).to.equal(true);
  });

  it("startsWith, ignoring case", () => {
    expect(ev("startsWith('hello world', 'hello')")).to.equal(true);
    expect(ev("startsWith('hello world', 'greetings')")).to.equal(false);
    expect(ev("startsWith('hello world', 'Hello')")).to.equal(true);
  });

  it("formatNumber", () => {
    expect(ev("formatNumber(1234567890, '#,##0.00', 'en-US')")).to.equal("1,234,567,890.00");
    expect(ev("formatNumber(1234567890, '#,##0.00', 'is-IS')")).to.equal("1.234.567.890,00");
    expect(ev("formatNumber(17.35, 'C2')")).to.equal("$17.35");
    // The guide's formatNumber(17.35, 'C2', 'is-IS') is "17,35 kr"; Node's ICU writes "kr." (see locale.ts).
    expect(ev("formatNumber(0.5, '#.##')")).to.equal(".5"); // .NET custom format: no digit before the point
    expect(errorOf("formatNumber(1, 'N2', 'xx-nope-zz')")).to.contain("'formatNumber' was given the locale 'xx-nope-zz'");
  });

  it("guid, in the default D format and the N, B, P formats", () => {
    const hex = "[0-9a-f]";
    const d = `${hex}{8}-${hex}{4}-4${hex}{3}-[89ab]${hex}{3}-${hex}{12}`;
    expect(ev("guid()")).to.match(new RegExp(`^${d}$`));
    expect(ev("guid('N')")).to.match(/^[0-9a-f]{32}$/);
    expect(ev("guid('B')")).to.match(new RegExp(`^\\{${d}\\}$`));
    expect(ev("guid('P')")).to.match(new RegExp(`^\\(${d}\\)$`));
    expect(ev("guid()")).to.not.equal(ev("guid()"));
    expect(errorOf("guid('Q')")).to.contain("'guid' was given the format 'Q'");
  });

  it("indexOf, ignoring case", () => {
    expect(ev("indexOf('hello world', 'world')")).to.equal(6);
    expect(ev("indexOf('hello world', 'WORLD')")).to.equal(6);
    expect(ev("indexOf('hello world', 'moon')")).to.equal(-1);
  });

  it("lastIndexOf, with the guide's rules for empty values", () => {
    expect(ev("lastIndexOf('hello world hello world', 'world')")).to.equal(18);
    expect(ev("lastIndexOf('hello world hello world', '')")).to.equal(22);
    expect(ev("lastIndexOf('', '')")).to.equal(0);
    expect(ev("lastIndexOf('', 'a')")).to.equal(-1);
  });

  it("nthIndexOf", () => {
    expect(ev("nthIndexOf('123456789123465789', '1', 1)")).to.equal(0);
    expect(ev("nthIndexOf('123456789123465789', '1', 2)")).to.equal(9);
    expect(ev("nthIndexOf('123456789123465789', '12', 2)")).to.equal(9);
    expect(ev("nthIndexOf('123456789123465789', '6', 4)")).to.equal(-1);
    // The guide: a negative occurrence searches from the end.
    expect(ev("nthIndexOf('123456789123465789', '1', -1)")).to.equal(9);
  });

  it("replace, case-sensitively, every occurrence", () => {
    expect(ev("replace('the old string', 'old', 'new')")).to.equal("the new string");
    expect(ev("replace('the old string', 'OLD', 'new')")).to.equal("the old string");
    expect(ev("replace('a-b-c', '-', '+')")).to.equal("a+b+c");
  });

  it("slice", () => {
    expect(ev("slice('Hello World', 2)")).to.equal("llo World");
    expect(ev("slice('Hello World', 30)")).to.equal("");
    expect(ev("slice('Hello World', 10, 2)")).to.equal("");
    expect(ev("slice('Hello World', 0)")).to.equal("Hello World");
    expect(ev("slice('Hello World', 2, 5)")).to.equal("llo");
    expect(ev("slice('Hello World', 6, 20)")).to.equal("World");
    expect(ev("slice('Hello World', -2)")).to.equal("ld");
    expect(ev("slice('Hello World', 3, -1)")).to.equal("lo Worl");
    expect(ev("slice('Hello World', 3, 3)")).to.equal("");
  });

  it("split", () => {
    expect(ev("split('a_b_c', '_')")).to.deep.equal(["a", "b", "c"]);
    expect(ev("split('a_b_c', ' ')")).to.deep.equal(["a_b_c"]);
  });

  it("substring, failing when startIndex plus length passes the end", () => {
    expect(ev("substring('hello world', 6, 5)")).to.equal("world");
    expect(ev("substring('hello world', 6)")).to.equal("world");
    expect(errorOf("substring('hello world', 6, 6)")).to.contain("'substring' parameters are out of range");
  });

  it("toLower, toUpper, trim", () => {
    expect(ev("toLower('Hello World')")).to.equal("hello world");
    expect(ev("toUpper('Hello World')")).to.equal("HELLO WORLD");
    expect(ev("trim(' Hello World  ')")).to.equal("Hello World");
  });

  it("names the function and parameter when an argument has the wrong type", () => {
    expect(errorOf("toLower(1)")).to.equal(
      "The template language function 'toLower' expects its first parameter to be of type string. The provided value is of type 'Integer'.",
    );
  });
});
