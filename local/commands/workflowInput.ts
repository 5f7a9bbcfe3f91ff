import * as fs from "fs";
import { DefinitionJson, isDefinitionJson } from "../../workflows/definitionJson";
import { LocalEnvironment } from "../environment";
import { ProjectWorkflow, projectDefinition } from "../projectWorkflows";
import { ManagedIdentity } from "../engine/runOptions";
import { WORKFLOW_IDENTITIES } from "../workflowIdentities";

export interface WorkflowInput {
  label: string;
  definition: DefinitionJson;
  parameters: Record<string, unknown>;
  /** Whose managed identity the run's tokens carry. */
  identity: ManagedIdentity;
}

function readJson(file: string, what: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    throw new Error(`${what} '${file}' cannot be read`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new Error(`${what} '${file}' is not JSON: ${(err as Error).message}`);
  }
}

/** Synth output and ARM templates wrap each value as `{value: ...}`; a plain map is taken as is. */
function unwrap(parameters: unknown, file: string): Record<string, unknown> {
  if (parameters === undefined) return {};
  if (parameters === null || typeof parameters !== "object" || Array.isArray(parameters)) throw new Error(`parameters in '${file}' must be an object`);
  return Object.fromEntries(
    Object.entries(parameters).map(([k, v]) => [k, v !== null && typeof v === "object" && !Array.isArray(v) && Object.keys(v).length === 1 && "value" in v ? (v as { value: unknown }).value : v]),
  );
}

/** `${vault:NAME}`, `${storageAccount}` and `${container}` in parameter values point at the emulators. */
export function substitute(value: unknown, env: LocalEnvironment): unknown {
  if (typeof value === "string") {
    return value.replace(/\$\{(vault:([^}]+)|storageAccount|container)\}/g, (_m, what: string, vault?: string) =>
      vault !== undefined ? env.vault(vault).url : what === "storageAccount" ? env.storageAccount : env.container,
    );
  }
  if (Array.isArray(value)) return value.map((v) => substitute(v, env));
  if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, env)]));
  return value;
}

/**
 * `FILE[:PARAMS]`, or `backup` / `restore` for the project's own definitions with local parameters (backup
 * reads the first vault, restore writes the second).
 */
export function resolveWorkflow(spec: string, env: LocalEnvironment, vaultNames: string[], fileIdentity: ProjectWorkflow): WorkflowInput {
  if (spec === "backup" || spec === "restore") {
    const vault = spec === "backup" ? vaultNames[0] : vaultNames[1];
    if (!vault) throw new Error(`--workflow ${spec} needs ${spec === "backup" ? "a first" : "a second"} --vault to ${spec === "backup" ? "back up" : "restore into"}`);
    const run = env.projectRun(spec, vault);
    return { label: spec, definition: projectDefinition(spec), parameters: run.parameters ?? {}, identity: WORKFLOW_IDENTITIES[spec] };
  }
  const colon = spec.lastIndexOf(":");
  const [file, paramsFile] = colon > 0 && !/^[A-Za-z]:\\/.test(spec.slice(colon - 1)) ? [spec.slice(0, colon), spec.slice(colon + 1)] : [spec, undefined];
  const doc = readJson(file, "--workflow") as Record<string, unknown>;
  const isWrapped = doc !== null && typeof doc === "object" && "definition" in doc;
  const definition = isWrapped ? doc.definition : doc;
  if (!isDefinitionJson(definition) || typeof definition.triggers !== "object") {
    throw new Error(`--workflow '${file}': expected a workflow definition (with triggers and actions) or {definition, parameters}`);
  }
  let parameters = unwrap(isWrapped ? doc.parameters : undefined, file);
  if (paramsFile) parameters = { ...parameters, ...unwrap(readJson(paramsFile, "--workflow parameters"), paramsFile) };
  return { label: file, definition, parameters: substitute(parameters, env) as Record<string, unknown>, identity: WORKFLOW_IDENTITIES[fileIdentity] };
}
