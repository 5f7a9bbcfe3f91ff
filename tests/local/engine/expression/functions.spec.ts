import { expect } from "chai";
import { evaluateString } from "../../../../local/engine/expression/evaluate";
import { fakeScope } from "./fakeScope";

/** Examples from Microsoft's "Reference guide to functions in expressions" with the results it documents. */
const ev = (text: string, now?: Date) => evaluateString(`@${text}`, fakeScope({ now }));
const cases = (list: Array<[string, unknown]>) => {
  for (const [expression, expected] of list) {
    it(`${expression} = ${JSON.stringify(expected)}`, () => expect(ev(expression)).to.deep.equal(expected));
  }
};

describe("expression functions: string", () => {
  cases([
    ["concat('Hello', 'World')", "HelloWorld"],
    ["endsWith('hello world', 'world')", true],
    ["endsWith('hello world', 'universe')", false],
    ["startsWith('hello world', 'hello')", true],
    ["startsWith('hello world', 'greetings')", false],
    ["indexOf('hello world', 'world')", 6],
    ["lastIndexOf('hello world hello world', 'world')", 18],
    ["nthIndexOf('123456789123465789', '1', 2)", 9],
    ["replace('the old string', 'old', 'new')", "the new string"],
    ["split('a_b_c', '_')", ["a", "b", "c"]],
    ["substring('hello world', 6, 5)", "world"],
    ["slice('Hello World', 2)", "llo World"],
    ["slice('Hello World', 2, 5)", "llo"],
    ["slice('Hello World', -2)", "ld"],
    ["toLower('Hello World')", "hello world"],
    ["toUpper('Hello World')", "HELLO WORLD"],
    ["trim(' Hello World  ')", "Hello World"],
    ["length('abcd')", 4],
  ]);
  it("guid() is a new version-4 GUID each time, in the N format when asked", () => {
    expect(ev("guid()")).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(ev("guid('N')")).to.match(/^[0-9a-f]{32}$/);
    expect(ev("guid()")).to.not.equal(ev("guid()"));
  });
});

describe("expression functions: collection", () => {
  cases([
    ["contains('hello world', 'world')", true],
    ["contains('hello world', 'universe')", false],
    ["contains(createArray('a', 'b'), 'b')", true],
    ["contains(json('{\"k\": 1}'), 'k')", true],
    ["empty('')", true],
    ["empty('abc')", false],
    ["first('hello')", "h"],
    ["first(createArray(0, 1, 2))", 0],
    ["last('abcd')", "d"],
    ["last(createArray(0, 1, 2, 3))", 3],
    ["intersection(createArray(1, 2, 3), createArray(101, 2, 1, 10), createArray(6, 8, 1, 2))", [1, 2]],
    ["union(createArray(1, 2, 3), createArray(1, 2, 10, 101))", [1, 2, 3, 10, 101]],
    ["join(createArray('a', 'b', 'c'), '.')", "a.b.c"],
    ["length(createArray(0, 1, 2, 3))", 4],
    ["skip(createArray(0, 1, 2, 3), 1)", [1, 2, 3]],
    ["take('abcde', 3)", "abc"],
    ["take(createArray(0, 1, 2, 3, 4), 3)", [0, 1, 2]],
    ["reverse(createArray(0, 1, 2, 3))", [3, 2, 1, 0]],
    ["sort(createArray(2, 1, 0, 3))", [0, 1, 2, 3]],
    ["sort(createArray(json('{\"n\": \"b\"}'), json('{\"n\": \"a\"}')), 'n')", [{ n: "a" }, { n: "b" }]],
    ["coalesce(null, true, false)", true],
    ["coalesce(null, 'hello', 'world')", "hello"],
    ["coalesce(null, null, null)", null],
  ]);
});

describe("expression functions: logical comparison", () => {
  cases([
    ["and(true, true)", true],
    ["and(false, true)", false],
    ["or(true, false)", true],
    ["or(false, false)", false],
    ["not(false)", true],
    ["equals('abc', 'abcd')", false],
    ["equals(createArray(1, 2), createArray(1, 2))", true],
    ["greater(10, 5)", true],
    ["greater('apple', 'banana')", false],
    ["greaterOrEquals(5, 5)", true],
    ["less(5, 10)", true],
    ["lessOrEquals('apples', 'bananas')", true],
    ["if(equals(1, 1), 'yes', 'no')", "yes"],
  ]);
  it("and() refuses a value that is not a boolean", () => {
    expect(() => ev("and(true, 'true')")).to.throw("and: argument 2 must be a boolean");
  });
});

describe("expression functions: conversion", () => {
  cases([
    ["base64('hello')", "aGVsbG8="],
    ["base64ToString('aGVsbG8=')", "hello"],
    ["bool(1)", true],
    ["bool(0)", false],
    ["int('10')", 10],
    ["float('10.333')", 10.333],
    ["string(10)", "10"],
    ["string(json('{\"name\": \"Sophie Owen\"}'))", '{"name":"Sophie Owen"}'],
    ["json('{\"fullName\": \"Sophia Owen\"}')", { fullName: "Sophia Owen" }],
    ["encodeUriComponent('https://contoso.com')", "https%3A%2F%2Fcontoso.com"],
    ["uriComponent('https://contoso.com')", "https%3A%2F%2Fcontoso.com"],
    ["decodeUriComponent('https%3A%2F%2Fcontoso.com')", "https://contoso.com"],
    ["createArray('h', 'e', 'l', 'l', 'o')", ["h", "e", "l", "l", "o"]],
    ["array('hello')", ["hello"]],
  ]);
  it("int() refuses text that is not an integer", () => {
    expect(() => ev("int('ten')")).to.throw(`int: cannot convert "ten" to an integer`);
  });
});

describe("expression functions: math", () => {
  cases([
    ["add(1, 1.5)", 2.5],
    ["sub(10.3, .3)", 10],
    ["mul(1, 2)", 2],
    ["mul(1.5, 2)", 3],
    ["div(10, 5)", 2],
    ["div(11, 5)", 2],
    ["div(11, 2.5)", 4.4],
    ["mod(3, 2)", 1],
    ["max(1, 2, 3)", 3],
    ["max(createArray(1, 2, 3))", 3],
    ["min(1, 2, 3)", 1],
    ["range(1, 4)", [1, 2, 3, 4]],
  ]);
  it("refuses division by zero", () => expect(() => ev("div(1, 0)")).to.throw("attempted to divide by zero"));
  it("rand(1, 5) stays in [1, 5)", () => {
    for (let i = 0; i < 50; i++) expect(ev("rand(1, 5)")).to.be.oneOf([1, 2, 3, 4]);
  });
});

describe("expression functions: date and time", () => {
  cases([
    ["addDays('2018-03-15T00:00:00Z', 10)", "2018-03-25T00:00:00.0000000Z"],
    ["addDays('2018-03-15T00:00:00Z', -5)", "2018-03-10T00:00:00.0000000Z"],
    ["addHours('2018-03-15T00:00:00Z', 10)", "2018-03-15T10:00:00.0000000Z"],
    ["addMinutes('2018-03-15T00:10:00Z', 10)", "2018-03-15T00:20:00.0000000Z"],
    ["addSeconds('2018-03-15T00:00:00Z', 10)", "2018-03-15T00:00:10.0000000Z"],
    ["addToTime('2018-01-01T00:00:00Z', 1, 'Day')", "2018-01-02T00:00:00.0000000Z"],
    ["addToTime('2018-01-01T00:00:00Z', 1, 'Day', 'D')", "Tuesday, January 2, 2018"],
    ["subtractFromTime('2018-01-02T00:00:00Z', 1, 'Day')", "2018-01-01T00:00:00.0000000Z"],
    ["dayOfMonth('2018-03-15T13:27:36Z')", 15],
    ["dayOfWeek('2018-03-15T13:27:36Z')", 4],
    ["dayOfYear('2018-03-15T13:27:36Z')", 74],
    ["startOfDay('2018-03-15T13:30:30Z')", "2018-03-15T00:00:00.0000000Z"],
    ["startOfHour('2018-03-15T13:30:30Z')", "2018-03-15T13:00:00.0000000Z"],
    ["startOfMonth('2018-03-15T13:30:30Z')", "2018-03-01T00:00:00.0000000Z"],
    ["formatDateTime('2018-03-15T12:00:00', 'yyyy-MM-ddTHH:mm:ss')", "2018-03-15T12:00:00"],
    ["formatDateTime('2026-11-28T10:15:00Z', 'yyyyMMddTHHmmssZ')", "20261128T101500Z"],
    ["ticks('2018-03-15T13:27:36Z')", 636567172560000000],
  ]);
  it("utcNow() reads the scope's clock, in the round-trip format unless told otherwise", () => {
    const now = new Date("2018-04-15T13:00:05.250Z");
    expect(ev("utcNow()", now)).to.equal("2018-04-15T13:00:05.2500000Z");
    expect(ev("utcNow('D')", now)).to.equal("Sunday, April 15, 2018");
    expect(ev("utcNow('yyyy-MM-dd h:mm tt')", now)).to.equal("2018-04-15 1:00 PM");
  });
});

describe("expression functions: objects and URIs", () => {
  cases([
    ["addProperty(json('{\"firstName\": \"Sophia\"}'), 'lastName', 'Owen')", { firstName: "Sophia", lastName: "Owen" }],
    ["setProperty(json('{\"firstName\": \"Sophia\", \"surName\": \"Owen\"}'), 'surName', 'Hartnett')", { firstName: "Sophia", surName: "Hartnett" }],
    ["removeProperty(json('{\"firstName\": \"Sophia\", \"middleName\": \"Anne\"}'), 'middleName')", { firstName: "Sophia" }],
    ["uriHost('https://www.localhost.com:8080')", "www.localhost.com"],
    ["uriPath('https://www.contoso.com/catalog/shownew.htm?date=today')", "/catalog/shownew.htm"],
    ["uriPathAndQuery('https://www.contoso.com/catalog/shownew.htm?date=today')", "/catalog/shownew.htm?date=today"],
    ["uriPort('https://www.localhost:8080')", 8080],
    ["uriQuery('https://www.contoso.com/catalog/shownew.htm?date=today')", "?date=today"],
    ["uriScheme('https://www.contoso.com/catalog/shownew.htm?date=today')", "https"],
    ["isInt('10')", true],
    ["isInt('10.5')", false],
    ["isFloat('10.000')", true],
  ]);
  it("addProperty refuses a property that exists", () => {
    expect(() => ev("addProperty(json('{\"a\": 1}'), 'a', 2)")).to.throw("addProperty: the property 'a' already exists");
  });
});
