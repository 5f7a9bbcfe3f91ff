import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { ActionsJson, DefinitionJson, TriggerJson } from "../workflows/definitionJson";
import { tempDir } from "./tempDir";

// Synth imports index.ts under its own mocks, so each stack is synthesized in a child process, once per test run.
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

const cache = new Map<string, StackSynth>();
let dir: string | undefined;

/** What `kvbr synth --stack NAME` writes, read back. */
export function synthStack(stack: string): StackSynth {
  const cached = cache.get(stack);
  if (cached) return cached;
  dir ??= tempDir("kvbr-stacks-");
  const out = path.join(dir, stack);
  execFileSync("node", [path.join(ROOT, "bin", "kvbr"), "synth", "--stack", stack, "--out", out], { cwd: ROOT, timeout: 120_000, stdio: "pipe" });
  const read = (f: string) => JSON.parse(fs.readFileSync(path.join(out, f), "utf8"));
  const synth: StackSynth = { stack, resources: read("resources.json"), backup: read("workflows/backup.json"), restore: read("workflows/restore.json") };
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
