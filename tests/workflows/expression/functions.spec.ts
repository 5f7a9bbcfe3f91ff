import { expect } from "chai";
import { lookupFunction, WORKFLOW_FUNCTIONS } from "../../../workflows/expression/functions";
import { forEachCall, parseExpression } from "../../../workflows/expression/parser";

// The "ordered by purpose" tables of expression-functions-reference.md (ms.date 10/06/2025),
// plus actionBody/actionOutputs from the 2021 edition's workflow table.
const DOCUMENTED: Record<string, string[]> = {
  string: ["chunk", "concat", "endsWith", "formatNumber", "guid", "indexOf", "isFloat", "isInt", "lastIndexOf", "length",
    "nthIndexOf", "replace", "slice", "split", "startsWith", "substring", "toLower", "toUpper", "trim"],
  collection: ["chunk", "contains", "empty", "first", "intersection", "item", "join", "last", "length", "reverse", "skip",
    "sort", "take", "union"],
  logical: ["and", "equals", "greater", "greaterOrEquals", "if", "isFloat", "isInt", "less", "lessOrEquals", "not", "or"],
  conversion: ["array", "base64", "base64ToBinary", "base64ToString", "binary", "bool", "createArray", "dataUri",
    "dataUriToBinary", "dataUriToString", "decimal", "decodeBase64", "decodeDataUri", "decodeUriComponent",
    "encodeUriComponent", "float", "int", "json", "string", "uriComponent", "uriComponentToBinary",
    "uriComponentToString", "xml"],
  math: ["add", "div", "max", "min", "mod", "mul", "rand", "range", "sub"],
  dateTime: ["addDays", "addHours", "addMinutes", "addSeconds", "addToTime", "convertFromUtc", "convertTimeZone",
    "convertToUtc", "dateDifference", "dayOfMonth", "dayOfWeek", "dayOfYear", "formatDateTime", "getFutureTime",
    "getPastTime", "parseDateTime", "startOfDay", "startOfHour", "startOfMonth", "subtractFromTime", "ticks", "utcNow"],
  workflow: ["action", "actionBody", "actionOutputs", "actions", "body", "formDataMultiValues", "formDataValue", "item",
    "items", "iterationIndexes", "listCallbackUrl", "multipartBody", "outputs", "parameters", "result", "trigger",
    "triggerBody", "triggerFormDataValue", "triggerMultipartBody", "triggerFormDataMultiValues", "triggerOutputs",
    "variables", "workflow"],
  uriParsing: ["uriHost", "uriPath", "uriPathAndQuery", "uriPort", "uriQuery", "uriScheme"],
  manipulation: ["addProperty", "coalesce", "removeProperty", "setProperty", "xpath"],
};

// Example calls copied from the reference guide; every call in them must fit the table.
const DOCS_EXAMPLES = [
  "addToTime('2018-01-01T00:00:00Z', 1, 'Day', 'D')",
  "subtractFromTime('2018-01-02T00:00:00Z', 1, 'Day')",
  "convertTimeZone('2018-01-01T08:00:00.0000000Z', 'UTC', 'Pacific Standard Time', 'D')",
  "convertFromUtc('2018-01-01T08:00:00.0000000Z', 'Pacific Standard Time')",
  "formatDateTime('01/31/2016', 'dddd MMMM d', 'fr-fr')",
  "parseDateTime('21052019', 'fr-fr', 'ddMMyyyy')",
  "formatNumber(1234567890, '#,##0.00', 'en-US')",
  "float('10.000,333', 'de-DE')",
  "isFloat('10.000,00', 'de-DE')",
  "guid('P')",
  "guid()",
  "utcNow('ddd, d MMM yyyy')",
  "getFutureTime(5, 'Day', 'D')",
  "slice('Hello World', 3, -1)",
  "substring('hello world', 6, 5)",
  "nthIndexOf('123456789123465789', '1', 1)",
  "sort(createArray(json('{ \"first\": \"Amalie\", \"last\": \"Rose\" }'), json('{ \"first\": \"Elise\", \"last\": \"Renee\" }')), 'last')",
  "chunk(createArray(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12), 5)",
  "intersection(createArray(1, 2, 3), createArray(101, 2, 1, 10), createArray(6, 8, 1, 2))",
  "union(createArray(1, 2, 3), createArray(1, 2, 10, 101))",
  "coalesce(null, true, false)",
  "max(createArray(1, 2, 3))",
  "min(1, 2, 3)",
  "and(equals(1, 1), equals(2, 2))",
  "or(equals(1, 2), equals(1, 3))",
  "if(equals(1, 1), 'yes', 'no')",
  "setProperty(json('{ \"customerName\": { \"firstName\": \"Sophia\", \"surName\": \"Owen\" } }'), 'customerName', setProperty(json('{ \"customerName\": { \"firstName\": \"Sophia\", \"surName\": \"Owen\" } }')['customerName'], 'surName', 'Hartnett'))",
  "removeProperty(json('{ \"firstName\": \"Sophia\", \"middleName\": \"Anne\", \"surName\": \"Owen\" }'), 'middleName')",
  "xpath(xml(parameters('items')), '/produce/item/name[last()]')",
  "formDataMultiValues('Send_an_email', 'Subject')",
  "iterationIndexes('Until_Max_Increment')",
  "workflow().run.name",
  "item().body",
  "action().outputs.body",
  "actionOutputs('Get_user')",
  "string(add(decimal('1.2345678912312131'), decimal('1.2345678912312131')))",
];

describe("WORKFLOW_FUNCTIONS", () => {
  it("lists every function of the reference guide, each once", () => {
    const documented = new Set(Object.values(DOCUMENTED).flat());
    expect([...WORKFLOW_FUNCTIONS.keys()].sort()).to.deep.equal([...documented].sort());
    expect(WORKFLOW_FUNCTIONS.size).to.equal(127);
  });

  it("has no two names differing only in letter case", () => {
    expect(new Set([...WORKFLOW_FUNCTIONS.keys()].map((n) => n.toLowerCase())).size).to.equal(WORKFLOW_FUNCTIONS.size);
  });

  it("has sane bounds", () => {
    for (const [name, { minArgs, maxArgs }] of WORKFLOW_FUNCTIONS) {
      expect(Number.isInteger(minArgs) && minArgs >= 0, name).to.equal(true);
      expect(maxArgs >= minArgs && (Number.isInteger(maxArgs) || maxArgs === Infinity), name).to.equal(true);
    }
  });

  it("makes exactly the documented `...` functions variadic", () => {
    const variadic = [...WORKFLOW_FUNCTIONS].filter(([, a]) => a.maxArgs === Infinity).map(([n]) => n).sort();
    expect(variadic).to.deep.equal(["and", "coalesce", "concat", "createArray", "intersection", "max", "min", "or", "union"]);
  });

  it("records the documented arities", () => {
    const expected: Array<[string, number, number]> = [
      ["concat", 2, Infinity], ["coalesce", 1, Infinity], ["max", 1, Infinity], ["substring", 2, 3], ["slice", 2, 3],
      ["addToTime", 3, 4], ["subtractFromTime", 3, 4], ["convertTimeZone", 3, 4], ["addDays", 2, 3], ["formatDateTime", 1, 3],
      ["parseDateTime", 1, 3], ["formatNumber", 2, 3], ["float", 1, 2], ["isFloat", 1, 2], ["sort", 1, 2], ["guid", 0, 1],
      ["utcNow", 0, 1], ["startOfMonth", 1, 2], ["if", 3, 3], ["nthIndexOf", 3, 3], ["addProperty", 3, 3],
      ["removeProperty", 2, 2], ["multipartBody", 2, 2], ["formDataValue", 2, 2], ["triggerMultipartBody", 1, 1],
      ["workflow", 0, 0], ["trigger", 0, 0], ["triggerBody", 0, 0], ["triggerOutputs", 0, 0], ["action", 0, 0],
      ["item", 0, 0], ["listCallbackUrl", 0, 0], ["items", 1, 1], ["body", 1, 1], ["actionBody", 1, 1], ["result", 1, 1],
      ["decodeBase64", 1, 1], ["dateDifference", 2, 2], ["chunk", 2, 2], ["xpath", 2, 2],
    ];
    for (const [name, minArgs, maxArgs] of expected) {
      expect(WORKFLOW_FUNCTIONS.get(name), name).to.deep.equal({ minArgs, maxArgs });
    }
  });

  it("accepts every call in the guide's examples", () => {
    for (const example of DOCS_EXAMPLES) {
      forEachCall(parseExpression(example), (call) => {
        const fn = lookupFunction(call.name);
        expect(fn, `${call.name} in ${example}`).to.not.equal(undefined);
        expect(call.args.length, `${call.name} in ${example}`).to.be.within(fn!.minArgs, fn!.maxArgs);
      });
    }
  });
});

describe("lookupFunction", () => {
  it("matches names in any letter case and returns the documented spelling", () => {
    expect(lookupFunction("toLower")).to.deep.equal({ name: "toLower", minArgs: 1, maxArgs: 1 });
    expect(lookupFunction("TOLOWER")?.name).to.equal("toLower");
    expect(lookupFunction("triggerbody")?.name).to.equal("triggerBody");
    expect(lookupFunction("Concat")).to.deep.equal({ name: "concat", minArgs: 2, maxArgs: Infinity });
  });

  it("returns undefined for undocumented names, including Object.prototype members", () => {
    for (const name of ["", "nosuchfunction", "appsetting", "constructor", "toString", "__proto__", "concat "]) {
      expect(lookupFunction(name), name).to.equal(undefined);
    }
  });
});
