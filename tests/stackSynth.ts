import * as path from "path";
import { PROJECT } from "../config";
import { synthesize } from "../local/synth";
import { ActionsJson, DefinitionJson, TriggerJson } from "../workflows/definitionJson";
import { mocks } from "./mocks";

const ROOT = path.join(__dirname, "..");

export interface SynthResource {
  type: string;
  name: string;
  parent: string | null;
  /** Whatever each provider takes; tests read into it freely. */
  inputs: Record<string, any>;
}

export interface StackSynth {
  stack: string;
  resources: SynthResource[];
  backup: SynthWorkflow;
  restore: SynthWorkflow;
}

export interface SynthWorkflow {
  definition: DefinitionJson & { triggers: Record<string, TriggerJson>; actions: ActionsJson };
  parameters: Record<string, { value: unknown }>;
}

const cache = new Map<string, Promise<StackSynth>>();

/**
 * What `kvbr synth --stack NAME` writes, as JSON: the real program under its own mocks, in this process.
 * The specs' mocks are installed again afterwards, so the component specs that run later are unaffected.
 */
export function synthStack(stack: string): Promise<StackSynth> {
  const cached = cache.get(stack);
  if (cached) return cached;
  const synth = (async (): Promise<StackSynth> => {
    try {
      const result = JSON.parse(JSON.stringify(await synthesize(ROOT, stack)));
      return { stack, resources: result.resources, backup: result.workflows.backup, restore: result.workflows.restore };
    } finally {
      mocks.install(PROJECT, "test");
    }
  })();
  cache.set(stack, synth);
  return synth;
}

/**
 * A resource's URN as Pulumi forms it: `urn:pulumi:<stack>::<project>::<parent types>$<type>::<name>`. A change
 * to any part of it (type, name or a parent's type) makes Pulumi replace the resource unless an alias maps it.
 */
export function urnOf(synth: StackSynth, resource: SynthResource, project = "kv-backup-restore"): string {
  const byName = new Map(synth.resources.map((r) => [r.name, r]));
  const types: string[] = [resource.type];
  for (let parent = resource.parent; parent !== null; ) {
    const p = byName.get(parent);
    if (!p) throw new Error(`${resource.name}: parent ${parent} was not registered`);
    types.unshift(p.type);
    parent = p.parent;
  }
  return `urn:pulumi:${synth.stack}::${project}::${types.join("$")}::${resource.name}`;
}
