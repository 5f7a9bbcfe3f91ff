/**
 * Every function in Microsoft's "Reference guide to functions in expressions for workflows in
 * Azure Logic Apps and Power Automate" (MicrosoftDocs/azure-docs,
 * articles/logic-apps/expression-functions-reference.md, ms.date 10/06/2025, formerly
 * workflow-definition-language-functions-reference.md), with the argument counts of its syntax
 * blocks: a parameter marked `?` or "Required: No" lowers minArgs, a trailing `...` makes the
 * function variadic (maxArgs = Infinity).
 *
 * Where the guide's own prose asks for more than one argument ("at least two strings",
 * "at least two items", `<expression1>, <expression2>, ...`) minArgs is 2, even though the
 * designer may accept fewer; the docs are the contract this table encodes.
 */

export interface FunctionArity {
  readonly minArgs: number;
  readonly maxArgs: number;
}

export interface WorkflowFunction extends FunctionArity {
  /** The spelling used by the reference guide. */
  readonly name: string;
}

const ANY = Infinity;

// [name, minArgs, maxArgs], grouped as in the guide's "ordered by purpose" tables; a function
// listed under several purposes (length, chunk, isInt, isFloat, item) appears once.
const TABLE: ReadonlyArray<readonly [string, number, number]> = [
  // String functions
  ["chunk", 2, 2], ["concat", 2, ANY], ["endsWith", 2, 2], ["formatNumber", 2, 3], ["guid", 0, 1],
  ["indexOf", 2, 2], ["isFloat", 1, 2], ["isInt", 1, 1], ["lastIndexOf", 2, 2], ["length", 1, 1],
  ["nthIndexOf", 3, 3], ["replace", 3, 3], ["slice", 2, 3], ["split", 2, 2], ["startsWith", 2, 2],
  ["substring", 2, 3], ["toLower", 1, 1], ["toUpper", 1, 1], ["trim", 1, 1],
  // Collection functions
  ["contains", 2, 2], ["empty", 1, 1], ["first", 1, 1], ["intersection", 2, ANY], ["item", 0, 0],
  ["join", 2, 2], ["last", 1, 1], ["reverse", 1, 1], ["skip", 2, 2], ["sort", 1, 2], ["take", 2, 2],
  ["union", 2, ANY],
  // Logical comparison functions
  ["and", 2, ANY], ["equals", 2, 2], ["greater", 2, 2], ["greaterOrEquals", 2, 2], ["if", 3, 3],
  ["less", 2, 2], ["lessOrEquals", 2, 2], ["not", 1, 1], ["or", 2, ANY],
  // Conversion functions
  ["array", 1, 1], ["base64", 1, 1], ["base64ToBinary", 1, 1], ["base64ToString", 1, 1],
  ["binary", 1, 1], ["bool", 1, 1], ["createArray", 2, ANY], ["dataUri", 1, 1],
  ["dataUriToBinary", 1, 1], ["dataUriToString", 1, 1], ["decimal", 1, 1],
  // decodeBase64 is "deprecated" with no syntax block now; arity from the guide's 2021 edition.
  ["decodeBase64", 1, 1], ["decodeDataUri", 1, 1], ["decodeUriComponent", 1, 1],
  ["encodeUriComponent", 1, 1], ["float", 1, 2], ["int", 1, 1], ["json", 1, 1], ["string", 1, 1],
  ["uriComponent", 1, 1], ["uriComponentToBinary", 1, 1], ["uriComponentToString", 1, 1],
  ["xml", 1, 1],
  // Math functions (max/min take either the numbers or one array of them)
  ["add", 2, 2], ["div", 2, 2], ["max", 1, ANY], ["min", 1, ANY], ["mod", 2, 2], ["mul", 2, 2],
  ["rand", 2, 2], ["range", 2, 2], ["sub", 2, 2],
  // Date and time functions
  ["addDays", 2, 3], ["addHours", 2, 3], ["addMinutes", 2, 3], ["addSeconds", 2, 3],
  ["addToTime", 3, 4], ["convertFromUtc", 2, 3], ["convertTimeZone", 3, 4], ["convertToUtc", 2, 3],
  ["dateDifference", 2, 2], ["dayOfMonth", 1, 1], ["dayOfWeek", 1, 1], ["dayOfYear", 1, 1],
  ["formatDateTime", 1, 3], ["getFutureTime", 2, 3], ["getPastTime", 2, 3], ["parseDateTime", 1, 3],
  ["startOfDay", 1, 2], ["startOfHour", 1, 2], ["startOfMonth", 1, 2], ["subtractFromTime", 3, 4],
  ["ticks", 1, 1], ["utcNow", 0, 1],
  // Workflow functions. action(), trigger() and workflow() take no argument: their optional
  // <property> is written as a dereference, e.g. workflow().run.name.
  ["action", 0, 0],
  // actionBody/actionOutputs left the purpose tables in later editions; the 2021 edition
  // documents them as actionBody('<actionName>') and actionOutputs('<actionName>').
  ["actionBody", 1, 1], ["actionOutputs", 1, 1],
  ["actions", 1, 1], ["body", 1, 1], ["formDataMultiValues", 2, 2], ["formDataValue", 2, 2],
  ["items", 1, 1], ["iterationIndexes", 1, 1], ["listCallbackUrl", 0, 0], ["multipartBody", 2, 2],
  ["outputs", 1, 1], ["parameters", 1, 1], ["result", 1, 1], ["trigger", 0, 0],
  ["triggerBody", 0, 0], ["triggerFormDataMultiValues", 1, 1], ["triggerFormDataValue", 1, 1],
  ["triggerMultipartBody", 1, 1], ["triggerOutputs", 0, 0], ["variables", 1, 1], ["workflow", 0, 0],
  // URI parsing functions
  ["uriHost", 1, 1], ["uriPath", 1, 1], ["uriPathAndQuery", 1, 1], ["uriPort", 1, 1],
  ["uriQuery", 1, 1], ["uriScheme", 1, 1],
  // Manipulation functions: JSON & XML
  ["addProperty", 3, 3], ["coalesce", 1, ANY], ["removeProperty", 2, 2], ["setProperty", 3, 3],
  ["xpath", 2, 2],
];

export const WORKFLOW_FUNCTIONS: ReadonlyMap<string, FunctionArity> = new Map(
  TABLE.map(([name, minArgs, maxArgs]) => [name, Object.freeze({ minArgs, maxArgs })] as const),
);

// Case-insensitive: the docs are silent, and Microsoft's designer parser (Azure/LogicAppsUX) matches function names with its case-insensitive equals(), e.g. 'PARAMETERS'.
const BY_LOWER_NAME: ReadonlyMap<string, WorkflowFunction> = new Map(
  TABLE.map(([name, minArgs, maxArgs]) => [name.toLowerCase(), Object.freeze({ name, minArgs, maxArgs })] as const),
);

/** The documented function called `name`, in any letter case, or undefined if there is none. */
export function lookupFunction(name: string): WorkflowFunction | undefined {
  return BY_LOWER_NAME.get(name.toLowerCase());
}
