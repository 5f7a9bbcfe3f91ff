/**
 * What a function implementation receives, and the argument checks they share. Every message names the
 * function and the parameter, in the shape of Azure's InvalidTemplate details, e.g. "The template language
 * function 'toLower' expects its first parameter to be of type string. The provided value is of type 'Integer'."
 */
import { EvaluationError } from "../errors";
import { ExpressionScope } from "../scope";
import { WdlNumber, isInteger, isWdlNumber } from "../numbers";
import { JsonObject, isObject, typeName } from "../values";
import { DEFAULT_LOCALE, resolveLocale } from "../locale";

export interface Call {
  /** The function's name as the reference guide spells it, whatever the case in the expression. */
  readonly name: string;
  readonly scope: ExpressionScope;
}

/**
 * Arguments arrive evaluated, left to right: WDL evaluates every argument, `if`, `and` and `or` included
 * (both branches of an if() run, as Azure does). A missing optional argument is absent from the array.
 */
export type FunctionImpl = (args: readonly unknown[], call: Call) => unknown;

const ORDINALS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"];

export function ordinal(index: number): string {
  return ORDINALS[index] ?? `${index + 1}th`;
}

/** An error about the call as a whole: `The template language function 'x' <detail>`. */
export function fail(call: Call, detail: string): EvaluationError {
  return new EvaluationError(`The template language function '${call.name}' ${detail}`);
}

export function wrongType(call: Call, index: number, expected: string, value: unknown): EvaluationError {
  return fail(call, `expects its ${ordinal(index)} parameter to be ${expected}. The provided value is of type '${typeName(value)}'.`);
}

export function stringArg(call: Call, args: readonly unknown[], index: number): string {
  const value = args[index];
  if (typeof value !== "string") throw wrongType(call, index, "of type string", value);
  return value;
}

export function integerArg(call: Call, args: readonly unknown[], index: number): number {
  const value = args[index];
  if (!isInteger(value)) throw wrongType(call, index, "an integer", value);
  return value;
}

export function numberArg(call: Call, args: readonly unknown[], index: number): WdlNumber {
  const value = args[index];
  if (!isWdlNumber(value)) throw wrongType(call, index, "an integer or a float", value);
  return value;
}

export function booleanArg(call: Call, args: readonly unknown[], index: number): boolean {
  const value = args[index];
  if (typeof value !== "boolean") throw wrongType(call, index, "a boolean", value);
  return value;
}

export function arrayArg(call: Call, args: readonly unknown[], index: number): readonly unknown[] {
  const value = args[index];
  if (!Array.isArray(value)) throw wrongType(call, index, "an array", value);
  return value;
}

export function objectArg(call: Call, args: readonly unknown[], index: number): JsonObject {
  const value = args[index];
  if (!isObject(value)) throw wrongType(call, index, "an object", value);
  return value;
}

/** An optional string argument: undefined when the call left it out. */
export function optionalString(call: Call, args: readonly unknown[], index: number): string | undefined {
  return args.length > index ? stringArg(call, args, index) : undefined;
}

/** The locale argument at `index`, validated; en-US when absent. */
export function localeArg(call: Call, args: readonly unknown[], index: number): string {
  const tag = optionalString(call, args, index);
  if (tag === undefined) return DEFAULT_LOCALE;
  const locale = resolveLocale(tag);
  if (!locale) throw fail(call, `was given the locale '${tag}', which is not valid or has no associated culture.`);
  return locale;
}
