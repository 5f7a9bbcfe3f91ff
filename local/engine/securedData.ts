import { forEachCall, parseTemplate } from "../../workflows/expression/parser";
import { ActionJson } from "../../workflows/definitionJson";
import { Hidden, hiddenInHistory } from "../../workflows/secureData";

const READS_OUTPUTS = new Set(["body", "outputs", "actions", "actionbody", "actionoutputs"]);

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

/** What run history hides for an action: its own secureData, and what Azure hides because of what it reads. */
export function historyVisibility(action: ActionJson, index: ReadonlyMap<string, ActionJson>): Hidden {
  let v = visibility.get(action);
  if (!v) visibility.set(action, (v = computeVisibility(action, index)));
  return v;
}

/** Per action definition: it does not change during a run, and loops ask once per repetition. */
const visibility = new WeakMap<ActionJson, Hidden>();

function computeVisibility(action: ActionJson, index: ReadonlyMap<string, ActionJson>): Hidden {
  const names = new Set<string>();
  readsFrom(action.inputs, names);
  const sources = [...names].map((n) => index.get(n)).filter((s): s is ActionJson => s !== undefined);
  return hiddenInHistory(action, sources);
}
