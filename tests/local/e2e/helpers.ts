import { LocalEnvironment, VaultSpec } from "../../../local/environment";
import { KeyVaultEmulator } from "../../../local/keyvault";
import { sharedAzurite } from "../../sharedAzurite";
import { projectDefinition } from "../../../local/projectWorkflows";
import { runWorkflow } from "../../../local/engine/run";
import { RunRecord } from "../../../local/engine/runRecord";
import { summaryOf as summaryOfRun } from "../../../local/commands/runSummary";
import { DefinitionJson } from "../../../workflows/definitionJson";
import { Connector, ConnectorRequest } from "../../../local/engine/connector";
import { ExpressionLimitReading } from "../../../local/engine/expression/scope";

/**
 * One LocalEnvironment for a describe block: started before its tests (handed to `use`), its blobs cleared
 * after each test, stopped after all of them.
 */
export function useEnvironment(use: (env: LocalEnvironment) => void): void {
  let env: LocalEnvironment | undefined;
  before(async () => {
    env = await LocalEnvironment.start({ azurite: await sharedAzurite() });
    use(env);
  });
  afterEach(() => env?.clearBlobs());
  after(() => env?.stop());
}

/** Waits are scaled to nothing: retries and Until cycles keep their order and counts, not their duration. */
export const TEST_TIME_SCALE = 0;

let counter = 0;
/** A fresh vault name per test, so tests sharing one environment never see each other's objects. */
export function vaultSpec(stem: string, secrets = 0, keys = 0, certificates = 0): VaultSpec {
  return { name: `${stem}-${++counter}`, secrets, keys, certificates };
}

export function backup(env: LocalEnvironment, vault: string, definition: DefinitionJson = projectDefinition("backup")): Promise<RunRecord> {
  return runWorkflow(definition, { ...env.projectRun("backup", vault), timeScale: TEST_TIME_SCALE });
}

export function restore(
  env: LocalEnvironment,
  vault: string,
  body: unknown = {},
  definition: DefinitionJson = projectDefinition("restore"),
  options: { connector?: Connector; expressionLimit?: ExpressionLimitReading } = {},
): Promise<RunRecord> {
  const run = env.projectRun("restore", vault);
  return runWorkflow(definition, {
    ...run,
    connectors: { azureblob: options.connector ?? env.blobConnector },
    trigger: { body },
    timeScale: TEST_TIME_SCALE,
    expressionLimit: options.expressionLimit,
  });
}

export function summaryOf(run: RunRecord): Record<string, unknown> {
  const summary = summaryOfRun(run);
  if (!summary) throw new Error(`the run produced no Summary: ${run.status} ${JSON.stringify(run.error)}`);
  return summary;
}

export function describeRun(run: RunRecord): string {
  const failed = Object.entries(run.actions)
    .filter(([, h]) => h.status === "Failed")
    .map(([n, h]) => `${n}: ${JSON.stringify(h.executions.find((e) => e.status === "Failed")?.error)}`);
  return `${run.status} ${JSON.stringify(run.error ?? null)}\n${failed.join("\n")}`;
}

export { asFormat1, backupBlobs, blobJson, readBackup, writeBlobJson } from "../../../local/backupFiles";

/** Restore calls a vault received (each attempt counts). */
export function restoreCalls(vault: KeyVaultEmulator): number {
  return Object.entries(vault.counters.byOperation)
    .filter(([op]) => op.endsWith(".restore"))
    .reduce((n, [, c]) => n + c, 0);
}

/** The backup blobs (values) that appear, even in part, anywhere in the runs' history. */
export function leaks(runs: RunRecord[], values: string[]): string[] {
  const history = JSON.stringify(runs.map((r) => [r.actions, r.error ?? null, r.trigger]));
  return values.filter((v) => history.includes(v.slice(0, 48)) || history.includes(v.slice(-48)));
}

/** The environment's blob connector, with the requests `failing` picks answered 500 (after doing them, if `afterDoing`). */
export function failingBlobs(env: LocalEnvironment, failing: (request: ConnectorRequest) => boolean, afterDoing = false): Connector {
  return {
    async handle(request) {
      if (!failing(request)) return env.blobConnector.handle(request);
      if (afterDoing) await env.blobConnector.handle(request);
      return { statusCode: 500, headers: {}, body: { status: 500, message: "InternalServerError (test fault)" } };
    },
  };
}
