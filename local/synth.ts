import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";
import * as pulumi from "@pulumi/pulumi";
import { PROJECT } from "../config";
import { RecordedResource, RecordingMocks, maskSecrets, revealSecrets } from "./recordingMocks";
import { program } from "../program";

export interface SynthResult {
  resources: Array<{ type: string; name: string; parent: string | null; inputs: unknown }>;
  workflows: Record<"backup" | "restore", { definition: unknown; parameters: unknown }>;
}

/**
 * Read `Pulumi.<stack>.yaml` into the flat `project:key -> string` map Pulumi hands a program: structured
 * values travel as JSON text. Encrypted values cannot be read offline, so they are refused by name.
 */
export function readStackFile(projectDir: string, stack: string): Record<string, string> {
  const file = path.join(projectDir, `Pulumi.${stack}.yaml`);
  if (!fs.existsSync(file)) throw new Error(`No stack file ${file}: create it or pick another --stack`);
  const text = fs.readFileSync(file, "utf8");
  // Pulumi hands a program a scalar's source text (`2025-07-01` stays a string, `7.10` keeps its zero), so
  // scalars are read with the failsafe schema; structured values keep YAML's core types inside their JSON.
  type Doc = { config?: Record<string, unknown> };
  const asText = ((yaml.load(text, { schema: yaml.FAILSAFE_SCHEMA }) ?? {}) as Doc).config ?? {};
  const typed = ((yaml.load(text, { schema: yaml.CORE_SCHEMA }) ?? {}) as Doc).config ?? {};
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(typed)) {
    if (value && typeof value === "object" && "secure" in value) throw new Error(`${file}: ${key} is encrypted; synth cannot read secrets offline`);
    const scalar = asText[key];
    out[key.includes(":") ? key : `${PROJECT}:${key}`] = value !== null && typeof value === "object" ? JSON.stringify(value) : typeof scalar === "string" ? scalar : "";
  }
  return out;
}

/** What the program registered for a stack, secrets revealed, and the values of its stack outputs. */
export interface RecordedStack {
  resources: RecordedResource[];
  outputs: Record<string, unknown>;
}

/**
 * Run the real program under Pulumi mocks with a stack's config, as `pulumi up` would. Each call installs
 * its own mocks and config, so one process can run several stacks; whoever had mocks installed before
 * installs them again afterwards.
 */
async function runUnderMocks(projectDir: string, stack: string): Promise<{ mocks: RecordingMocks; outputs: Record<string, unknown> }> {
  const mocks = new RecordingMocks();
  mocks.install(PROJECT, stack);
  pulumi.runtime.setAllConfig(readStackFile(projectDir, stack));
  const outputs = program();
  const values = await Promise.all(Object.entries(outputs).map(([key, o]: [string, pulumi.Output<unknown>]) => new Promise<[string, unknown]>((resolve) => o.apply((v) => resolve([key, v])))));
  await untilQuiet(mocks);
  if (mocks.unmockedCalls.length > 0) throw new Error(`synth: the program called ${mocks.unmockedCalls.join(", ")}, which the offline mocks do not answer`);
  return { mocks, outputs: Object.fromEntries(values) };
}

/** What the program registered for a stack, secrets revealed, and the values of its stack outputs. */
export async function recordStack(projectDir: string, stack: string): Promise<RecordedStack> {
  const { mocks, outputs } = await runUnderMocks(projectDir, stack);
  return { resources: mocks.resources.map((r) => ({ ...r, inputs: revealSecrets(r.inputs) as Record<string, unknown> })), outputs };
}

/** What `pulumi up` would register for a stack, secrets masked, as `kvbr synth` writes it. */
export async function synthesize(projectDir: string, stack: string): Promise<SynthResult> {
  const { mocks } = await runUnderMocks(projectDir, stack);
  const resources = [...mocks.resources]
    .sort((a, b) => a.name.localeCompare(b.name) || a.type.localeCompare(b.type))
    .map((r) => ({ type: r.type, name: r.name, parent: r.parent, inputs: maskSecrets(r.inputs) }));
  const workflow = (role: "backup" | "restore") => {
    const found = mocks.ofType("azure-native:logic:Workflow").filter((r) => r.parent?.endsWith(`-${role}`));
    if (found.length !== 1) throw new Error(`synth: expected one ${role} workflow, found ${found.length}`);
    return { definition: found[0].inputs.definition, parameters: maskSecrets(found[0].inputs.parameters) };
  };
  return { resources, workflows: { backup: workflow("backup"), restore: workflow("restore") } };
}

/** Registration is asynchronous: wait until no new resource has arrived for a few turns of the event loop. */
async function untilQuiet(mocks: RecordingMocks): Promise<void> {
  let seen = -1;
  let quietTurns = 0;
  while (quietTurns < 5) {
    await new Promise((resolve) => setTimeout(resolve, 10));
    quietTurns = mocks.resources.length === seen ? quietTurns + 1 : 0;
    seen = mocks.resources.length;
  }
}

export function writeSynth(result: SynthResult, outDir: string): string[] {
  fs.mkdirSync(path.join(outDir, "workflows"), { recursive: true });
  const files: Array<[string, unknown]> = [
    ["resources.json", result.resources],
    ["workflows/backup.json", result.workflows.backup],
    ["workflows/restore.json", result.workflows.restore],
  ];
  return files.map(([name, content]) => {
    const file = path.join(outDir, name);
    fs.writeFileSync(file, `${JSON.stringify(content, null, 2)}\n`);
    return file;
  });
}

/** A short table: each resource type with its logical names, in the order a reviewer reads them. */
export function summaryTable(resources: ReadonlyArray<Pick<RecordedResource, "type" | "name">>): string {
  const rows = resources.map((r) => [r.type, r.name]);
  const width = Math.max(...rows.map(([t]) => t.length), "TYPE".length);
  return [`${"TYPE".padEnd(width)}  NAME`, ...rows.map(([t, n]) => `${t.padEnd(width)}  ${n}`), `${resources.length} resources`].join("\n");
}
