import { expect } from "chai";
import { errorOf, ev } from "../fakeScope";

// Expected values are the results documented in Microsoft's function reference unless a comment says otherwise.
describe("expression functions: logical comparison", () => {
  it("and", () => {
    expect(ev("and(true, true)")).to.equal(true);
    expect(ev("and(false, true)")).to.equal(false);
    expect(ev("and(false, false)")).to.equal(false);
    expect(ev("and(equals(1, 1), equals(2, 2))")).to.equal(true);
    expect(ev("and(equals(1, 1), equals(1, 2))")).to.equal(false);
    expect(ev("and(equals(1, 2), equals(1, 3))")).to.equal(false);
  });

  it("or", () => {
    expect(ev("or(true, false)")).to.equal(true);
    expect(ev("or(false, false)")).to.equal(false);
    expect(ev("or(equals(1, 1), equals(1, 2))")).to.equal(true);
    expect(ev("or(equals(1, 2), equals(1, 3))")).to.equal(false);
  });

  it("not", () => {
    expect(ev("not(false)")).to.equal(true);
    expect(ev("not(true)")).to.equal(false);
    expect(ev("not(equals(1, 2))")).to.equal(true);
    expect(ev("not(equals(1, 1))")).to.equal(false);
  });

  it("and, or, not and if take booleans only", () => {
    expect(errorOf("and(true, 'true')")).to.equal(
      "The template language function 'and' expects its second parameter to be a boolean. The provided value is of type 'String'.",
    );
    expect(errorOf("or(0, true)")).to.contain("'or' expects its first parameter to be a boolean");
    expect(errorOf("not(null)")).to.contain("The provided value is of type 'Null'");
    expect(errorOf("if('yes', 1, 2)")).to.contain("'if' expects its first parameter to be a boolean");
  });

  it("equals: deep for arrays and objects, case-sensitive for strings", () => {
    expect(ev("equals(true, 1)")).to.equal(true);
    expect(ev("equals('abc', 'abcd')")).to.equal(false);
    expect(ev("equals('abc', 'ABC')")).to.equal(false);
    expect(ev("equals(json('{\"a\": [1, {\"b\": 2}]}'), json('{\"a\": [1, {\"b\": 2}]}'))")).to.equal(true);
    expect(ev("equals(createArray(1, 2), createArray(2, 1))")).to.equal(false);
    expect(ev("equals(1, 1.0)")).to.equal(true);
    // The guide's note: comparisons read null as the empty string.
    expect(ev("equals(null, '')")).to.equal(true);
  });

  it("greater and greaterOrEquals", () => {
    expect(ev("greater(10, 5)")).to.equal(true);
    expect(ev("greater('apple', 'banana')")).to.equal(false);
    expect(ev("greaterOrEquals(5, 5)")).to.equal(true);
    expect(ev("greaterOrEquals('apple', 'banana')")).to.equal(false);
  });

  it("less and lessOrEquals", () => {
    expect(ev("less(5, 10)")).to.equal(true);
    expect(ev("less('banana', 'apple')")).to.equal(false);
    expect(ev("lessOrEquals(10, 10)")).to.equal(true);
    expect(ev("lessOrEquals('apply', 'apple')")).to.equal(false);
  });

  it("comparisons refuse values of different types", () => {
    expect(errorOf("greater(1, 'a')")).to.contain("'greater' expects two numbers or two strings to compare; got values of type 'Integer' and 'String'");
  });

  it("if, evaluating both branches as the runtime does", () => {
    expect(ev("if(equals(1, 1), 'yes', 'no')")).to.equal("yes");
    expect(ev("if(equals(1, 2), 'yes', 'no')")).to.equal("no");
    expect(errorOf("if(true, 'yes', json('{'))")).to.contain("The template language function 'json'");
  });
});
