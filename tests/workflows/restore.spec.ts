import { expect } from "chai";
import { ForeachAction, IfAction, JavaScriptCodeAction, JsonObject, ParseJsonAction, QueryAction, SelectAction, SetVariableAction, WorkflowDefinition } from "../../workflows/definition";
import { buildRestoreWorkflow } from "../../workflows/restore";
import { validateDefinition } from "../../workflows/validate";
import { chainOrder, find, foreachLoops, httpActions, sequenceOf, untilLoops } from "./helpers";
import { buildCase, readSnapshot } from "./snapshots/cases";

const restoreLoopsInOrder = (d: WorkflowDefinition): string[] =>
  sequenceOf(d, Object.keys(d.actions).filter((n) => n.startsWith("Restore_each_")));
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
    // Per kind: a restore call, and a list page before and after the restore.
    expect(httpActions(defaults)).to.have.length(9);
    for (const { action } of httpActions(defaults)) {
      expect(action.inputs.authentication).to.deep.equal({ type: "ManagedServiceIdentity", audience: "https://vault.azure.net" });
    }
  });

  it("lists the target before and after restoring, each until nextLink is absent, 5,000 pages at most", () => {
    const loops = untilLoops(defaults);
    const stages = ["before", "after"].flatMap((stage) => ["certificates", "keys", "secrets"].map((k) => `List_all_${stage}_${k}`));
    expect(loops.map((l) => l.name)).to.deep.equal(stages);
    for (const { name, action } of loops) {
      expect(action.expression).to.equal(`@empty(variables('${name.replace("List_all_", "")}NextPage'))`);
      expect(action.limit.count).to.equal(5000);
    }
    const chain = (stage: string) => loops.filter((l) => l.name.includes(`_${stage}_`)).flatMap((l) => [l.name, `Check_${l.name.replace("List_all_", "")}_listed_to_the_end`]);
    expect(chainOrder(defaults, chain("before"))).to.deep.equal(chain("before"));
    expect(chainOrder(defaults, chain("after"))).to.deep.equal(chain("after"));
    expect(defaults.actions.List_all_before_certificates.runAfter).to.deep.equal({ Check_backup_complete: ["Succeeded"] });
    expect(defaults.actions.List_all_after_certificates.runAfter).to.have.keys("Restore_each_secret");
  });

  it("restores certificates, then keys, then secrets, following the runAfter chain", () => {
    expect(restoreLoopsInOrder(defaults)).to.deep.equal(["Restore_each_certificate", "Restore_each_key", "Restore_each_secret"]);
    expect(defaults.actions.Keys_keys.runAfter).to.deep.equal({ Restore_each_certificate: ["Succeeded", "Failed", "TimedOut"] });
  });

  it("keeps restore order for kinds given out of order", () => {
    const d = buildRestoreWorkflow({ kinds: ["secrets", "keys", "certificates"] });
    expect(restoreLoopsInOrder(d)).to.deep.equal(["Restore_each_certificate", "Restore_each_key", "Restore_each_secret"]);
    expect(restoreLoopsInOrder(failPolicy)).to.deep.equal(["Restore_each_key", "Restore_each_secret"]);
  });

  it("writes nothing before the backup is found, read, decoded, checked and the target listed", () => {
    expect(defaults.actions.Get_backup.runAfter).to.deep.equal({ Pick_backup: ["Succeeded"] });
    expect(defaults.actions.Check_backup_encoding.runAfter).to.deep.equal({ Get_backup: ["Succeeded"] });
    expect(defaults.actions.Decode_backup.runAfter).to.deep.equal({ Check_backup_encoding: ["Succeeded"] });
    expect(defaults.actions.Filter_certificates.runAfter).to.deep.equal({ Decode_backup: ["Succeeded"] });
    expect(defaults.actions.Keys_certificates.runAfter).to.deep.equal({ Check_target_listed: ["Succeeded"] });
    expect(defaults.actions.Restore_each_certificate.runAfter).to.deep.equal({ Store_taken_certificates: ["Succeeded"] });
    for (const [check, stop] of [["Check_backup_counts", "Stop_inconsistent_backup"], ["Check_backup_complete", "Stop_incomplete_backup"], ["Check_target_listed", "Stop_target_unreadable"]]) {
      expect((defaults.actions[check] as IfAction).actions[stop]).to.deep.include({ type: "Terminate" });
    }
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

  it("never calls Key Vault for a name the target held before: skipped, or failed under the fail policy", () => {
    const taken = (d: WorkflowDefinition, kind: string) => (d.actions[`Record_taken_${kind}`] as SelectAction).inputs.select as JsonObject;
    expect(taken(defaults, "secrets").outcome).to.equal("skipped");
    expect(taken(failPolicy, "secrets").outcome).to.equal("failed");
    expect((defaults.actions.Restore_each_secret as ForeachAction).foreach).to.equal("@body('To_restore_secrets')");
    expect((defaults.actions.To_restore_secrets as QueryAction).inputs.where).to.equal("@not(contains(outputs('Present_secrets'), concat('secret/', toLower(item()?['name']))))");
  });

  it("counts a 409 on a name absent before as a conflict, never as skipped", () => {
    expect(notRestoredOutcome(defaults, "secret")).to.equal("@if(equals(outputs('Restore_secret')?['statusCode'], 409), 'conflict', 'failed')");
    expect(notRestoredOutcome(failPolicy, "secret")).to.equal(notRestoredOutcome(defaults, "secret"));
    expect(find(defaults, "Record_secret_not_restored").action.runAfter).to.deep.equal({ Restore_secret: ["Failed", "TimedOut"] });
  });

  it("checks each restored object's name against the item's", () => {
    const record = (find(defaults, "Record_key_restored").action as SetVariableAction & { inputs: { value: JsonObject } }).inputs.value;
    expect(record.outcome).to.equal("@if(equals(toLower(coalesce(split(coalesce(body('Restore_key')?['key']?['kid'], ''), '/')?[4], '')), toLower(items('Restore_each_key')?['name'])), 'restored', 'failed')");
  });

  it("runs each restore Foreach with the configured concurrency, and decodes the document's pieces in order", () => {
    const restores = (d: WorkflowDefinition) => foreachLoops(d).filter((l) => l.name.startsWith("Restore_each_"));
    for (const { action } of restores(buildRestoreWorkflow({ concurrency: 3 }))) expect(action.runtimeConfiguration?.concurrency).to.deep.equal({ repetitions: 3 });
    for (const { action } of restores(defaults)) expect(action.runtimeConfiguration?.concurrency).to.deep.equal({ repetitions: 20 });
    expect(restores(defaults)).to.have.length(3);
    expect(find(defaults, "Decode_backup_pieces").action.runtimeConfiguration?.concurrency).to.deep.equal({ repetitions: 1 });
  });

  it("ends the run Failed when any item failed or conflicted, a name is missing in the target, or a listing was not whole", () => {
    expect((defaults.actions.Failed_items as QueryAction).inputs.where).to.equal("@or(equals(item()?['outcome'], 'failed'), equals(item()?['outcome'], 'conflict'))");
    const fail = defaults.actions.Fail_if_any_failed as IfAction;
    expect(fail.expression).to.equal(
      "@or(greater(length(body('Failed_items')), 0), greater(length(variables('missingInTarget')), 0), greater(length(variables('targetListingProblems')), 0))",
    );
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

    it("declares its dependencies on both listings, the time bound and the trigger", () => {
      expect(pick.inputs.explicitDependencies).to.deep.equal({ actions: ["List_backups", "List_partial_backups", "Latest_allowed_backup_time"], includeTrigger: true });
      expect(pick.runAfter).to.deep.equal({ Latest_allowed_backup_time: ["Succeeded"] });
      // A missing partial/ folder may be answered with an error: that is an empty folder, not a failure.
      expect(defaults.actions.Latest_allowed_backup_time.runAfter).to.deep.equal({ List_partial_backups: ["Succeeded", "Failed"] });
    });
  });

  it("refuses an empty kinds list with its exact message", () => {
    expect(() => buildRestoreWorkflow({ kinds: [] })).to.throw("buildRestoreWorkflow: kinds must name at least one of certificates, keys, secrets");
  });
});
