import { forEachCall, parseTemplate } from "../../workflows/expression/parser";
import { ActionDefinition } from "./definitionShape";

/** Compose, ParseJson and Response have secure inputs only, which hides their outputs as well. */
const INPUTS_ONLY = new Set(["Compose", "ParseJson", "Response"]);
const READS_OUTPUTS = new Set(["body", "outputs", "actions", "actionbody", "actionoutputs"]);

/** Which of an action's inputs and outputs run history hides, by its own secureData setting. */
export function ownSecureData(action: ActionDefinition): { inputs: boolean; outputs: boolean } {
  const props = action.runtimeConfiguration?.secureData?.properties ?? [];
  return { inputs: props.includes("inputs"), outputs: props.includes("outputs") || (INPUTS_ONLY.has(action.type) && props.includes("inputs")) };
}

/** Names of the actions whose outputs an action's inputs read, through body(), outputs() or actions(). */
function readsFrom(value: unknown, out: Set<string>): void {
  if (typeof value === "string") {
    if (!value.includes("@")) return;
    try {
      forEachCall(parseTemplate(value), (call) => {
        const arg = call.args[0];
        if (READS_OUTPUTS.has(call.name.toLowerCase()) && arg?.kind === "string") out.add(arg.value);
      });
    } catch {
      // A syntax error is reported when the inputs are evaluated.
    }
  } else if (Array.isArray(value)) value.forEach((v) => readsFrom(v, out));
  else if (value !== null && typeof value === "object") for (const [k, v] of Object.entries(value)) (readsFrom(k, out), readsFrom(v, out));
}

/**
 * As in Azure, an action that reads secured outputs has its inputs hidden in run history too (its own
 * outputs stay visible unless it secures them).
 */
export function historyVisibility(action: ActionDefinition, index: ReadonlyMap<string, ActionDefinition>): { inputs: boolean; outputs: boolean } {
  let v = visibility.get(action);
  if (!v) visibility.set(action, (v = computeVisibility(action, index)));
  return v;
}

/** Per action definition: it does not change during a run, and loops ask once per repetition. */
const visibility = new WeakMap<ActionDefinition, { inputs: boolean; outputs: boolean }>();

function computeVisibility(action: ActionDefinition, index: ReadonlyMap<string, ActionDefinition>): { inputs: boolean; outputs: boolean } {
  const own = ownSecureData(action);
  if (own.inputs) return own;
  const sources = new Set<string>();
  readsFrom(action.inputs, sources);
  const inheritsSecret = [...sources].some((name) => {
    const source = index.get(name);
    return source !== undefined && ownSecureData(source).outputs;
  });
  return { inputs: inheritsSecret, outputs: own.outputs };
}
