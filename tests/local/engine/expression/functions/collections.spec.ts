import { expect } from "chai";
import { errorOf, ev } from "../fakeScope";

// Expected values are the results documented in Microsoft's function reference unless a comment says otherwise.
describe("expression functions: collections", () => {
  it("chunk, a string or an array", () => {
    expect(ev("chunk('abcdefghijklmnopqrstuvwxyz', 10)")).to.deep.equal(["abcdefghij", "klmnopqrst", "uvwxyz"]);
    expect(ev("chunk(createArray(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12), 5)")).to.deep.equal([
      [1, 2, 3, 4, 5],
      [6, 7, 8, 9, 10],
      [11, 12],
    ]);
    expect(errorOf("chunk('abc', 0)")).to.contain("'chunk' expects its second parameter, the chunk length, to be at least 1");
  });

  it("contains: a substring (case-sensitive), an array item, an object key", () => {
    expect(ev("contains('hello world', 'world')")).to.equal(true);
    expect(ev("contains('hello world', 'universe')")).to.equal(false);
    expect(ev("contains('hello world', 'World')")).to.equal(false);
    expect(ev("contains(createArray('a', json('{\"k\": [1]}')), json('{\"k\": [1]}'))")).to.equal(true);
    expect(ev("contains(json('{\"k\": 1}'), 'k')")).to.equal(true);
    expect(ev("contains(json('{\"k\": 1}'), 'K')")).to.equal(false);
  });

  it("empty", () => {
    expect(ev("empty('')")).to.equal(true);
    expect(ev("empty('abc')")).to.equal(false);
    expect(ev("empty(json('[]'))")).to.equal(true);
    expect(ev("empty(json('{}'))")).to.equal(true);
    expect(ev("empty(null)")).to.equal(true);
  });

  it("first and last", () => {
    expect(ev("first('hello')")).to.equal("h");
    expect(ev("first(createArray(0, 1, 2))")).to.equal(0);
    expect(ev("last('abcd')")).to.equal("d");
    expect(ev("last(createArray(0, 1, 2, 3))")).to.equal(3);
    expect(ev("first(json('[]'))")).to.equal(null);
  });

  it("intersection of arrays and of objects", () => {
    expect(ev("intersection(createArray(1, 2, 3), createArray(101, 2, 1, 10), createArray(6, 8, 1, 2))")).to.deep.equal([1, 2]);
    expect(ev("intersection(json('{\"a\": 1, \"b\": 2}'), json('{\"b\": 2, \"a\": 3}'))")).to.deep.equal({ b: 2 });
  });

  it("union of arrays (no duplicates) and of objects (the last value wins)", () => {
    expect(ev("union(createArray(1, 2, 3), createArray(1, 2, 10, 101))")).to.deep.equal([1, 2, 3, 10, 101]);
    expect(ev("union(json('{\"a\": 1, \"b\": 2}'), json('{\"b\": 3}'))")).to.deep.equal({ a: 1, b: 3 });
    expect(ev("union(array(json('{\"a\": 1, \"b\": 2}')), array(json('{\"b\": 2, \"a\": 1}')))")).to.deep.equal([{ a: 1, b: 2 }]);
    expect(errorOf("union(array(1), json('{}'))")).to.contain("'union' expects parameters that are all arrays or all objects");
  });

  it("join", () => {
    expect(ev("join(createArray('a', 'b', 'c'), '.')")).to.equal("a.b.c");
    expect(ev("join(createArray(1, null, 'x'), ',')")).to.equal("1,,x");
  });

  it("length of a string or an array, not of anything else", () => {
    expect(ev("length('abcd')")).to.equal(4);
    expect(ev("length(createArray(0, 1, 2, 3))")).to.equal(4);
    expect(errorOf("length(10)")).to.equal(
      "The template language function 'length' expects its first parameter to be a string or an array. The provided value is of type 'Integer'.",
    );
  });

  it("reverse", () => {
    expect(ev("reverse(createArray(0, 1, 2, 3))")).to.deep.equal([3, 2, 1, 0]);
  });

  it("skip and take", () => {
    expect(ev("skip(createArray(0, 1, 2, 3), 1)")).to.deep.equal([1, 2, 3]);
    expect(ev("take('abcde', 3)")).to.equal("abc");
    expect(ev("take(createArray(0, 1, 2, 3, 4), 3)")).to.deep.equal([0, 1, 2]);
    expect(ev("take(createArray(0, 1), 5)")).to.deep.equal([0, 1]);
    expect(errorOf("skip(createArray(0, 1), -1)")).to.contain("'skip' expects its second parameter, the count, not to be negative");
  });

  it("sort, by value or by a key", () => {
    expect(ev("sort(createArray(2, 1, 0, 3))")).to.deep.equal([0, 1, 2, 3]);
    expect(ev("sort(createArray(json('{ \"first\": \"Amalie\", \"last\": \"Rose\" }'), json('{ \"first\": \"Elise\", \"last\": \"Renee\" }')), 'last')")).to.deep.equal([
      { first: "Elise", last: "Renee" },
      { first: "Amalie", last: "Rose" },
    ]);
    expect(errorOf("sort(createArray(1, 'a'))")).to.contain("'sort' cannot compare a value of type 'String' with one of type 'Integer'");
  });
});
