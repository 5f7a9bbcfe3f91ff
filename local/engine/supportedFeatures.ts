import { ActionJson } from "../../workflows/definitionJson";
import { UnsupportedFeature } from "./failure";

/** Properties whose meaning the engine implements, or which change nothing about a run (description, metadata, trackedProperties). */
const KNOWN_PROPERTIES = new Set([
  "type", "kind", "inputs", "runAfter", "actions", "else", "cases", "default", "expression", "foreach", "limit",
  "runtimeConfiguration", "operationOptions", "description", "metadata", "trackedProperties",
]);
const KNOWN_RUNTIME_CONFIGURATION = new Set(["concurrency", "secureData"]);
const KNOWN_OPERATION_OPTIONS = new Set(["sequential", "disableasyncpattern"]);

/**
 * A definition feature the engine would otherwise silently ignore (pagination, static results, action
 * timeouts, ...) fails the action with an error naming it, so a local success never hides a difference.
 */
export function checkSupported(name: string, action: ActionJson): void {
  for (const key of Object.keys(action)) {
    if (!KNOWN_PROPERTIES.has(key)) throw new UnsupportedFeature(`The property '${key}' (action '${name}')`);
  }
  for (const key of Object.keys(action.runtimeConfiguration ?? {})) {
    if (!KNOWN_RUNTIME_CONFIGURATION.has(key)) throw new UnsupportedFeature(`runtimeConfiguration.${key} (action '${name}')`);
  }
  for (const option of (action.operationOptions ?? "").split(",").map((o) => o.trim()).filter(Boolean)) {
    if (!KNOWN_OPERATION_OPTIONS.has(option.toLowerCase())) throw new UnsupportedFeature(`operationOptions '${option}' (action '${name}')`);
  }
  if (action.limit !== undefined && action.type !== "Until") throw new UnsupportedFeature(`An action timeout (limit on '${name}')`);
}
