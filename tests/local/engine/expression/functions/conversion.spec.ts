import { expect } from "chai";
import { errorOf, ev } from "../fakeScope";

const octets = (base64: string) => ({ "$content-type": "application/octet-stream", $content: base64 });

// Expected values are the results documented in Microsoft's function reference unless a comment says otherwise.
describe("expression functions: conversion", () => {
  it("array and createArray", () => {
    expect(ev("array('hello')")).to.deep.equal(["hello"]);
    expect(ev("createArray('h', 'e', 'l', 'l', 'o')")).to.deep.equal(["h", "e", "l", "l", "o"]);
  });

  it("base64, base64ToString and the deprecated decodeBase64", () => {
    expect(ev("base64('hello')")).to.equal("aGVsbG8=");
    expect(ev("base64ToString('aGVsbG8=')")).to.equal("hello");
    expect(ev("decodeBase64('aGVsbG8=')")).to.equal("hello"); // the guide's 2021 edition
    expect(errorOf("base64ToString('a$b')")).to.contain("'base64ToString' was invoked with a parameter that is not valid: 'a$b' is not a base64 string");
  });

  // The guide shows no JSON for binary results; the runtime stores binary content as a $content envelope
  // ("Handle content types in logic apps"), which string() reads back as text.
  it("base64ToBinary and binary give binary content that string() reads back", () => {
    expect(ev("base64ToBinary('aGVsbG8=')")).to.deep.equal(octets("aGVsbG8="));
    expect(ev("binary('hello')")).to.deep.equal(octets("aGVsbG8="));
    expect(ev("string(base64ToBinary('aGVsbG8='))")).to.equal("hello");
    expect(ev("base64(binary('hello'))")).to.equal("aGVsbG8=");
  });

  it("bool", () => {
    expect(ev("bool(1)")).to.equal(true);
    expect(ev("bool(0)")).to.equal(false);
    expect(ev("bool(-1)")).to.equal(true);
    expect(ev("bool('true')")).to.equal(true);
    expect(ev("bool('false')")).to.equal(false);
    expect(errorOf("bool('yes')")).to.contain("'bool' expects its first parameter to be a boolean, a number or the string true or false");
  });

  it("dataUri, dataUriToString, dataUriToBinary and decodeDataUri", () => {
    expect(ev("dataUri('hello')")).to.equal("data:text/plain;charset=utf-8;base64,aGVsbG8=");
    expect(ev("dataUriToString('data:text/plain;charset=utf-8;base64,aGVsbG8=')")).to.equal("hello");
    const content = { "$content-type": "text/plain;charset=utf-8", $content: "aGVsbG8=" };
    expect(ev("dataUriToBinary('data:text/plain;charset=utf-8;base64,aGVsbG8=')")).to.deep.equal(content);
    expect(ev("string(decodeDataUri('data:text/plain;charset=utf-8;base64,aGVsbG8='))")).to.equal("hello");
  });

  it("decimal, exact until it is used as a number", () => {
    expect(ev("decimal('1.2345678912312131')")).to.equal(1.234567891231213);
    expect(ev("string(decimal('1.2345678912312131'))")).to.equal("1.2345678912312131");
    expect(ev("add(decimal('1.2345678912312131'), decimal('1.2345678912312131'))")).to.equal(2.469135782462426);
    expect(ev("string(add(decimal('1.2345678912312131'), decimal('1.2345678912312131')))")).to.equal("2.4691357824624262");
  });

  it("decodeUriComponent, uriComponentToString and uriComponentToBinary", () => {
    expect(ev("decodeUriComponent('https%3A%2F%2Fcontoso.com')")).to.equal("https://contoso.com");
    expect(ev("uriComponentToString('https%3A%2F%2Fcontoso.com')")).to.equal("https://contoso.com");
    expect(ev("uriComponentToBinary('https%3A%2F%2Fcontoso.com')")).to.deep.equal(octets("aHR0cHM6Ly9jb250b3NvLmNvbQ=="));
    expect(errorOf("decodeUriComponent('%E0%A4%A')")).to.contain("'decodeUriComponent' was invoked with a parameter that is not valid");
  });

  it("encodeUriComponent and uriComponent escape every URL-unsafe character", () => {
    expect(ev("encodeUriComponent('https://contoso.com')")).to.equal("https%3A%2F%2Fcontoso.com");
    expect(ev("uriComponent('https://contoso.com')")).to.equal("https%3A%2F%2Fcontoso.com");
    // Not in the guide: space and the characters JavaScript leaves alone, as .NET's Uri.EscapeDataString escapes them.
    expect(ev("uriComponent('a b!(c)*')")).to.equal("a%20b%21%28c%29%2A");
  });

  it("float, with the guide's locale and lenient examples", () => {
    expect(ev("float('10,000.333')")).to.equal(10000.333);
    expect(ev("float('10.000,333', 'de-DE')")).to.equal(10000.333);
    expect(ev("float('12,3,4,5678')")).to.equal(12345678);
    expect(ev("float('1234567,8+')")).to.equal(12345678);
    expect(ev("float('12345,6,78,-')")).to.equal(-12345678);
    expect(ev("float('-12,345,678,')")).to.equal(-12345678);
    expect(ev("float('12345678.-')")).to.equal(-12345678);
    expect(ev("float('.12345678')")).to.equal(0.12345678);
    expect(errorOf("float('ten')")).to.contain("'float' was invoked with a parameter that is not valid");
  });

  it("int, failing on text that is not an integer", () => {
    expect(ev("int('10')")).to.equal(10);
    expect(errorOf("int('ten')")).to.equal(
      "The template language function 'int' was invoked with a parameter that is not valid. The value 'ten' cannot be converted to an integer.",
    );
  });

  it("isInt and isFloat", () => {
    expect(ev("isInt('10')")).to.equal(true);
    expect(ev("isInt('10.5')")).to.equal(false);
    expect(ev("isFloat('10,000.00')")).to.equal(true);
    expect(ev("isFloat('10.000,00', 'de-DE')")).to.equal(true);
    expect(ev("isFloat('abc')")).to.equal(false);
  });

  it("json, failing by name on text that is not JSON", () => {
    expect(ev("json('[1, 2, 3]')")).to.deep.equal([1, 2, 3]);
    expect(ev("json('{\"fullName\": \"Sophia Owen\"}')")).to.deep.equal({ fullName: "Sophia Owen" });
    expect(ev("json(null)")).to.deep.equal({}); // "If the string is null, the function returns an empty object."
    expect(errorOf("json('{')")).to.match(/^The template language function 'json' parameter is not valid\. The provided value '\{' cannot be parsed: /);
  });

  it("string", () => {
    expect(ev("string(10)")).to.equal("10");
    // The guide prints the object with spaces; the local engine writes compact JSON, as interpolation does.
    expect(ev("string(json('{ \"name\": \"Sophie Owen\" }'))")).to.equal('{"name":"Sophie Owen"}');
    expect(ev("string(null)")).to.equal("");
  });
});
