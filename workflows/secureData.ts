/**
 * `runtimeConfiguration.secureData`: which triggers and actions accept it, and what it hides in run
 * history. Source: MicrosoftDocs/azure-docs articles/logic-apps/logic-apps-securing-a-logic-app.md,
 * "Secure data in run history by using obfuscation". Managed connectors (ApiConnection) and Http support
 * both settings; the built-in operations below do not, and Azure refuses such a definition when it is
 * saved with InvalidSecureDataConfiguration (Azure/Azure-Sentinel pull request #13946: "Compose actions
 * only support "inputs" in secureData.properties"). Type names are compared in any letter case.
 */
const NO_SECURE_INPUTS = [
  "AppendToArrayVariable", "AppendToStringVariable", "DecrementVariable", "Foreach", "If", "IncrementVariable",
  "InitializeVariable", "Recurrence", "Scope", "SetVariable", "Switch", "Terminate", "Until",
];
/** Compose, ParseJson and Response have only "secure inputs", which hides their outputs as well. */
const INPUTS_ONLY = ["Compose", "ParseJson", "Response", "Wait"];

const lower = (types: string[]) => new Set(types.map((t) => t.toLowerCase()));
const NO_INPUTS = lower(NO_SECURE_INPUTS);
const NO_OUTPUTS = lower([...NO_SECURE_INPUTS, ...INPUTS_ONLY]);
/** Secure inputs on these also hide their outputs; and what reads their hidden outputs is not hidden. */
const INPUTS_HIDE_OUTPUTS = lower(["Compose", "ParseJson", "Response"]);

export const SECURE_PROPERTIES = ["inputs", "outputs"] as const;

/** Which of secure inputs and secure outputs a trigger or action type supports. */
export function secureDataSupport(type: string): { inputs: boolean; outputs: boolean } {
  const t = type.toLowerCase();
  return { inputs: !NO_INPUTS.has(t), outputs: !NO_OUTPUTS.has(t) };
}

export interface Hidden {
  inputs: boolean;
  outputs: boolean;
}

interface Secured {
  type: string;
  runtimeConfiguration?: { secureData?: { properties?: readonly string[] } };
}

/** What an action's own secureData hides. */
export function ownSecureData(action: Secured): Hidden {
  const props = action.runtimeConfiguration?.secureData?.properties ?? [];
  const inputs = props.includes("inputs");
  return { inputs, outputs: props.includes("outputs") || (inputs && INPUTS_HIDE_OUTPUTS.has(action.type.toLowerCase())) };
}

/**
 * What run history hides for an action, given the actions whose outputs its inputs explicitly read:
 * - reading the outputs of an action with secure inputs or secure outputs hides this action's inputs, and
 *   for Compose, ParseJson and Response also their outputs ("doesn't enable" their own setting);
 * - reading the (hidden) outputs of a Compose, ParseJson or Response hides nothing: the docs say such a
 *   downstream action's inputs and outputs stay visible, so an action there must secure itself.
 */
export function hiddenInHistory(action: Secured, sources: readonly Secured[]): Hidden {
  const own = ownSecureData(action);
  const inherits = sources.some((source) => {
    if (INPUTS_HIDE_OUTPUTS.has(source.type.toLowerCase())) return false;
    const s = ownSecureData(source);
    return s.inputs || s.outputs;
  });
  if (!inherits) return own;
  return { inputs: true, outputs: own.outputs || INPUTS_HIDE_OUTPUTS.has(action.type.toLowerCase()) };
}
