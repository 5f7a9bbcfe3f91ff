import { ActionJson } from "../../workflows/definitionJson";
import { UnsupportedFeature } from "./failure";

const KNOWN_RUNTIME_CONFIGURATION = new Set(["concurrency", "secureData", "contentTransfer"]);
const KNOWN_OPERATION_OPTIONS = new Set(["sequential", "disableasyncpattern"]);

/**
 * A definition feature Azure accepts but the engine would otherwise silently ignore (pagination, static
 * results, action timeouts, ...) fails the action with an error naming it, so a local success never hides a
 * difference. What Azure itself refuses never gets here: the validator has refused the definition.
 */
export function checkSupported(name: string, action: ActionJson): void {
  for (const key of Object.keys(action.runtimeConfiguration ?? {})) {
    if (!KNOWN_RUNTIME_CONFIGURATION.has(key)) throw new UnsupportedFeature(`runtimeConfiguration.${key} (action '${name}')`);
  }
  for (const option of (action.operationOptions ?? "").split(",").map((o) => o.trim()).filter(Boolean)) {
    if (!KNOWN_OPERATION_OPTIONS.has(option.toLowerCase())) throw new UnsupportedFeature(`operationOptions '${option}' (action '${name}')`);
  }
  if (action.limit !== undefined && action.type.toLowerCase() !== "until") throw new UnsupportedFeature(`An action timeout (limit on '${name}')`);
  // Http chunking is a protocol with the endpoint (ranges, 206 answers); only the connectors' chunking is emulated.
  if (action.runtimeConfiguration?.contentTransfer !== undefined && action.type.toLowerCase() !== "apiconnection") {
    throw new UnsupportedFeature(`Chunked transfer on a ${action.type} action ('${name}')`);
  }
}
