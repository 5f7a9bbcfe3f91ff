import { evaluateValue } from "../expression/evaluate";
import { assertInputsFit, assertVariableFits, variableCharacters } from "../dataLimits";
import { jsonSize } from "../contentSize";
import { ActionFailure } from "../failure";
import { Frame } from "../frame";
import { ActionHandler, objectInputs } from "./handler";

type VariableType = "string" | "integer" | "float" | "boolean" | "array" | "object";
const TYPES: readonly VariableType[] = ["string", "integer", "float", "boolean", "array", "object"];
function typesOf(frame: Frame): Map<string, VariableType> {
  return frame.run.variableTypes as Map<string, VariableType>;
}

function matches(type: VariableType, value: unknown): boolean {
  switch (type) {
    case "string":
      return typeof value === "string";
    case "integer":
      return typeof value === "number" && Number.isInteger(value);
    case "float":
      return typeof value === "number";
    case "boolean":
      return typeof value === "boolean";
    case "array":
      return Array.isArray(value);
    case "object":
      return value !== null && typeof value === "object" && !Array.isArray(value);
  }
}

function check(name: string, type: VariableType, value: unknown): void {
  if (value !== null && !matches(type, value)) {
    throw new ActionFailure("InvalidVariableValue", `The variable '${name}' of type '${type}' cannot hold the value ${JSON.stringify(value)}.`);
  }
}

function existing(frame: Frame, name: unknown, action: string): { key: string; type: VariableType } {
  if (typeof name !== "string") throw new ActionFailure("InvalidTemplate", `${action}: inputs.name must be a string`);
  const key = name.toLowerCase();
  const type = typesOf(frame).get(key);
  if (!type) throw new ActionFailure("InvalidVariable", `The variable '${name}' must be initialized by an InitializeVariable action before ${action} uses it.`);
  return { key, type };
}

export const initializeVariable: ActionHandler = async (_name, action, frame) => {
  const inputs = evaluateValue(objectInputs(action.inputs, "InitializeVariable"), frame) as { variables?: unknown };
  if (!Array.isArray(inputs.variables) || inputs.variables.length === 0) throw new ActionFailure("InvalidTemplate", "InitializeVariable inputs.variables must be a non-empty array");
  for (const v of inputs.variables as Array<{ name?: unknown; type?: unknown; value?: unknown }>) {
    const type = String(v.type).toLowerCase() as VariableType;
    if (typeof v.name !== "string" || !TYPES.includes(type)) {
      throw new ActionFailure("InvalidTemplate", `InitializeVariable: each variable needs a name and a type (${TYPES.join(", ")}); got ${JSON.stringify(v)}`);
    }
    const key = v.name.toLowerCase();
    if (typesOf(frame).has(key)) throw new ActionFailure("InvalidVariable", `The variable '${v.name}' is initialized more than once.`);
    const value = v.value === undefined ? null : v.value;
    check(v.name, type, value);
    typesOf(frame).set(key, type);
    store(frame, key, v.name, value);
  }
  return { inputs };
};

export const setVariable: ActionHandler = async (name, action, frame) => {
  const inputs = evaluateValue(objectInputs(action.inputs, "SetVariable"), frame) as { name?: unknown; value?: unknown };
  assertInputsFit(name, inputs, frame.run.limits);
  const { key, type } = existing(frame, inputs.name, "SetVariable");
  check(String(inputs.name), type, inputs.value);
  store(frame, key, String(inputs.name), inputs.value);
  return { inputs, outputs: { body: { name: inputs.name, value: inputs.value } } };
};

function increment(sign: 1 | -1): ActionHandler {
  return async (_name, action, frame) => {
    const inputs = evaluateValue(objectInputs(action.inputs, "IncrementVariable"), frame) as { name?: unknown; value?: unknown };
    const { key, type } = existing(frame, inputs.name, sign > 0 ? "IncrementVariable" : "DecrementVariable");
    if (type !== "integer" && type !== "float") throw new ActionFailure("InvalidVariable", `The variable '${String(inputs.name)}' is of type '${type}'; only integer and float variables can be incremented.`);
    const by = inputs.value ?? 1;
    if (typeof by !== "number") throw new ActionFailure("InvalidTemplate", `The increment value must be a number, got ${JSON.stringify(by)}.`);
    const value = ((frame.run.variables.get(key) as number | null) ?? 0) + sign * by;
    check(String(inputs.name), type, value);
    store(frame, key, String(inputs.name), value);
    return { inputs, outputs: { body: { name: inputs.name, value } } };
  };
}

/** Store a variable's new value, holding it to Azure's size limits first. */
function store(frame: Frame, key: string, name: string, value: unknown, characters = variableCharacters(value)): void {
  assertVariableFits(name, value, frame.run.limits, characters);
  frame.run.variables.set(key, value);
  frame.run.variableSizes.set(key, characters);
}

/** The value types Azure appends to an array ("only supports values of types 'Float, Integer, String, Boolean, Object'"). */
function appendable(variable: string, value: unknown): void {
  const only = "The action type 'AppendToArrayVariable' only supports values of types 'Float, Integer, String, Boolean, Object'.";
  if (value === null || value === undefined) throw new ActionFailure("BadRequest", `The value cannot be null. ${only}`);
  if (Array.isArray(value)) throw new ActionFailure("BadRequest", `The input value is of type 'Array' which cannot be appended to the variable '${variable}' of type 'Array'. ${only}`);
}

/**
 * Appends are atomic here (one JavaScript thread); Azure documents variables in parallel loops as
 * unpredictable, so a definition passing locally can still lose appends in Azure. The project guards this
 * by comparing counts after its loops. Run history shows an append's inputs only (no outputs), so what it
 * appends is hidden wherever its inputs are.
 */
export const appendToArrayVariable: ActionHandler = async (name, action, frame) => {
  const inputs = evaluateValue(objectInputs(action.inputs, "AppendToArrayVariable"), frame) as { name?: unknown; value?: unknown };
  assertInputsFit(name, inputs, frame.run.limits);
  const { key, type } = existing(frame, inputs.name, "AppendToArrayVariable");
  if (type !== "array") throw new ActionFailure("InvalidVariable", `The variable '${String(inputs.name)}' is of type '${type}'; AppendToArrayVariable needs an array.`);
  appendable(String(inputs.name), inputs.value);
  const current = (frame.run.variables.get(key) as unknown[] | null) ?? [];
  if (current.length >= frame.run.limits.arrayVariableItems) {
    throw new ActionFailure("BadRequest", `The number of array items in variable '${String(inputs.name)}' reached the limit: maximum '${frame.run.limits.arrayVariableItems}' and actual '${current.length}'.`);
  }
  const before = frame.run.variableSizes.get(key) ?? variableCharacters(current);
  store(frame, key, String(inputs.name), [...current, inputs.value], before + jsonSize(inputs.value) + (current.length > 0 ? 1 : 0));
  return { inputs };
};

export const appendToStringVariable: ActionHandler = async (name, action, frame) => {
  const inputs = evaluateValue(objectInputs(action.inputs, "AppendToStringVariable"), frame) as { name?: unknown; value?: unknown };
  assertInputsFit(name, inputs, frame.run.limits);
  const { key, type } = existing(frame, inputs.name, "AppendToStringVariable");
  if (type !== "string") throw new ActionFailure("InvalidVariable", `The variable '${String(inputs.name)}' is of type '${type}'; AppendToStringVariable needs a string.`);
  const text = typeof inputs.value === "string" ? inputs.value : JSON.stringify(inputs.value);
  const current = (frame.run.variables.get(key) as string | null) ?? "";
  store(frame, key, String(inputs.name), `${current}${text}`, current.length + text.length);
  return { inputs };
};

export const incrementVariable = increment(1);
export const decrementVariable = increment(-1);
