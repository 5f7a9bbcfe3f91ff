import { expect } from "chai";
import * as path from "path";
import { PROJECT } from "../../../config";
import { runWorkflow } from "../../../local/engine/run";
import { FAKE_CLIENT, RecordingMocks, principalIdOf } from "../../../local/recordingMocks";
import { LocalStack } from "../../../local/stack/localStack";
import { OPERATOR_OBJECT_ID } from "../../../local/stack/operator";
import { ArmRun, StackClient } from "../../../local/stack/stackClient";
import { mocks } from "../../mocks";
import { ActionsJson } from "../../../workflows/definitionJson";
import { sharedAzurite } from "../../sharedAzurite";

const ROOT = path.join(__dirname, "..", "..", "..");
const b64url = (v: object) => Buffer.from(JSON.stringify(v)).toString("base64url");
/** A JWT nobody signed: what anyone (a workflow definition, a script) can write by hand. */
const forged = (claims: object) => `${b64url({ alg: "none", typ: "JWT" })}.${b64url(claims)}.${Buffer.from("anything").toString("base64url")}`;

describe("kvbr up refuses what Azure refuses (dev)", function () {
  this.timeout(120_000);
  let local: LocalStack;
  let session: StackClient;
  let outputs: Record<string, unknown>;
  const vaultHost = (key: string) => new URL(String(outputs[key])).hostname;
  const asBackupWorkflow = (actions: ActionsJson) =>
    runWorkflow({ triggers: { manual: { type: "Request", kind: "Http" } }, actions }, {
      hostRoutes: outputs.vaultUrls as Record<string, string>,
      identity: { principalId: principalIdOf(String(outputs.backupWorkflowName)), tenantId: FAKE_CLIENT.tenantId },
      trigger: { name: "manual", body: {} },
      timeScale: 0,
    });
  const runsOf = async (which: "backup" | "restore"): Promise<ArmRun[]> =>
    (await session.get<{ value: ArmRun[] }>(session.runUrl(which, "").replace("/runs/?", "/runs?"))).value;

  before(async () => {
    try {
      local = await LocalStack.up({ projectDir: ROOT, stack: "dev", seed: { secrets: 6, keys: 2, certificates: 1 }, timeScale: 0, azurite: await sharedAzurite() });
    } finally {
      mocks.install(PROJECT, "test");
    }
    outputs = local.describe();
    session = new StackClient(outputs);
  });
  afterEach(() => local?.host.idle());
  after(() => local?.stop());

  it("refuses a GET on a Request trigger declared with method POST (Azure: TriggerRequestMethodNotValid), and starts no run", async () => {
    const before = (await runsOf("backup")).length;
    const res = await fetch(String(outputs.backupTriggerUrl), { method: "GET" });
    const body = await res.text();
    await local.host.idle();
    expect(res.status, body).to.not.equal(202);
    expect(body).to.contain("TriggerRequestMethodNotValid");
    expect((await runsOf("backup")).length, "a run was started by a GET").to.equal(before);
  });

  it("runs the backup trigger one run at a time, as its runtimeConfiguration.concurrency.runs = 1 says", async () => {
    const [a, b] = await Promise.all([session.trigger("backup"), session.trigger("backup")]);
    await Promise.all([session.follow("backup", a), session.follow("backup", b)]);
    const span = async (id: string) => {
      const run = await session.get<ArmRun>(session.runUrl("backup", id));
      const acts = await session.get<{ value: Array<{ properties: { startTime: string } }> }>(session.runUrl("backup", id, "/actions"));
      return { start: Math.min(...acts.value.map((x) => Date.parse(x.properties.startTime))), end: Date.parse(run.properties.endTime!) };
    };
    const [x, y] = [await span(a), await span(b)];
    const overlap = x.start < y.end && y.start < x.end;
    expect(overlap, `run ${a} [${new Date(x.start).toISOString()}, ${new Date(x.end).toISOString()}] and run ${b} [${new Date(y.start).toISOString()}, ${new Date(y.end).toISOString()}] ran at once`).to.equal(false);
  });

  it("does not reach a vault through a port or scheme Key Vault does not serve (:8443, http://)", async () => {
    const host = vaultHost("sourceVaultUri");
    const auth = { type: "ManagedServiceIdentity", audience: "https://vault.azure.net" };
    const r = await asBackupWorkflow({
      WrongPort: { type: "Http", inputs: { method: "GET", uri: `https://${host}:8443/secrets?api-version=7.4`, authentication: auth }, runAfter: {} },
      PlainHttp: { type: "Http", inputs: { method: "GET", uri: `http://${host}/secrets?api-version=7.4`, authentication: auth }, runAfter: {} },
    });
    // Not routed, so they would leave the machine: refused, and the vault never sees them.
    for (const action of ["WrongPort", "PlainHttp"]) expect(r.actions[action].executions[0].error?.code, action).to.equal("LocalEngineRemoteHostRefused");
  });

  it("refuses a workflow's hand-written, unsigned token that claims the operator's object id (Azure: 401, the signature is not valid)", async () => {
    const host = vaultHost("sourceVaultUri");
    const token = forged({ aud: "https://vault.azure.net", oid: OPERATOR_OBJECT_ID, iss: `https://sts.windows.net/${FAKE_CLIENT.tenantId}/` });
    const r = await asBackupWorkflow({
      Read_a_secret: { type: "Http", inputs: { method: "GET", uri: `https://${host}/secrets/secret-0001?api-version=7.4`, headers: { Authorization: `Bearer ${token}` } }, runAfter: {} },
    });
    const out = r.actions.Read_a_secret.executions[0].outputs as { statusCode: number; body: unknown };
    expect(out.statusCode, `the backup workflow (list + backup only) read a secret's value: ${JSON.stringify(out.body)}`).to.equal(401);
  });

  it("the runs API refuses a token for another audience (the printed operatorToken is for https://vault.azure.net), an expired one, and an unsigned forgery", async () => {
    const url = session.runUrl("backup", "").replace("/runs/?", "/runs?");
    const status = async (token: string) => (await fetch(url, { headers: { Authorization: `Bearer ${token}` } })).status;
    const now = Math.floor(Date.now() / 1000);
    expect(await status(String(outputs.operatorToken)), "a Key Vault token accepted by the management API").to.equal(401);
    expect(await status(forged({ aud: "https://management.azure.com/", oid: OPERATOR_OBJECT_ID, exp: now - 3600 })), "an expired token accepted").to.equal(401);
    expect(await status(forged({ oid: OPERATOR_OBJECT_ID })), "a token with no audience or expiry accepted").to.equal(401);
  });

  it("refuses a trigger URL whose api-version, sp or sv was changed or dropped: the signature covers them", async () => {
    for (const key of ["api-version", "sp", "sv"]) {
      const url = new URL(String(outputs.backupTriggerUrl));
      url.searchParams.delete(key);
      expect((await fetch(url, { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" })).status, key).to.equal(401);
    }
  });

  it("shows in run history the vault URI the workflow asked for, not the emulator it was routed to", async () => {
    const run = await session.follow("backup", await session.trigger("backup"));
    const listed = await session.get<{ value: Array<{ name: string; properties: { inputsLink?: { uri: string } } }> }>(session.runUrl("backup", run.name, "/actions"));
    const withInputs = listed.value.filter((a) => a.properties.inputsLink && a.name.startsWith("List_"));
    const inputs = await Promise.all(withInputs.map(async (a) => (await fetch(a.properties.inputsLink!.uri)).json() as Promise<{ uri?: string }>));
    const uris = inputs.map((i) => i.uri).filter((u): u is string => typeof u === "string");
    expect(uris, "list pages with a URI in history").to.not.be.empty;
    for (const uri of uris) expect(uri).to.match(new RegExp(`^https://${vaultHost("sourceVaultUri").replace(/\./g, "\\.")}/`));
  });

  it("does not start a restore from a body that is not JSON though it says Content-Type: application/json", async () => {
    const res = await fetch(String(outputs.restoreTriggerUrl), { method: "POST", headers: { "Content-Type": "application/json" }, body: '{"backup": "backups/the-one-i-meant.json"' });
    const runId = res.headers.get("x-ms-workflow-run-id");
    const run = runId ? await session.follow("restore", runId) : undefined;
    expect(res.status, `a run started from a truncated body and ended ${run?.properties.status} (${JSON.stringify(run?.properties.error)})`).to.equal(400);
  });
});

describe("kvbr up: identities of the recorded workflows", () => {
  it("gives a workflow a managed identity only if the program asked for one (Azure: no identity block, no principalId, MSI calls fail)", () => {
    const { state } = new RecordingMocks().newResource({ type: "azure-native:logic:Workflow", name: "w", inputs: { workflowName: "w", location: "westeurope" }, custom: true } as never);
    expect(state.identity, "the mocks invent a SystemAssigned identity the program never requested").to.equal(undefined);
  });
});
