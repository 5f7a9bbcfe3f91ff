import { RunLimits } from "./runLimits";
import { jsonSize } from "./contentSize";
import { ActionFailure } from "./failure";

/**
 * Azure's data limits for actions and variables (workflows/limits.ts), failing as Azure fails. Only the
 * array-variable message was found as Azure words it (seen in Power Automate, which runs the same engine:
 * microsoft/coe-starter-kit#5806); the codes and texts of the other limits are modelled on it.
 */

export interface ContentSizes {
  inputs: number;
  outputs: number;
}

/** Before an action acts: inputs over the limit never leave the runtime. */
export function assertInputsFit(name: string, inputs: unknown, limits: RunLimits): number {
  const size = jsonSize(inputs);
  if (size > limits.actionContentBytes) {
    throw new ActionFailure("ActionInputsTooLarge", `The inputs of action '${name}' are ${size} bytes, which exceeds the maximum of ${limits.actionContentBytes} bytes for a single action input.`);
  }
  return size;
}

/**
 * After an action ran: its outputs must fit too. (The combined limit, 209,715,200 bytes, is exactly twice the
 * single one, so it can only be passed where one side already is: there is nothing more to check.)
 */
export function contentSizes(name: string, inputs: unknown, outputs: unknown, limits: RunLimits): ContentSizes {
  const sizes = { inputs: assertInputsFit(name, inputs, limits), outputs: jsonSize(outputs) };
  if (sizes.outputs > limits.actionContentBytes) {
    throw new ActionFailure("ActionOutputsTooLarge", `The outputs of action '${name}' are ${sizes.outputs} bytes, which exceeds the maximum of ${limits.actionContentBytes} bytes for a single action output.`);
  }
  return sizes;
}

/** Characters a variable's content takes: a string's length, anything else its JSON text. */
export function variableCharacters(value: unknown): number {
  return typeof value === "string" ? value.length : jsonSize(value);
}

/** A variable may hold at most 104,857,600 characters and, as an array, 100,000 items. */
export function assertVariableFits(variable: string, value: unknown, limits: RunLimits, characters = variableCharacters(value)): void {
  if (Array.isArray(value) && value.length > limits.arrayVariableItems) {
    throw new ActionFailure("BadRequest", `The number of array items in variable '${variable}' reached the limit: maximum '${limits.arrayVariableItems}' and actual '${value.length}'.`);
  }
  if (characters > limits.variableCharacters) {
    throw new ActionFailure("BadRequest", `The size of variable '${variable}' reached the limit: maximum '${limits.variableCharacters}' characters and actual '${characters}'.`);
  }
}
