import { expect } from "chai";
import { IfAction, JavaScriptCodeAction, JsonObject, ParseJsonAction, QueryAction, SetVariableAction, WorkflowDefinition } from "../../workflows/definition";
import { buildRestoreWorkflow } from "../../workflows/restore";
import { validateDefinition } from "../../workflows/validate";
import { chainOrder, find, foreachLoops, httpActions, untilLoops } from "./helpers";
import { buildCase, readSnapshot } from "./snapshots/cases";

const restoreLoopsInOrder = (d: WorkflowDefinition): string[] =>
  chainOrder(d, Object.keys(d.actions).filter((n) => n.startsWith("Restore_each_")));
const notRestoredOutcome = (d: WorkflowDefinition, singular: string): unknown =>
  (find(d, `Record_${singular}_not_restored`).action as SetVariableAction & { inputs: { value: JsonObject } }).inputs.value.outcome;
const schemaOf = (d: WorkflowDefinition): JsonObject => (d.actions.Decode_backup as ParseJsonAction).inputs.schema;
const prop = (schema: JsonObject, ...path: string[]): JsonObject =>
  path.reduce((s, key) => (s.properties as JsonObject)[key] as JsonObject, schema);

describe("restore: buildRestoreWorkflow", () => {
  describe("golden files (the whole rendered definition)", () => {
    for (const file of ["restore.defaults.json", "restore.keys-secrets-fail.json"]) {
      it(`matches snapshots/${file}`, () => {
        const expected = readSnapshot(file);
        expect(buildCase(file)).to.deep.equal(expected);
      });
    }

    it("is deterministic, key order included", () => {
      expect(JSON.stringify(buildRestoreWorkflow())).to.equal(JSON.stringify(buildRestoreWorkflow()));
    });
  });

  const defaults = buildRestoreWorkflow();
  const failPolicy = buildRestoreWorkflow({ kinds: ["keys", "secrets"], conflictPolicy: "fail" });

  it("passes the validator for both option sets", () => {
    expect(validateDefinition(defaults)).to.deep.equal([]);
    expect(validateDefinition(failPolicy)).to.deep.equal([]);
  });

  it("restores through POST {vault}/{kind}/restore with the backup value verbatim, hidden both ways, with a retry policy", () => {
    const calls = httpActions(defaults).filter((h) => /\/restore'\)$/.test(h.action.inputs.uri));
    expect(calls.map((c) => c.name)).to.deep.equal(["Restore_certificate", "Restore_key", "Restore_secret"]);
    for (const { name, action } of calls) {
      const singular = name.replace("Restore_", "");
      expect(action.inputs.method).to.equal("POST");
      expect(action.inputs.uri).to.equal(`@concat(parameters('vaultBaseUrl'), '${singular}s/restore')`);
      expect(action.inputs.body).to.deep.equal({ value: `@items('Restore_each_${singular}')?['value']` });
      expect(action.runtimeConfiguration?.secureData?.properties).to.have.members(["inputs", "outputs"]);
      expect(action.inputs.retryPolicy?.type).to.be.oneOf(["exponential", "fixed"]);
      expect(action.inputs.retryPolicy?.count).to.be.within(1, 90);
    }
  });

  it("authenticates every Key Vault call with the MSI audience https://vault.azure.net", () => {
    expect(httpActions(defaults)).to.have.length(6); // a restore call and a confirmation list page per kind
    for (const { action } of httpActions(defaults)) {
      expect(action.inputs.authentication).to.deep.equal({ type: "ManagedServiceIdentity", audience: "https://vault.azure.net" });
    }
  });

  it("confirms by listing the target until nextLink is absent, 5,000 pages at most", () => {
    const loops = untilLoops(defaults);
    expect(loops.map((l) => l.name)).to.deep.equal(["List_all_target_certificates", "List_all_target_keys", "List_all_target_secrets"]);
    for (const { name, action } of loops) {
      const variable = `${name.replace("List_all_", "")}NextPage`;
      expect(action.expression).to.equal(`@empty(variables('${variable}'))`);
      expect(action.limit.count).to.equal(5000);
    }
    const chain = loops.flatMap((l) => [l.name, `Check_${l.name.replace("List_all_", "")}_listed_to_the_end`]);
    expect(chainOrder(defaults, chain)).to.deep.equal(chain);
    expect(defaults.actions.List_all_target_certificates.runAfter).to.have.keys("Restore_each_secret");
  });

  it("restores certificates, then keys, then secrets, following the runAfter chain", () => {
    expect(restoreLoopsInOrder(defaults)).to.deep.equal(["Restore_each_certificate", "Restore_each_key", "Restore_each_secret"]);
    expect(defaults.actions.Restore_each_key.runAfter).to.deep.equal({ Restore_each_certificate: ["Succeeded", "Failed", "TimedOut"] });
  });

  it("keeps restore order for kinds given out of order", () => {
    const d = buildRestoreWorkflow({ kinds: ["secrets", "keys", "certificates"] });
    expect(restoreLoopsInOrder(d)).to.deep.equal(["Restore_each_certificate", "Restore_each_key", "Restore_each_secret"]);
    expect(restoreLoopsInOrder(failPolicy)).to.deep.equal(["Restore_each_key", "Restore_each_secret"]);
  });

  it("writes nothing before the backup is found, read, decoded and its counts checked", () => {
    expect(defaults.actions.Get_backup.runAfter).to.deep.equal({ Pick_backup: ["Succeeded"] });
    expect(defaults.actions.Check_backup_encoding.runAfter).to.deep.equal({ Get_backup: ["Succeeded"] });
    expect(defaults.actions.Decode_backup.runAfter).to.deep.equal({ Check_backup_encoding: ["Succeeded"] });
    expect(defaults.actions.Filter_certificates.runAfter).to.deep.equal({ Decode_backup: ["Succeeded"] });
    expect(defaults.actions.Restore_each_certificate.runAfter).to.deep.equal({ Check_backup_counts: ["Succeeded"] });
    const check = defaults.actions.Check_backup_counts as IfAction;
    expect(check.else?.actions.Stop_inconsistent_backup).to.deep.include({ type: "Terminate" });
    for (const [stop, after] of [
      ["Stop_no_backup", "Pick_backup"],
      ["Stop_unreadable_backup", "Get_backup"],
      ["Stop_undecodable_backup", "Check_backup_encoding"],
      ["Stop_invalid_backup", "Decode_backup"],
    ]) {
      expect(defaults.actions[stop].type).to.equal("Terminate");
      expect(defaults.actions[stop].runAfter?.[after]).to.include("Failed");
    }
  });

  it("turns a 409 into 'skipped' under the skip policy and 'failed' under the fail policy", () => {
    const skip = notRestoredOutcome(defaults, "secret");
    const fail = notRestoredOutcome(failPolicy, "secret");
    expect(skip).to.equal("@if(equals(outputs('Restore_secret')?['statusCode'], 409), 'skipped', 'failed')");
    expect(fail).to.equal("failed");
    expect(skip).not.to.equal(fail);
    expect(find(defaults, "Record_secret_not_restored").action.runAfter).to.deep.equal({ Restore_secret: ["Failed", "TimedOut"] });
  });

  it("runs each restore Foreach with the configured concurrency, and decodes the document's pieces in order", () => {
    const restores = (d: WorkflowDefinition) => foreachLoops(d).filter((l) => l.name.startsWith("Restore_each_"));
    for (const { action } of restores(buildRestoreWorkflow({ concurrency: 3 }))) expect(action.runtimeConfiguration?.concurrency).to.deep.equal({ repetitions: 3 });
    for (const { action } of restores(defaults)) expect(action.runtimeConfiguration?.concurrency).to.deep.equal({ repetitions: 20 });
    expect(restores(defaults)).to.have.length(3);
    expect(find(defaults, "Decode_backup_pieces").action.runtimeConfiguration?.concurrency).to.deep.equal({ repetitions: 1 });
  });

  it("ends the run Failed when any item failed, and only counts 'failed' (not 'skipped') for that", () => {
    expect((defaults.actions.Failed_items as QueryAction).inputs.where).to.equal("@equals(item()?['outcome'], 'failed')");
    const fail = defaults.actions.Fail_if_any_failed as IfAction;
    expect(fail.expression).to.equal("@greater(length(body('Failed_items')), 0)");
    expect(fail.actions.Fail_restore.type === "Terminate" && fail.actions.Fail_restore.inputs.runStatus).to.equal("Failed");
    expect(Object.keys(defaults.actions).slice(-1)).to.deep.equal(["Fail_if_any_failed"]);
  });

  describe("the backup document check", () => {
    it("decodes with secure inputs; the blob read hides its outputs", () => {
      expect(defaults.actions.Decode_backup.runtimeConfiguration?.secureData).to.deep.equal({ properties: ["inputs"] });
      expect(defaults.actions.Get_backup.runtimeConfiguration?.secureData?.properties).to.include("outputs");
    });

    it("rejects a document with formatVersion 2 or another format (schema enums)", () => {
      const schema = schemaOf(defaults);
      expect(schema.required).to.include.members(["format", "formatVersion", "counts", "items"]);
      expect(prop(schema, "formatVersion").enum).to.deep.equal([1]);
      expect(prop(schema, "formatVersion").enum).not.to.include(2);
      expect(prop(schema, "format").enum).to.deep.equal(["kv-backup-restore"]);
    });

    it("requires a count for every kind and a known kind, a name and a value on every item", () => {
      const schema = schemaOf(defaults);
      expect(prop(schema, "counts").required).to.deep.equal(["certificates", "keys", "secrets"]);
      const item = (prop(schema, "items").items as JsonObject);
      expect(item.required).to.deep.equal(["kind", "name", "value"]);
      expect(prop(item, "kind").enum).to.deep.equal(["certificate", "key", "secret"]);
      expect(prop(item, "value").minLength).to.equal(1);
    });
  });

  describe("the Pick_backup inline JavaScript", () => {
    const pick = defaults.actions.Pick_backup as JavaScriptCodeAction;
    const code = pick.inputs.code;

    it("fits Consumption's 1,024-character limit", () => {
      expect(code.length).to.be.greaterThan(0).and.lessThan(1024);
    });

    it("parses as a JavaScript function body", () => {
      expect(() => new Function("workflowContext", code)).not.to.throw();
    });

    it("uses only Node 8 syntax: no ?., ??, =>, let or const", () => {
      expect(code).not.to.include("?.");
      expect(code).not.to.include("??");
      expect(code).not.to.include("=>");
      expect(code).not.to.match(/\blet\b/);
      expect(code).not.to.match(/\bconst\b/);
    });

    it("declares its dependencies on List_backups and the trigger", () => {
      expect(pick.inputs.explicitDependencies).to.deep.equal({ actions: ["List_backups"], includeTrigger: true });
      expect(pick.runAfter).to.deep.equal({ List_backups: ["Succeeded"] });
    });
  });

  it("refuses an empty kinds list with its exact message", () => {
    expect(() => buildRestoreWorkflow({ kinds: [] })).to.throw("buildRestoreWorkflow: kinds must name at least one of certificates, keys, secrets");
  });
});
