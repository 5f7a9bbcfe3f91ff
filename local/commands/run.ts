import * as fs from "fs";
import * as path from "path";
import { parseArgs } from "node:util";
import { LocalEnvironment } from "../environment";
import { runWorkflow } from "../engine/run";
import { Progress, ProgressStream } from "../progress";
import { objectCallActions } from "../../workflows/objectCalls";
import { RunRecord } from "../engine/runRecord";
import { countsOf } from "../inventoryCheck";
import { parseNonNegative, parseRate, parseVaultSpec } from "./vaultSpec";
import { describeSummary, summaryOf } from "./runSummary";
import { resolveWorkflow } from "./workflowInput";
import { AzuriteHandle } from "../blob/azurite";
import { stackPlan } from "../stackPlan";
import { workflowAccess } from "../workflowIdentities";

export const RUN_USAGE = `kvbr run --workflow FILE[:PARAMS] [--workflow ...] [--vault NAME=S[,K[,C]]]... [--trigger-body JSON]
         [--kv-latency MS] [--kv-throttle RATE] [--kv-errors RATE] [--time-scale X] [--dump-blobs DIR] [--json]
         [--expression-limit strict|documented] [--json-content envelope|object] [--blob-page-size N]
         [--allow-remote-hosts] [--identity backup|restore] [--kv-limits transactions|create]
  Run workflow definitions in order on the local engine against Azurite and Key Vault emulators.
  FILE is a definition or {definition, parameters} (synth output); PARAMS a JSON file of parameter values.
  In parameter values \${vault:NAME}, \${storageAccount} and \${container} point at the emulators.
  --workflow backup / restore: the project's own workflows (back up the first vault, restore into the second).
  Http actions reach only loopback unless --allow-remote-hosts is given (a synthesized definition run
  with its Azure parameters is refused before anything leaves the machine).
  Vaults answer 403 unless the stack's access policies allow the call, as in Azure: the first vault grants
  the backup workflow's identity list + backup, the second the restore workflow's restore + list. FILE
  workflows run as the --identity given (default backup).
  --time-scale X multiplies retry and Until waits (default 1: Azure's real intervals).
  --kv-limits: Key Vault's documented request limits per vault (4,000 transactions, 300 secret and 20 key
  creates per 10 s, the window scaled by --time-scale), with restores counted as transactions or as creates
  (which reading Key Vault applies is not documented).
  Where Azure's behaviour is unconfirmed, choose it: --expression-limit (does the 131,072-character limit
  cover base64ToString() and json() too? default strict: yes), --json-content (how Get blob content hands
  back JSON; default envelope, as observed), --blob-page-size (List blobs page size; default 5000).`;

interface RunSummary {
  workflow: string;
  status: string;
  error: RunRecord["error"] | null;
  actions: Record<string, { status: string; repetitions: number }>;
  http: { requests: number; byStatus: Record<string, number> };
  summary: Record<string, unknown> | null;
}

function summarize(label: string, run: RunRecord): RunSummary {
  return {
    workflow: label,
    status: run.status,
    error: run.error ?? null,
    actions: Object.fromEntries(Object.entries(run.actions).map(([name, h]) => [name, { status: h.status, repetitions: h.executions.length }])),
    http: { requests: run.counters.httpRequests, byStatus: run.counters.httpByStatus },
    summary: summaryOf(run) ?? null,
  };
}

async function dumpBlobs(env: LocalEnvironment, dir: string): Promise<void> {
  const container = env.azurite.serviceClient().getContainerClient(env.container);
  for (const blob of await env.listBlobs()) {
    const file = path.join(dir, blob.name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, await container.getBlobClient(blob.name).downloadToBuffer());
  }
}

function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw new Error(`${flag} must be one of ${allowed.join(", ")}, got '${value}'`);
  return value as T;
}

/** `azurite`: a running one to use (and leave running) instead of starting one. */
export async function kvbrRun(argv: string[], print: (line: string) => void = console.log, azurite?: AzuriteHandle, progressTo: ProgressStream = process.stderr): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      workflow: { type: "string", multiple: true },
      vault: { type: "string", multiple: true },
      "trigger-body": { type: "string" },
      "kv-latency": { type: "string" },
      "kv-throttle": { type: "string" },
      "kv-errors": { type: "string" },
      "time-scale": { type: "string" },
      "dump-blobs": { type: "string" },
      json: { type: "boolean" },
      "expression-limit": { type: "string" },
      "json-content": { type: "string" },
      "blob-page-size": { type: "string" },
      "allow-remote-hosts": { type: "boolean" },
      identity: { type: "string" },
      "kv-limits": { type: "string" },
    },
    strict: true,
    allowPositionals: false,
  });
  const workflows = values.workflow ?? [];
  if (workflows.length === 0) throw new Error(`--workflow is required\n${RUN_USAGE}`);
  const vaults = (values.vault ?? []).map(parseVaultSpec);
  let triggerBody: unknown;
  if (values["trigger-body"] !== undefined) {
    try {
      triggerBody = JSON.parse(values["trigger-body"]);
    } catch (err) {
      throw new Error(`--trigger-body is not JSON: ${(err as Error).message}`);
    }
  }
  const faults = {
    latencyMs: parseNonNegative("--kv-latency", values["kv-latency"]),
    throttleRate: parseRate("--kv-throttle", values["kv-throttle"]),
    errorRate: parseRate("--kv-errors", values["kv-errors"]),
  };
  const timeScale = parseNonNegative("--time-scale", values["time-scale"]) ?? 1;
  const expressionLimit = oneOf("--expression-limit", values["expression-limit"], ["strict", "documented"] as const);
  const jsonContentShape = oneOf("--json-content", values["json-content"], ["envelope", "object"] as const);
  const pageSize = parseNonNegative("--blob-page-size", values["blob-page-size"]);
  if (pageSize !== undefined && (!Number.isInteger(pageSize) || pageSize < 1)) throw new Error(`--blob-page-size must be a whole number of at least 1, got ${values["blob-page-size"]}`);

  const fileIdentity = oneOf("--identity", values.identity, ["backup", "restore"] as const) ?? "backup";
  const restoreCounts = oneOf("--kv-limits", values["kv-limits"], ["transactions", "create"] as const);
  if (restoreCounts && !(timeScale > 0)) throw new Error("--kv-limits needs a --time-scale above 0: the limits' 10-second window is scaled by it");
  const serviceLimits = restoreCounts ? { timeScale, restoreCounts } : undefined;

  const env = await LocalEnvironment.start({ vaults, faults, blob: { pageSize, jsonContentShape }, azurite, serviceLimits });
  try {
    // As the stack grants: the backup identity on the vault it backs up, the restore identity on its target.
    const plan = stackPlan();
    vaults.forEach((v, i) => (env.vault(v.name).accessPolicies = i === 0 ? [workflowAccess(plan, "backup")] : i === 1 ? [workflowAccess(plan, "restore")] : []));
    const inputs = workflows.map((w) => resolveWorkflow(w, env, vaults.map((v) => v.name), fileIdentity));
    const runs: RunSummary[] = [];
    // On a terminal: objects done of those the first vault holds, the rate, and the time left.
    const progress = new Progress(progressTo);
    const objects = vaults.length > 0 ? vaults[0].secrets + vaults[0].keys + vaults[0].certificates : 0;
    const calls = new Set([...objectCallActions("backup"), ...objectCallActions("restore")]);
    for (const input of inputs) {
      if (!values.json) print(`running ${input.label}...`);
      const onAction = progress.watch(input.label, objects, calls);
      const run = await runWorkflow(input.definition, {
        onAction,
        parameters: input.parameters,
        connectors: { azureblob: env.blobConnector },
        trigger: { body: triggerBody },
        timeScale,
        expressionLimit,
        allowRemoteHosts: values["allow-remote-hosts"] === true,
        workflowName: path.basename(input.label, ".json"),
        identity: input.identity,
      });
      progress.done();
      const summary = summarize(input.label, run);
      runs.push(summary);
      if (!values.json) {
        print(`  ${run.status}${run.error ? `: ${run.error.code}: ${run.error.message}` : ""} (${run.counters.actionExecutions} action executions, ${run.counters.httpRequests} HTTP requests)`);
        if (summary.summary) describeSummary(summary.summary).forEach((line) => print(line));
      }
    }
    if (values["dump-blobs"]) await dumpBlobs(env, path.resolve(values["dump-blobs"]));
    const failed = runs.find((r) => r.status !== "Succeeded");
    const last = runs[runs.length - 1];
    const report = {
      status: failed?.status ?? "Succeeded",
      error: failed?.error ?? null,
      actions: last.actions,
      summary: last.summary,
      http: {
        requests: runs.reduce((n, r) => n + r.http.requests, 0),
        byStatus: runs.reduce<Record<string, number>>((acc, r) => {
          for (const [s, n] of Object.entries(r.http.byStatus)) acc[s] = (acc[s] ?? 0) + n;
          return acc;
        }, {}),
      },
      vaults: Object.fromEntries([...env.vaults].map(([name, v]) => [name, countsOf(v.inventory())])),
      blobs: await env.listBlobs(),
      ...(runs.length > 1 ? { runs } : {}),
    };
    if (values.json) print(JSON.stringify(report));
    else {
      for (const [name, counts] of Object.entries(report.vaults)) print(`vault ${name}: ${JSON.stringify(counts)}`);
      for (const b of report.blobs) print(`blob ${b.name} (${b.size} bytes)`);
    }
    return failed ? 1 : 0;
  } finally {
    await env.stop();
  }
}
