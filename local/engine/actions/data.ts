import { evaluateValue } from "../expression/evaluate";
import { ActionFailure } from "../failure";
import { withItem } from "../frame";
import { Schema, schemaProblem } from "../jsonSchema";
import { ActionHandler, objectInputs } from "./handler";

export const compose: ActionHandler = async (_name, action, frame) => {
  const value = evaluateValue(action.inputs, frame);
  return { inputs: value, outputs: value };
};

/** Content that is a string is parsed as JSON; the result must satisfy the schema, as Azure validates it. */
export const parseJson: ActionHandler = async (_name, action, frame) => {
  const inputs = evaluateValue(objectInputs(action.inputs, "ParseJson"), frame) as { content?: unknown; schema?: unknown };
  let content = inputs.content;
  if (typeof content === "string") {
    try {
      content = JSON.parse(content);
    } catch (err) {
      // Only where: the parser's message quotes the content around the fault, and errors are never secured.
      const at = /position (\d+)/.exec((err as Error).message)?.[1];
      throw new ActionFailure("InvalidJSON", `ParseJson: the content is not valid JSON${at === undefined ? "" : ` (at position ${at})`}.`);
    }
  }
  const problem = schemaProblem(content, (inputs.schema ?? {}) as Schema);
  if (problem) throw new ActionFailure("ValidationFailed", `The schema validation failed: ${problem}`, { errors: [problem] });
  return { inputs, outputs: { body: content } };
};

function fromArray(inputs: Record<string, unknown>, type: string): unknown[] {
  if (!Array.isArray(inputs.from)) throw new ActionFailure("InvalidTemplate", `The '${type}' action's 'from' property must be an array, got ${inputs.from === null ? "null" : typeof inputs.from}.`);
  return inputs.from;
}

/** Filter array: `where` is evaluated per item with item() bound to it, and must be a boolean. */
export const query: ActionHandler = async (name, action, frame) => {
  const raw = objectInputs(action.inputs, "Query");
  const from = fromArray({ from: evaluateValue(raw.from, frame) }, "Query");
  const kept = from.filter((item, i) => {
    const keep = evaluateValue(raw.where, withItem(frame, name, i, item));
    if (typeof keep !== "boolean") throw new ActionFailure("InvalidTemplate", `The 'where' of '${name}' must evaluate to a boolean, got ${JSON.stringify(keep)}.`);
    return keep;
  });
  return { inputs: { from, where: raw.where }, outputs: { body: kept } };
};

export const select: ActionHandler = async (name, action, frame) => {
  const raw = objectInputs(action.inputs, "Select");
  const from = fromArray({ from: evaluateValue(raw.from, frame) }, "Select");
  const mapped = from.map((item, i) => evaluateValue(raw.select, withItem(frame, name, i, item)));
  return { inputs: { from, select: raw.select }, outputs: { body: mapped } };
};
