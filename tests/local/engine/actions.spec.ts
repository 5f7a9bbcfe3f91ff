import { expect } from "chai";
import { runWorkflow } from "../../../local/engine/run";
import { ScriptedServer, outputsOf, run, refusal } from "./helpers";
import { SECURED } from "../../../local/engine/runRecord";
import { ConnectorRequest } from "../../../local/engine/connector";
import { isLoopbackHost } from "../../../local/engine/actions/http";

const after = (name: string, ...statuses: string[]) => ({ [name]: statuses.length ? statuses : ["Succeeded"] });

describe("local engine: data actions", () => {
  it("ParseJson parses string content and checks it against the schema", async () => {
    const schema = { type: "object", properties: { n: { type: "integer" } }, required: ["n"] };
    const ok = await run({ P: { type: "ParseJson", inputs: { content: '{"n": 2}', schema } } });
    expect(outputsOf(ok, "P")).to.deep.equal({ body: { n: 2 } });
    const bad = await run({ P: { type: "ParseJson", inputs: { content: '{"n": "2"}', schema } } });
    expect(bad.actions.P.executions[0].error).to.deep.equal({ code: "ValidationFailed", message: "The schema validation failed: $.n: expected integer, got string" });
    const broken = await run({ P: { type: "ParseJson", inputs: { content: '{"n": ', schema } } });
    expect(broken.actions.P.executions[0].error!.code).to.equal("InvalidJSON");
  });

  it("ParseJson says where content is not JSON without quoting it: errors are never secured", async () => {
    const content = '{"value": "SECRETSECRETSECRET" SECRETSECRET}';
    const r = await run({ P: { type: "ParseJson", inputs: { content, schema: {} }, runtimeConfiguration: { secureData: { properties: ["inputs"] } } } });
    const error = r.actions.P.executions[0].error!;
    expect(error.message).to.match(/^ParseJson: the content is not valid JSON \(at position \d+\)\.$/);
    expect(JSON.stringify(r)).to.not.contain("SECRET");
  });

  it("Query filters with item() and Select maps", async () => {
    const r = await run({
      Q: { type: "Query", inputs: { from: "@range(1, 6)", where: "@equals(mod(item(), 2), 0)" } },
      S: { type: "Select", inputs: { from: "@body('Q')", select: { v: "@item()", double: "@mul(item(), 2)" } }, runAfter: after("Q") },
    });
    expect(outputsOf(r, "Q")).to.deep.equal({ body: [2, 4, 6] });
    expect(outputsOf(r, "S")).to.deep.equal({ body: [{ v: 2, double: 4 }, { v: 4, double: 8 }, { v: 6, double: 12 }] });
  });

  it("Query refuses a where that is not a boolean", async () => {
    const r = await run({ Q: { type: "Query", inputs: { from: "@range(1, 2)", where: "@item()" } } });
    expect(r.actions.Q.executions[0].error!.message).to.equal("The 'where' of 'Q' must evaluate to a boolean, got 1.");
  });
});

describe("local engine: Http", () => {
  let server: ScriptedServer;
  let url: string;
  let script: (i: number) => { status: number; body?: unknown };
  beforeEach(async () => {
    server = new ScriptedServer((_req, i) => script(i));
    url = await server.start();
  });
  afterEach(() => server.stop());

  it("sends method, queries, JSON body and a managed identity token for the audience", async () => {
    script = () => ({ status: 200, body: { ok: true } });
    const r = await run({
      Call: {
        type: "Http",
        inputs: { method: "POST", uri: `${url}/x`, queries: { "api-version": "2025-07-01" }, body: { a: 1 }, authentication: { type: "ManagedServiceIdentity", audience: "https://vault.azure.net" } },
      },
    });
    expect(r.status).to.equal("Succeeded");
    const seen = server.requests[0];
    expect(seen.url).to.equal("/x?api-version=2025-07-01");
    expect(JSON.parse(seen.body)).to.deep.equal({ a: 1 });
    expect(seen.headers["content-type"]).to.equal("application/json");
    const token = String(seen.headers.authorization).replace(/^Bearer /, "");
    expect(JSON.parse(Buffer.from(token.split(".")[1], "base64url").toString()).aud).to.equal("https://vault.azure.net");
    expect(outputsOf(r, "Call")).to.include({ statusCode: 200 });
    expect((outputsOf(r, "Call") as { body: unknown }).body).to.deep.equal({ ok: true });
    expect(JSON.stringify(r.actions.Call.executions[0].inputs)).to.not.contain("Bearer");
  });

  it("sends nothing to a host that is not loopback unless remote hosts are allowed", async () => {
    script = () => ({ status: 200, body: {} });
    const remote = await run({ Call: { type: "Http", inputs: { method: "GET", uri: "https://kvbr-src.vault.azure.net/secrets?api-version=2025-07-01" } } });
    expect(remote.actions.Call.executions[0].error).to.deep.equal({
      code: "LocalEngineRemoteHostRefused",
      message: "'Call': the local engine sends requests only to loopback, and kvbr-src.vault.azure.net is not; point the parameters at the emulators, or allow remote hosts explicitly (kvbr run --allow-remote-hosts).",
    });
    expect(remote.counters.httpRequests).to.equal(0);
    // 0.0.0.0 is not a loopback address, yet a connection to it stays on this machine: the flag lets it through.
    const anyAddress = url.replace("127.0.0.1", "0.0.0.0");
    expect((await run({ Call: { type: "Http", inputs: { method: "GET", uri: anyAddress } } })).status).to.equal("Failed");
    expect(server.requests).to.have.length(0);
    expect((await run({ Call: { type: "Http", inputs: { method: "GET", uri: anyAddress } } }, { allowRemoteHosts: true })).status).to.equal("Succeeded");
    expect(server.requests).to.have.length(1);
  });

  it("sends a routed host's requests to its local server, path and query kept, and carries the identity's object id", async () => {
    script = () => ({ status: 200, body: {} });
    const r = await run(
      { Call: { type: "Http", inputs: { method: "GET", uri: "https://KVBR-SRC.vault.azure.net/secrets?api-version=2025-07-01", authentication: { type: "ManagedServiceIdentity", audience: "https://vault.azure.net" } } } },
      { hostRoutes: { "kvbr-src.vault.azure.net": `${url}/` }, identity: { principalId: "principal-of-kvbr-backup" } },
    );
    expect(r.status).to.equal("Succeeded");
    expect(server.requests[0].url).to.equal("/secrets?api-version=2025-07-01");
    const token = String(server.requests[0].headers.authorization).replace(/^Bearer /, "");
    expect(JSON.parse(Buffer.from(token.split(".")[1], "base64url").toString())).to.include({ oid: "principal-of-kvbr-backup" });
    // A route to a host that is not loopback is still refused.
    const away = await run({ Call: { type: "Http", inputs: { method: "GET", uri: "https://kvbr-src.vault.azure.net/secrets" } } }, { hostRoutes: { "kvbr-src.vault.azure.net": "https://example.com/" } });
    expect(away.actions.Call.executions[0].error?.code).to.equal("LocalEngineRemoteHostRefused");
  });

  it("fails a managed-identity call of a workflow without an identity, sending nothing", async () => {
    const r = await run({ Call: { type: "Http", inputs: { method: "GET", uri: url, authentication: { type: "ManagedServiceIdentity", audience: "https://vault.azure.net" } } } }, { identity: null });
    expect(r.actions.Call.executions[0].error?.code).to.equal("ManagedIdentityNotEnabled");
    expect(server.requests).to.have.length(0);
  });

  it("never starts inline code without a linked integration account", async () => {
    const definition = { triggers: { manual: { type: "Request", kind: "Http" } }, actions: { Code: { type: "JavaScriptCode", inputs: { code: "return 1;" } } } };
    const unlinked = await runWorkflow(definition, { integrationAccountLinked: false });
    expect(unlinked.status).to.equal("Failed");
    expect(unlinked.error).to.deep.equal({ code: "IntegrationAccountRequired", message: "The workflow is not linked to an integration account, which inline code needs: Code." });
    expect(unlinked.actions).to.deep.equal({});
    expect((await runWorkflow(definition, { integrationAccountLinked: true })).status).to.equal("Succeeded");
  });

  it("counts as loopback only 127.0.0.0/8, ::1 and localhost", () => {
    for (const host of ["127.0.0.1", "127.8.9.10", "[::1]", "localhost", "LOCALHOST"]) expect(isLoopbackHost(host), host).to.equal(true);
    for (const host of ["0.0.0.0", "10.0.0.1", "127.0.0.1.example.com", "localhost.example.com", "vault.azure.net", "[::ffff:10.0.0.1]"]) expect(isLoopbackHost(host), host).to.equal(false);
  });

  it("retries 429 and 503 under the default policy and succeeds", async () => {
    script = (i) => (i < 2 ? { status: i === 0 ? 429 : 503 } : { status: 200, body: {} });
    const r = await run({ Call: { type: "Http", inputs: { method: "GET", uri: url } } });
    expect(r.status).to.equal("Succeeded");
    expect(server.requests).to.have.length(3);
    expect(r.counters).to.deep.include({ httpRequests: 3, retries: 2 });
    expect(r.counters.httpByStatus).to.deep.equal({ 200: 1, 429: 1, 503: 1 });
  });

  it("gives up after the policy's count, and never retries a 409", async () => {
    script = () => ({ status: 429 });
    const r = await run({ Call: { type: "Http", inputs: { method: "GET", uri: url, retryPolicy: { type: "fixed", count: 2, interval: "PT5S" } } } });
    expect(server.requests).to.have.length(3);
    expect(r.actions.Call.executions[0].error!.code).to.equal("TooManyRequests");
    script = () => ({ status: 409, body: { error: { code: "Conflict", message: "taken" } } });
    const c = await run({
      Call: { type: "Http", inputs: { method: "POST", uri: url } },
      Handle: { type: "Compose", inputs: "@concat(string(outputs('Call')?['statusCode']), ' ', body('Call')?['error']?['message'])", runAfter: after("Call", "Failed") },
    });
    expect(server.requests).to.have.length(4);
    expect(outputsOf(c, "Handle")).to.equal("409 taken");
    expect(c.actions.Call.executions[0].code).to.equal("Conflict");
  });

  it("does not retry under policy none", async () => {
    script = () => ({ status: 503 });
    await run({ Call: { type: "Http", inputs: { method: "GET", uri: url, retryPolicy: { type: "none" } } } });
    expect(server.requests).to.have.length(1);
  });

  it("refuses a retry policy outside Azure's ranges, naming the field", async () => {
    script = () => ({ status: 200 });
    const r = await run({ Call: { type: "Http", inputs: { method: "GET", uri: url, retryPolicy: { type: "fixed", count: 91, interval: "PT5S" } } } });
    expect(refusal(r)).to.deep.equal({ code: "InvalidTemplate", message: "The workflow definition is not valid: actions.Call.inputs.retryPolicy.count: retry count 91 is outside 1-90" });
  });

  it("hides secured inputs and outputs in run history but not from expressions", async () => {
    script = () => ({ status: 200, body: { value: "secret" } });
    const r = await run(
      {
        Call: { type: "Http", inputs: { method: "GET", uri: url }, runtimeConfiguration: { secureData: { properties: ["inputs", "outputs"] } } },
        Init: { type: "InitializeVariable", inputs: { variables: [{ name: "seen", type: "array", value: [] }] }, runAfter: after("Call") },
        Keep: { type: "AppendToArrayVariable", inputs: { name: "seen", value: "@body('Call')['value']" }, runAfter: after("Init") },
        Measure: { type: "Compose", inputs: "@length(body('Call')['value'])", runAfter: after("Keep") },
        Report: { type: "Compose", inputs: "@outputs('Measure')", runAfter: after("Measure") },
      },
    );
    expect(r.actions.Call.executions[0]).to.include({ inputs: SECURED, outputs: SECURED });
    // Reading secured outputs hides the reader's inputs (a variable action cannot secure itself)...
    expect(r.actions.Keep.executions[0].inputs).to.equal(SECURED);
    // ...and for Compose, ParseJson and Response their outputs too, while expressions still see the value;
    expect(r.actions.Measure.executions[0]).to.include({ inputs: SECURED, outputs: SECURED });
    // but what reads a Compose's hidden outputs is not hidden, as the docs warn.
    expect(r.actions.Report.executions[0]).to.include({ inputs: 6, outputs: 6 });
  });

  it("hides the inputs of what reads an action that secures only its inputs", async () => {
    script = () => ({ status: 200, body: { value: "derived" } });
    const r = await run({
      Call: { type: "Http", inputs: { method: "GET", uri: url }, runtimeConfiguration: { secureData: { properties: ["inputs"] } } },
      Use: { type: "Query", inputs: { from: "@createArray(body('Call')['value'], 'x')", where: "@equals(item(), 'x')" }, runAfter: after("Call") },
    });
    expect(r.actions.Call.executions[0].inputs).to.equal(SECURED);
    expect(r.actions.Call.executions[0].outputs).to.not.equal(SECURED);
    expect(r.actions.Use.executions[0].inputs).to.equal(SECURED);
    expect(r.actions.Use.executions[0].outputs).to.deep.equal({ body: ["x"] });
  });

  it("keeps inputs visible when they read only unsecured outputs", async () => {
    script = () => ({ status: 200, body: { value: "public" } });
    const r = await run({
      Call: { type: "Http", inputs: { method: "GET", uri: url } },
      Use: { type: "Compose", inputs: "@body('Call')['value']", runAfter: after("Call") },
    });
    expect(r.actions.Use.executions[0].inputs).to.equal("public");
  });
});

describe("local engine: ApiConnection and JavaScriptCode", () => {
  const connections = { $connections: { type: "Object", defaultValue: {} } };
  const blobEntry = { azureblob: { connectionId: "/subs/x/connections/blob", connectionName: "blob", id: "/subs/x/managedApis/azureblob" } };

  it("routes an ApiConnection through the connector named by its $connections entry", async () => {
    const seen: ConnectorRequest[] = [];
    const connector = { handle: async (req: ConnectorRequest) => (seen.push(req), { statusCode: 200, headers: {}, body: { Name: "a.json" } }) };
    const r = await run(
      {
        Write: {
          type: "ApiConnection",
          inputs: { host: { connection: { name: "@parameters('$connections')['azureblob']['connectionId']" } }, method: "post", path: "/v2/datasets/x/files", queries: { name: "a.json" }, body: { a: 1 } },
        },
      },
      { parameters: { $connections: blobEntry }, connectors: { azureblob: connector } },
      connections,
    );
    expect(r.status).to.equal("Succeeded");
    expect(seen).to.deep.equal([{ method: "post", path: "/v2/datasets/x/files", queries: { name: "a.json" }, headers: undefined, body: { a: 1 }, chunked: false }]);
    expect(r.counters.connectorCalls).to.equal(1);
  });

  it("asks the connector to chunk only when the action turns it on and its body is one action's output as written", async () => {
    const seen: ConnectorRequest[] = [];
    const connector = { handle: async (req: ConnectorRequest) => (seen.push(req), { statusCode: 200, headers: {}, body: {} }) };
    const write = (body: string, chunked: boolean) => ({
      type: "ApiConnection",
      inputs: { host: { connection: { name: "@parameters('$connections')['azureblob']['connectionId']" } }, method: "post", path: "/v2/datasets/x/files", body },
      runAfter: { Doc: ["Succeeded"] },
      ...(chunked ? { runtimeConfiguration: { contentTransfer: { transferMode: "Chunked" } } } : {}),
    });
    const r = await run(
      {
        Doc: { type: "Compose", inputs: { body: { a: 1 } } },
        // The documented pattern: the body field of a Compose, read with body().
        Body: write("@body('Doc')", true),
        Outputs: write("@outputs('Doc')", true),
        // An expression around the output keeps chunking from happening (logic-apps-handle-large-messages.md).
        Wrapped: write("@string(body('Doc'))", true),
        Off: write("@body('Doc')", false),
      },
      { parameters: { $connections: blobEntry }, connectors: { azureblob: connector } },
      connections,
    );
    expect(r.status).to.equal("Succeeded");
    expect(seen.map((q) => q.chunked)).to.have.members([true, false, false, false]);
    expect(seen.filter((q) => q.chunked).map((q) => q.body)).to.deep.equal([{ a: 1 }]);
  });

  it("fails naming a managed connector the engine does not have", async () => {
    const r = await run(
      { Send: { type: "ApiConnection", inputs: { host: { connection: { name: "/c/office" } }, method: "post", path: "/mail" } } },
      { parameters: { $connections: { office365: { connectionId: "/c/office", id: "/apis/office365" } } } },
      connections,
    );
    expect(r.actions.Send.executions[0].error!.message).to.equal("The managed connector 'office365' (action 'Send') is not supported by the local engine");
  });

  it("runs inline JavaScript with workflowContext and returns its value as body", async () => {
    const r = await run(
      {
        List: { type: "Compose", inputs: { names: ["b", "a"] } },
        Code: {
          type: "JavaScriptCode",
          inputs: { code: "var n = workflowContext.actions.List.outputs.names.slice(); n.sort(); return n.concat(workflowContext.trigger.outputs.body.x);" },
          runAfter: after("List"),
        },
        Use: { type: "Compose", inputs: "@body('Code')", runAfter: after("Code") },
      },
      { trigger: { body: { x: "c" } } },
    );
    expect(outputsOf(r, "Use")).to.deep.equal(["a", "b", "c"]);
  });

  it("fails inline code that throws, runs past 5 s or is longer than 1,024 characters", async () => {
    const code = (text: string) => ({ Code: { type: "JavaScriptCode", inputs: { code: text } } });
    const thrown = await run(code("throw new Error('boom');"));
    expect(thrown.actions.Code.executions[0].error!.message).to.equal("The inline code of 'Code' failed: boom");
    const long = await run(code(`return 1;${" ".repeat(1100)}`));
    expect(refusal(long).message).to.equal("The workflow definition is not valid: actions.Code.inputs.code: inline code is 1109 characters; Consumption allows 1024");
    // Its 5 s, lowered to 100 ms through the engine's limits.
    const looping = await run(code("while (true) {}"), { limits: { inlineCodeTimeoutMs: 100 } });
    expect(looping.actions.Code.executions[0].error!.message).to.contain("timed out");
  });

  it("gives inline code no require()", async () => {
    const r = await run({ Code: { type: "JavaScriptCode", inputs: { code: "return typeof require;" } } });
    expect(outputsOf(r, "Code")).to.deep.equal({ body: "undefined" });
  });
});
