import { expect } from "chai";
import { errorOf, ev } from "../fakeScope";

// Expected values are the results documented in Microsoft's function reference unless a comment says otherwise.
describe("expression functions: math", () => {
  it("add", () => {
    expect(ev("add(1, 1.5)")).to.equal(2.5);
  });

  it("div: integer division of integers, float division when either is a float", () => {
    expect(ev("div(10, 5)")).to.equal(2);
    expect(ev("div(11, 5)")).to.equal(2);
    expect(ev("div(11, 5.0)")).to.equal(2.2);
    expect(ev("div(11.0, 5)")).to.equal(2.2);
    expect(ev("div(-11, 5)")).to.equal(-2); // truncation toward zero, as C#
  });

  it("a whole float result stays a float inside an expression", () => {
    expect(ev("div(mul(1.5, 2), 2)")).to.equal(1.5); // mul(1.5, 2) is the float 3
    expect(ev("div(float('10'), 4)")).to.equal(2.5);
    expect(ev("div(int('10'), 4)")).to.equal(2);
  });

  it("max and min, of numbers or of one array", () => {
    expect(ev("max(1, 2, 3)")).to.equal(3);
    expect(ev("max(createArray(1, 2, 3))")).to.equal(3);
    expect(ev("min(1, 2, 3)")).to.equal(1);
    expect(ev("min(createArray(1, 2, 3))")).to.equal(1);
    expect(errorOf("max(1, 'two')")).to.contain("'max' expects its second parameter to be a number");
  });

  it("mod, with the dividend's sign", () => {
    expect(ev("mod(3, 2)")).to.equal(1);
    expect(ev("mod(-5, 2)")).to.equal(-1);
    expect(ev("mod(4, -3)")).to.equal(1);
  });

  it("mul", () => {
    expect(ev("mul(1, 2)")).to.equal(2);
    expect(ev("mul(1.5, 2)")).to.equal(3);
  });

  it("rand(1, 5) returns 1, 2, 3 or 4", () => {
    const seen = new Set<unknown>();
    for (let i = 0; i < 200; i++) seen.add(ev("rand(1, 5)"));
    expect([...seen].sort()).to.deep.equal([1, 2, 3, 4]);
  });

  it("range", () => {
    expect(ev("range(1, 4)")).to.deep.equal([1, 2, 3, 4]);
    expect(errorOf("range(1, 100001)")).to.contain("'range' expects its second parameter, the count, to be between 0 and 100000");
  });

  it("sub", () => {
    expect(ev("sub(10.3, .3)")).to.equal(10);
  });

  it("refuses a zero divisor and a value that is not a number, naming the function", () => {
    expect(errorOf("div(1, 0)")).to.equal("The template language function 'div' cannot divide by zero: its second parameter, the divisor, is 0.");
    expect(errorOf("mod(1, 0.0)")).to.contain("'mod' cannot divide by zero");
    expect(errorOf("add('1', 2)")).to.equal(
      "The template language function 'add' expects its first parameter to be an integer or a float. The provided value is of type 'String'.",
    );
  });
});
