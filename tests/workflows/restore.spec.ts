import { expect } from "chai";
import {
  ApiConnectionAction, ComposeAction, ForeachAction, IfAction, JavaScriptCodeAction, JsonObject, ParseJsonAction, QueryAction, SelectAction, SetVariableAction, UntilAction, WorkflowDefinition,
} from "../../workflows/definition";
import { buildRestoreWorkflow } from "../../workflows/restore";
import { backupSchema, partReadSchema, partSchema } from "../../workflows/backupDocument";
import { validateDefinition } from "../../workflows/validate";
import { evaluateString, evaluateValue } from "../../local/engine/expression/evaluate";
import { ActionRecord } from "../../local/engine/expression/scope";
import { Schema, schemaProblem } from "../../local/engine/jsonSchema";
import { FakeState, fakeScope } from "../local/engine/expression/fakeScope";
import { ancestorsOf, chainOrder, everyAction, find, foreachLoops, httpActions, sequenceOf, untilLoops } from "./helpers";
import { buildCase, readSnapshot } from "./snapshots/cases";

const KINDS = [
  { kind: "certificates", singular: "certificate" },
  { kind: "keys", singular: "key" },
  { kind: "secrets", singular: "secret" },
] as const;
const PARAMETERS = { vaultBaseUrl: "https://target.vault.azure.net/", keyVaultApiVersion: "7.4", containerName: "kv-backups", storageAccountName: "acct" };

const ev = (text: unknown, state: FakeState = {}): unknown => evaluateString(text as string, fakeScope({ parameters: PARAMETERS, ...state }));
const evValue = (value: unknown, state: FakeState = {}): unknown => evaluateValue(value, fakeScope({ parameters: PARAMETERS, ...state }));
const runQuery = (q: QueryAction, state: FakeState): unknown[] =>
  (ev(q.inputs.from, state) as unknown[]).filter((element) => ev(q.inputs.where, { ...state, item: element }) === true);
const runSelect = (s: SelectAction, state: FakeState): unknown[] => (ev(s.inputs.from, state) as unknown[]).map((element) => evValue(s.inputs.select, { ...state, item: element }));
const done = (outputs: unknown, status: ActionRecord["status"] = "Succeeded"): ActionRecord => ({ name: "action", status, outputs });

/** The top-level per-kind restore Ifs, in the order runAfter forces on them. */
const restoreKindsInOrder = (d: WorkflowDefinition): string[] =>
  sequenceOf(d, Object.keys(d.actions).filter((n) => /^Restore_.*_if_any$/.test(n)));
/** The Until over one kind's parts, and the If that checks each part. */
const partLoop = (d: WorkflowDefinition, kind: string): UntilAction => (d.actions[`Restore_${kind}_if_any`] as IfAction).actions[`Restore_${kind}_parts`] as UntilAction;
const partCheck = (d: WorkflowDefinition, kind: string): IfAction => partLoop(d, kind).actions[`Check_${kind}_part`] as IfAction;
const schemaOf = (d: WorkflowDefinition, name = "Decode_backup"): JsonObject => (find(d, name).action as ParseJsonAction).inputs.schema;
const prop = (schema: JsonObject, ...path: string[]): JsonObject =>
  path.reduce((s, key) => (s.properties as JsonObject)[key] as JsonObject, schema);

const MANIFEST = {
  format: "kv-backup-restore",
  formatVersion: 2,
  sourceVault: "https://source.vault.azure.net/",
  createdAt: "2026-12-01T10:15:00Z",
  runId: "run-7",
  complete: true,
  counts: { certificates: 0, keys: 1, secrets: 3 },
  parts: [
    { kind: "key", blob: "parts/x/key-0.json", count: 1, index: 0 },
    { kind: "secret", blob: "parts/x/secret-0.json", count: 2, index: 0 },
    { kind: "secret", blob: "parts/x/secret-1.json", count: 1, index: 1 },
  ],
  failures: [],
};
const LEGACY = {
  format: "kv-backup-restore",
  formatVersion: 1,
  sourceVault: "https://source.vault.azure.net/",
  createdAt: "2025-12-01T10:15:00Z",
  runId: "run-1",
  complete: true,
  counts: { certificates: 0, keys: 0, secrets: 1 },
  items: [{ kind: "secret", name: "alpha", value: "blob" }],
  failures: [],
};
/** Decode_backup answered `doc`, as the actions after it see it. */
const decoded = (doc: unknown): Record<string, ActionRecord> => ({ Decode_backup: done({ body: doc }), Pick_backup: done({ body: "/kv-backups/backups/chosen.json" }) });

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
  const withExpressions = buildRestoreWorkflow({ pickWith: "expressions" });

  it("passes the validator for every option set", () => {
    expect(validateDefinition(defaults)).to.deep.equal([]);
    expect(validateDefinition(failPolicy)).to.deep.equal([]);
    expect(validateDefinition(withExpressions)).to.deep.equal([]);
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
    const loops = untilLoops(defaults).filter((l) => l.name.startsWith("List_all_"));
    const stages = ["before", "after"].flatMap((stage) => KINDS.map((k) => `List_all_${stage}_${k.kind}`));
    expect(loops.map((l) => l.name)).to.deep.equal(stages);
    for (const { name, action } of loops) {
      expect(action.expression).to.equal(`@endsWith(variables('${name.replace("List_all_", "")}Listing'), '><|')`);
      expect(action.expression).not.to.include("value");
      expect(action.limit.count).to.equal(5000);
    }
    const chain = (stage: string) => KINDS.flatMap((k) => [`List_all_${stage}_${k.kind}`, `Check_${stage}_${k.kind}_listed_to_the_end`, `Listed_${stage}_${k.kind}`]);
    expect(chainOrder(defaults, chain("before"))).to.deep.equal(chain("before"));
    expect(chainOrder(defaults, chain("after"))).to.deep.equal(chain("after"));
    expect(defaults.actions.List_all_before_certificates.runAfter).to.deep.equal({ Check_backup_complete: ["Succeeded"] });
    // After the last kind's restore whatever its outcome: a failed part still has its names checked in the target.
    expect(defaults.actions.List_all_after_certificates.runAfter).to.deep.equal({ Restore_secrets_if_any: ["Succeeded", "Failed", "TimedOut"] });
  });

  it("lists the target as keys <kind>/<name in lower case>, and records every listing that is not whole", () => {
    const loop = defaults.actions.List_all_before_keys as UntilAction;
    const names = loop.actions.Names_before_keys_page as SelectAction;
    const page = done({ statusCode: 200, body: { value: [{ kid: "https://target.vault.azure.net/keys/Signing-Key" }] } });
    expect(runSelect(names, { actions: { List_before_keys_page: page } })).to.deep.equal(["key/signing-key"]);
    for (const { kind } of KINDS) {
      for (const stage of ["before", "after"]) {
        const l = defaults.actions[`List_all_${stage}_${kind}`] as UntilAction;
        for (const record of [`Record_${stage}_${kind}_page_failure`, `Record_${stage}_${kind}_list_failure`]) {
          expect((l.actions[record] as SetVariableAction).inputs.name).to.equal("targetListingProblems");
        }
        const check = defaults.actions[`Check_${stage}_${kind}_listed_to_the_end`] as IfAction;
        expect((check.actions[`Record_${stage}_${kind}_listing_incomplete`] as SetVariableAction).inputs.name).to.equal("targetListingProblems");
      }
    }
  });

  it("restores certificates, then keys, then secrets, following the runAfter chain, whatever each kind's outcome", () => {
    expect(restoreKindsInOrder(defaults)).to.deep.equal(["Restore_certificates_if_any", "Restore_keys_if_any", "Restore_secrets_if_any"]);
    expect(defaults.actions.Restore_keys_if_any.runAfter).to.deep.equal({ Restore_certificates_if_any: ["Succeeded", "Failed", "TimedOut"] });
    expect(defaults.actions.Restore_secrets_if_any.runAfter).to.deep.equal({ Restore_keys_if_any: ["Succeeded", "Failed", "TimedOut"] });
    // Each restore loop sits in its own kind's If.
    for (const { kind, singular } of KINDS) expect(find(defaults, `Restore_each_${singular}`).siblings).to.equal(partCheck(defaults, kind).actions);
  });

  it("keeps restore order for kinds given out of order", () => {
    const d = buildRestoreWorkflow({ kinds: ["secrets", "keys", "certificates"] });
    expect(restoreKindsInOrder(d)).to.deep.equal(["Restore_certificates_if_any", "Restore_keys_if_any", "Restore_secrets_if_any"]);
    expect(restoreKindsInOrder(failPolicy)).to.deep.equal(["Restore_keys_if_any", "Restore_secrets_if_any"]);
  });

  it("writes nothing before the backup is found, read, decoded, checked and the target listed", () => {
    expect(defaults.actions.Get_backup.runAfter).to.deep.equal({ Pick_backup: ["Succeeded"] });
    expect(withExpressions.actions.Get_backup.runAfter).to.deep.equal({ Check_backup_found: ["Succeeded"] });
    expect(defaults.actions.Check_backup_encoding.runAfter).to.deep.equal({ Get_backup: ["Succeeded"] });
    expect(defaults.actions.Decode_backup.runAfter).to.deep.equal({ Check_backup_encoding: ["Succeeded"] });
    expect(defaults.actions.Check_backup_shape.runAfter).to.deep.equal({ Decode_backup: ["Succeeded"] });
    expect(defaults.actions.Part_blobs.runAfter).to.deep.equal({ Sum_part_counts: ["Succeeded"] });
    expect(defaults.actions.Check_backup_counts.runAfter).to.deep.equal({ Part_blobs: ["Succeeded"] });
    expect(defaults.actions.Check_backup_complete.runAfter).to.deep.equal({ Check_backup_counts: ["Succeeded"] });
    expect(defaults.actions.Restore_certificates_if_any.runAfter).to.deep.equal({ Check_target_listed: ["Succeeded"] });
    for (const d of [defaults, failPolicy, withExpressions]) {
      const first = restoreKindsInOrder(d)[0];
      const before = ancestorsOf(d, first);
      const required = ["Pick_backup", "Get_backup", "Check_backup_encoding", "Decode_backup", "Check_backup_shape", "Check_backup_counts", "Check_backup_complete", "Check_target_listed"];
      for (const name of [...required, ...Object.keys(d.actions).filter((n) => /^(Sum_.*_parts|Listed_before_.*)$/.test(n))]) expect(before, `${first} waits for ${name}`).to.include(name);
      // Every restore call and every blob read of a part is inside a kind's If, so after all of the above.
      for (const { name } of everyAction(d).filter((a) => a.action.type === "Http" && /\/restore'\)$/.test((a.action as { inputs: { uri: string } }).inputs.uri))) {
        expect(Object.keys(d.actions)).not.to.include(name);
      }
      // Every top-level action that runs after the backup check and before the restore writes nothing.
      for (const name of before) expect(["Http", "ApiConnection"].includes(d.actions[name].type) && /restore/.test(JSON.stringify(d.actions[name]))).to.equal(false);
    }
    for (const [check, stop] of [
      ["Check_backup_shape", "Stop_misshapen_backup"],
      ["Check_backup_counts", "Stop_inconsistent_backup"],
      ["Check_backup_complete", "Stop_incomplete_backup"],
      ["Check_target_listed", "Stop_target_unreadable"],
    ]) {
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

  describe("the backup's check before anything is written", () => {
    const shape = (doc: unknown) => ev((defaults.actions.Check_backup_shape as IfAction).expression, { actions: decoded(doc) });

    it("requires parts of a format-2 manifest and items of a format-1 document", () => {
      expect(shape(MANIFEST)).to.equal(false);
      expect(shape(LEGACY)).to.equal(false);
      expect(shape({ ...MANIFEST, parts: undefined })).to.equal(true);
      expect(shape({ ...LEGACY, items: undefined })).to.equal(true);
      expect(shape({ ...LEGACY, items: undefined, parts: MANIFEST.parts })).to.equal(true);
    });

    it("reads a format-1 document as one part per kind holding that kind's count, and a manifest's parts as they are", () => {
      const legacyParts = evValue((defaults.actions.Legacy_parts as ComposeAction).inputs, { actions: decoded(LEGACY) });
      expect(legacyParts).to.deep.equal([
        { kind: "certificate", blob: "", count: 0, index: 0 },
        { kind: "key", blob: "", count: 0, index: 0 },
        { kind: "secret", blob: "", count: 1, index: 0 },
      ]);
      const parts = (doc: unknown) => ev((defaults.actions.Backup_parts as ComposeAction).inputs, { actions: { ...decoded(doc), Legacy_parts: done(legacyParts) } });
      expect(parts(LEGACY)).to.deep.equal(legacyParts);
      expect(parts(MANIFEST)).to.deep.equal(MANIFEST.parts);
    });

    it("sums the part counts per kind, one part at a time, and stops when they differ from the declared counts", () => {
      const state: FakeState = { actions: { ...decoded(MANIFEST), Backup_parts: done(MANIFEST.parts) } };
      const perKind = Object.fromEntries(KINDS.map(({ kind }) => [kind, runQuery(defaults.actions[`Parts_of_${kind}`] as QueryAction, state)]));
      expect(perKind).to.deep.equal({ certificates: [], keys: [MANIFEST.parts[0]], secrets: MANIFEST.parts.slice(1) });
      const sum = defaults.actions.Sum_part_counts as ForeachAction;
      expect(sum.foreach).to.equal("@outputs('Backup_parts')");
      expect(sum.runtimeConfiguration?.concurrency).to.deep.equal({ repetitions: 1 });
      for (const { kind, singular } of KINDS) {
        const add = sum.actions[`Add_${kind}_count`] as { inputs: { name: string; value: string } };
        expect(add.inputs.name).to.equal(`${kind}Declared`);
        // Each part adds its count to its own kind's total, 0 to the others.
        for (const part of MANIFEST.parts) expect(ev(add.inputs.value, { loops: { Sum_part_counts: part } })).to.equal(part.kind === singular ? part.count : 0);
      }
      const check = (defaults.actions.Check_backup_counts as IfAction).expression;
      const blobs = runSelect(defaults.actions.Part_blobs as SelectAction, state);
      const declared = (secrets: number, partBlobs = blobs) => ({ ...state, actions: { ...state.actions, Part_blobs: done({ body: partBlobs }) }, variables: { certificatesDeclared: 0, keysDeclared: 1, secretsDeclared: secrets } });
      expect(ev(check, declared(3))).to.equal(false);
      expect(ev(check, declared(2))).to.equal(true); // a part dropped from the list
      expect(ev(check, declared(4))).to.equal(true);
      // Two entries naming one blob: the part they stand in for would never be read.
      expect(ev(check, declared(3, [blobs[0], blobs[1], blobs[1]]))).to.equal(true);
    });

    it("refuses an incomplete backup unless it is named and allowIncomplete is set", () => {
      const check = (defaults.actions.Check_backup_complete as IfAction).expression;
      const at = (complete: boolean, body: unknown): FakeState => ({
        actions: decoded({ ...MANIFEST, complete }),
        trigger: { name: "manual", outputs: { body }, startTime: "2026-12-01T10:00:00Z", endTime: "2026-12-01T10:00:00Z" },
      });
      expect(ev(check, at(true, {}))).to.equal(false);
      expect(ev(check, at(false, {}))).to.equal(true);
      expect(ev(check, at(false, { allowIncomplete: true }))).to.equal(true);
      expect(ev(check, at(false, { backup: "partial/x.json", allowIncomplete: true }))).to.equal(false);
    });

    it("takes a backup for complete only if it says so, lists no failure and is not under partial/", () => {
      const check = (defaults.actions.Check_backup_complete as IfAction).expression;
      const at = (doc: Record<string, unknown>, path = "/kv-backups/backups/x.json"): FakeState => ({
        actions: { ...decoded(doc), Pick_backup: done({ body: path }) },
        trigger: { name: "manual", outputs: { body: {} }, startTime: "2026-12-01T10:00:00Z", endTime: "2026-12-01T10:00:00Z" },
      });
      expect(ev(check, at(MANIFEST))).to.equal(false);
      expect(ev(check, at({ ...MANIFEST, failures: [{ kind: "secret", name: "gone", status: 503, error: "x" }] }))).to.equal(true);
      expect(ev(check, at(MANIFEST, "/kv-backups/partial/x.json"))).to.equal(true);
    });
  });

  describe("a kind's parts", () => {
    it("are restored one after the other in an Until, 5,000 at most, only when the kind has any", () => {
      for (const { kind } of KINDS) {
        const any = defaults.actions[`Restore_${kind}_if_any`] as IfAction;
        expect(any.expression).to.equal(`@greater(length(body('Parts_of_${kind}')), 0)`);
        const loop = partLoop(defaults, kind);
        expect(loop.limit.count).to.equal(5000);
        const state = (index: number): FakeState => ({ variables: { [`${kind}Part`]: index }, actions: { [`Parts_of_${kind}`]: done({ body: [{}, {}] }) } });
        expect(ev(loop.expression, state(1))).to.equal(false);
        expect(ev(loop.expression, state(2))).to.equal(true);
        // The part's text is emptied before each read, so one part's pieces never run into the next's.
        expect(Object.keys(loop.actions)[0]).to.equal(`Reset_${kind}_part_text`);
        expect(loop.actions[`Reset_${kind}_part_text`]).to.deep.include({ type: "SetVariable", inputs: { name: "partText", value: "" } });
        expect(loop.actions[`Get_${kind}_part`].runAfter).to.deep.equal({ [`Reset_${kind}_part_text`]: ["Succeeded"] });
      }
    });

    it("reads a manifest's part from its blob inside the container, and a format-1 document's from the document itself", () => {
      const get = partLoop(defaults, "secrets").actions.Get_secrets_part as ApiConnectionAction & { inputs: { queries: { path: string } } };
      const state = (doc: unknown): FakeState => ({ variables: { secretsPart: 1 }, actions: { ...decoded(doc), Parts_of_secrets: done({ body: MANIFEST.parts.slice(1) }) } });
      expect(ev(get.inputs.queries.path, state(MANIFEST))).to.equal("/kv-backups/parts/x/secret-1.json");
      expect(ev(get.inputs.queries.path, state(LEGACY))).to.equal("/kv-backups/backups/chosen.json");
    });

    it("checks each part against its manifest entry: the same run, its kind only, as many items as declared", () => {
      const check = partCheck(defaults, "secrets");
      const items = [{ kind: "secret", name: "a", value: "x" }, { kind: "secret", name: "b", value: "y" }];
      const at = (part: Record<string, unknown>, doc: unknown = MANIFEST): FakeState => {
        const base: FakeState = { variables: { secretsPart: 0 }, actions: { ...decoded(doc), Parts_of_secrets: done({ body: [MANIFEST.parts[1]] }), Decode_secrets_part: done({ body: part }) } };
        const ofKind = runQuery(partLoop(defaults, "secrets").actions.Items_of_secrets as QueryAction, base);
        const withKind = { ...base, actions: { ...base.actions, Items_of_secrets: done({ body: ofKind }) } };
        const keys = runSelect(partLoop(defaults, "secrets").actions.Keys_secrets as SelectAction, withKind);
        return { ...withKind, actions: { ...withKind.actions, Keys_secrets: done({ body: keys }) } };
      };
      const part = { format: "kv-backup-restore", formatVersion: 2, runId: "run-7", kind: "secret", index: 0, items };
      expect(ev(check.expression, at(part))).to.equal(true);
      expect(ev(check.expression, at({ ...part, runId: "run-6" }))).to.equal(false); // another run's part
      expect(ev(check.expression, at({ ...part, items: items.slice(1) }))).to.equal(false); // truncated
      expect(ev(check.expression, at({ ...part, kind: "key", items: items.map((i) => ({ ...i, kind: "key" })) }))).to.equal(false);
      expect(ev(check.expression, at({ ...part, items: [...items, { kind: "key", name: "k", value: "z" }] }))).to.equal(false); // another kind's item slipped in
      expect(ev(check.expression, at({ ...part, formatVersion: 1 }))).to.equal(false); // a format-1 document where a part should be
      expect(ev(check.expression, at({ ...part, index: 1 }))).to.equal(false); // not the part its entry names
      // After a gap (a part the backup could not write): a partial backup's later part is its entry's, at any
      // place; a complete backup has no gaps, so there it is refused.
      const afterGap = (doc: Record<string, unknown>, path: string): FakeState => {
        const state = at({ ...part, index: 2 }, doc);
        const entry = { ...MANIFEST.parts[2], count: 2, index: 2 };
        return { ...state, actions: { ...state.actions, Parts_of_secrets: done({ body: [entry] }), Pick_backup: done({ body: path }) } };
      };
      expect(ev(check.expression, afterGap({ ...MANIFEST, complete: false }, "/kv-backups/partial/x.json"))).to.equal(true);
      expect(ev(check.expression, afterGap(MANIFEST, "/kv-backups/backups/x.json"))).to.equal(false);
      expect(ev(check.expression, at({ ...part, items: [items[0], { ...items[0], name: "A" }] }))).to.equal(false); // one name twice (in any case)
      // A format-1 document is its own part for every kind: only its items of this kind, as many as it declares.
      const legacy = { ...LEGACY, counts: { certificates: 0, keys: 1, secrets: 2 }, items: [...items, { kind: "key", name: "k", value: "z" }] };
      const legacyAt = (doc: unknown, count: number): FakeState => {
        const state = at(doc as Record<string, unknown>, doc);
        return { ...state, actions: { ...state.actions, Parts_of_secrets: done({ body: [{ kind: "secret", blob: "", count }] }) } };
      };
      expect(ev(check.expression, legacyAt(legacy, 2))).to.equal(true);
      expect(ev(check.expression, legacyAt(legacy, 3))).to.equal(false);
      expect(Object.keys(check.else?.actions ?? {})).to.deep.equal(["Record_secrets_part_mismatch"]);
      // Decoded against the schema of what a part may be (a format-2 part, or a format-1 document), its own pieces in order.
      expect(schemaOf(defaults, "Decode_secrets_part")).to.deep.equal(partReadSchema());
      expect(schemaProblem(part, partReadSchema() as Schema)).to.equal(undefined);
      expect(schemaProblem(LEGACY, partReadSchema() as Schema)).to.equal(undefined);
      expect(schemaProblem({ ...part, runId: undefined }, partReadSchema() as Schema)).to.be.a("string");
      expect(find(defaults, "Decode_secrets_part_pieces").action.runtimeConfiguration?.concurrency).to.deep.equal({ repetitions: 1 });
    });

    it("records a part it cannot read as failed, and moves on to the next part whatever happened", () => {
      for (const { kind } of KINDS) {
        const loop = partLoop(defaults, kind);
        const unreadable = loop.actions[`Record_${kind}_part_unreadable`] as SetVariableAction;
        expect(unreadable.inputs.name).to.equal("results");
        expect(unreadable.runAfter).to.deep.equal({ [`Decode_${kind}_part`]: ["Failed", "TimedOut", "Skipped"] });
        expect(loop.actions[`Next_${kind}_part`]).to.deep.include({
          type: "IncrementVariable",
          inputs: { name: `${kind}Part`, value: 1 },
          runAfter: {
            [`Check_${kind}_part`]: ["Succeeded", "Failed", "TimedOut", "Skipped"],
            [`Record_${kind}_part_unreadable`]: ["Succeeded", "Skipped"],
            [`Count_${kind}_part_failed`]: ["Succeeded", "Skipped"],
          },
        });
        expect(Object.keys(loop.actions).slice(-1)).to.deep.equal([`Next_${kind}_part`]);
      }
    });
  });

  it("never calls Key Vault for a name the target held before: skipped, or failed under the fail policy", () => {
    const taken = (d: WorkflowDefinition, kind: string) => (find(d, `Record_taken_${kind}`).action as SelectAction).inputs.select as JsonObject;
    expect(taken(defaults, "secrets").outcome).to.equal("skipped");
    expect(taken(failPolicy, "secrets").outcome).to.equal("failed");
    const check = partCheck(defaults, "secrets");
    expect((check.actions.Restore_each_secret as ForeachAction).foreach).to.equal("@body('To_restore_secrets')");
    expect((check.actions.To_restore_secrets as QueryAction).inputs.where).to.equal("@not(contains(outputs('Present_secrets'), concat('secret/', toLower(item()?['name']))))");
    // Names compare in any letter case, and only against the same kind.
    const items = [{ kind: "secret", name: "Alpha", value: "x" }, { kind: "secret", name: "beta", value: "y" }];
    const base: FakeState = {
      actions: { Items_of_secrets: done({ body: items }), Listed_before_certificates: done({ body: [] }), Listed_before_keys: done({ body: ["key/beta"] }), Listed_before_secrets: done({ body: ["secret/alpha"] }) },
    };
    const keys = runSelect(partLoop(defaults, "secrets").actions.Keys_secrets as SelectAction, base);
    expect(keys).to.deep.equal(["secret/alpha", "secret/beta"]);
    const present = ev((check.actions.Present_secrets as ComposeAction).inputs, { ...base, actions: { ...base.actions, Keys_secrets: done({ body: keys }) } });
    expect(present).to.deep.equal(["secret/alpha"]);
    const state = { ...base, actions: { ...base.actions, Present_secrets: done(present) } };
    expect(runQuery(check.actions.To_restore_secrets as QueryAction, state)).to.deep.equal([items[1]]);
    expect(runQuery(check.actions.Taken_secrets as QueryAction, state)).to.deep.equal([items[0]]);
  });

  describe("each object's outcome", () => {
    const outcomeOf = (d: WorkflowDefinition, singular: string, item: { name: string }, status: number, body: unknown) =>
      evValue((find(d, `Outcome_${singular}`).action as ComposeAction).inputs, { loops: { [`Restore_each_${singular}`]: item }, actions: { [`Restore_${singular}`]: done({ statusCode: status, body }, status === 200 ? "Succeeded" : "Failed") } }) as {
        outcome: string;
        error: string | null;
      };

    it("is one Compose per object beside its call, whatever the call did; nothing in the loop appends to a shared variable", () => {
      for (const { kind, singular } of KINDS) {
        const each = partCheck(defaults, kind).actions[`Restore_each_${singular}`] as ForeachAction;
        expect(Object.keys(each.actions)).to.deep.equal([`Restore_${singular}`, `Outcome_${singular}`]);
        expect(each.actions[`Outcome_${singular}`]).to.deep.include({ type: "Compose", runAfter: { [`Restore_${singular}`]: ["Succeeded", "Failed", "TimedOut"] } });
        // The outcome holds no backup value, so it needs no secure inputs.
        expect(JSON.stringify((each.actions[`Outcome_${singular}`] as ComposeAction).inputs)).not.to.include("['value']");
      }
    });

    it("counts a 409 on a name absent before as a conflict, never as skipped", () => {
      expect(outcomeOf(defaults, "secret", { name: "alpha" }, 409, { error: { message: "Conflict" } })).to.deep.include({ outcome: "conflict", error: "Conflict" });
      expect(outcomeOf(defaults, "secret", { name: "alpha" }, 500, { error: { message: "Oops" } })).to.deep.include({ outcome: "failed", error: "Oops" });
      expect(outcomeOf(failPolicy, "secret", { name: "alpha" }, 409, {}).outcome).to.equal("conflict");
    });

    it("checks each restored object's name against the item's, in any letter case", () => {
      const key = (kid: string) => ({ key: { kid } });
      expect(outcomeOf(defaults, "key", { name: "Signing" }, 200, key("https://target.vault.azure.net/keys/signing/abc"))).to.deep.include({ outcome: "restored", error: null });
      const other = outcomeOf(defaults, "key", { name: "signing" }, 200, key("https://target.vault.azure.net/keys/other/abc"));
      expect(other.outcome).to.equal("failed");
      expect(other.error).to.include("'other'");
      expect(outcomeOf(defaults, "secret", { name: "db" }, 200, { id: "https://target.vault.azure.net/secrets/db/1" }).outcome).to.equal("restored");
      expect(outcomeOf(defaults, "certificate", { name: "web" }, 200, {}).outcome).to.equal("failed");
    });

    it("is read back with result() in either shape, and a part whose outcomes cannot all be read is recorded as failed", () => {
      const check = partCheck(defaults, "secrets");
      const records = (check.actions.Outcome_records_secrets as QueryAction);
      expect(records.inputs.from).to.equal("@result('Restore_each_secret')");
      expect(records.runAfter).to.deep.equal({ Restore_each_secret: ["Succeeded", "Failed", "TimedOut"] });
      const outcome = (name: string): ActionRecord => ({ name: "Outcome_secret", status: "Succeeded", outputs: { kind: "secret", name, outcome: "restored" } });
      const call: ActionRecord = { name: "Restore_secret", status: "Succeeded", outputs: { statusCode: 200 } };
      const shapes = {
        flat: [call, outcome("a"), call, outcome("b")],
        documented: [{ name: "Restore_secret", outputs: [call, call] }, { name: "Outcome_secret", outputs: [outcome("a"), outcome("b")] }] as unknown as ActionRecord[],
      };
      for (const results of Object.values(shapes)) {
        const found = runQuery(records, { results: { Restore_each_secret: results } });
        const outcomes = runSelect(check.actions.Outcomes_secrets as SelectAction, { actions: { Outcome_records_secrets: done({ body: found }) } });
        expect(outcomes).to.deep.equal([outcome("a").outputs, outcome("b").outputs]);
      }
      const unread = check.actions.Check_secrets_outcomes as IfAction;
      const at = (read: number, called: number): FakeState => ({ actions: { Outcomes_secrets: done({ body: new Array(read).fill({}) }), To_restore_secrets: done({ body: new Array(called).fill({}) }) } });
      expect(ev(unread.expression, at(2, 2))).to.equal(false);
      expect(ev(unread.expression, at(1, 2))).to.equal(true);
      expect(Object.keys(unread.actions)).to.deep.equal(["Record_secrets_outcomes_unread"]);
      // Only what was not restored goes into the results, with the names taken before the run.
      expect(check.actions.Gather_secrets_results).to.deep.include({ inputs: "@union(variables('results'), body('Record_taken_secrets'), body('Not_restored_secrets'))" });
      expect(check.actions.Count_secrets_restored).to.deep.include({ inputs: { name: "secretsRestored", value: "@length(body('Restored_secrets'))" } });
    });
  });

  it("records the parts (or format-1 items) of kinds it does not restore as failed instead of dropping them", () => {
    const parts = [{ kind: "certificate", blob: "parts/x/certificate-0.json", count: 4 }, { kind: "key", blob: "parts/x/key-0.json", count: 1 }];
    const v2: FakeState = { actions: { ...decoded(MANIFEST), Backup_parts: done(parts) } };
    const found = failPolicy.actions.Parts_of_other_kinds as QueryAction;
    expect(runQuery(found, v2)).to.deep.equal([parts[0]]);
    const records = runSelect(failPolicy.actions.Record_parts_of_other_kinds as SelectAction, { ...v2, actions: { ...v2.actions, Parts_of_other_kinds: done({ body: [parts[0]] }) } });
    expect(records).to.have.length(1);
    expect(records[0]).to.deep.include({ kind: "certificate", outcome: "failed" });
    // A format-1 document has an entry for every kind, even one it holds nothing of: its items are what count.
    const legacy = { ...LEGACY, items: [...LEGACY.items, { kind: "certificate", name: "web", value: "c" }] };
    const v1: FakeState = { actions: { ...decoded(legacy), Backup_parts: done([{ kind: "certificate", blob: "", count: 0 }]) } };
    expect(runQuery(found, v1)).to.deep.equal([]);
    const items = runQuery(failPolicy.actions.Items_of_other_kinds as QueryAction, v1);
    expect(items).to.deep.equal([{ kind: "certificate", name: "web", value: "c" }]);
    expect(failPolicy.actions.Items_of_other_kinds.runtimeConfiguration?.secureData?.properties).to.have.members(["inputs", "outputs"]);
    expect(failPolicy.actions.Store_other_kinds).to.deep.include({ type: "SetVariable", inputs: { name: "results", value: "@outputs('Gather_other_kinds')" } });
    expect(defaults.actions.Parts_of_other_kinds).to.equal(undefined);
  });

  it("confirms every name the backup gives is in the target after the restore", () => {
    const state: FakeState = { variables: { backupKeys: "|secret/a|secret/b|key/c|" } };
    const expected = runQuery(defaults.actions.Backup_keys as QueryAction, state);
    expect(expected).to.deep.equal(["secret/a", "secret/b", "key/c"]);
    const listed = (secrets: string[], keys: string[]) => ({ Listed_after_certificates: done({ body: [] }), Listed_after_keys: done({ body: keys }), Listed_after_secrets: done({ body: secrets }) });
    const after = { ...state, actions: { Backup_keys: done({ body: expected }), ...listed(["secret/a", "secret/z"], ["key/c"]) } };
    const check = defaults.actions.Check_all_in_target as IfAction;
    expect(ev(check.expression, after)).to.equal(true);
    expect(ev(check.expression, { ...after, actions: { ...after.actions, ...listed(["secret/a", "secret/b"], ["key/c"]) } })).to.equal(false);
    expect(runQuery(check.actions.Find_missing as QueryAction, after)).to.deep.equal(["secret/b"]);
    expect(check.actions.Store_missing).to.deep.include({ inputs: { name: "missingInTarget", value: "@body('Find_missing')" } });
    // Each part's names are expected once its check passed.
    // A slice of 500 keys at a time: one append of a whole part's keys could pass the 131,072-character limit.
    const slices = partCheck(defaults, "secrets").actions.Expect_secrets as ForeachAction;
    expect(slices.foreach).to.equal("@chunk(body('Keys_secrets'), 500)");
    expect(slices.runtimeConfiguration?.concurrency).to.deep.equal({ repetitions: 1 });
    expect((slices.actions.Expect_secrets_slice as SetVariableAction).inputs.name).to.equal("backupKeys");
  });

  it("runs each restore Foreach with the configured concurrency, and decodes the documents' pieces in order", () => {
    const restores = (d: WorkflowDefinition) => foreachLoops(d).filter((l) => l.name.startsWith("Restore_each_"));
    for (const { action } of restores(buildRestoreWorkflow({ concurrency: 3 }))) expect(action.runtimeConfiguration?.concurrency).to.deep.equal({ repetitions: 3 });
    for (const { action } of restores(defaults)) expect(action.runtimeConfiguration?.concurrency).to.deep.equal({ repetitions: 20 });
    expect(restores(defaults)).to.have.length(3);
    for (const { action } of foreachLoops(defaults).filter((l) => /^Decode_.*_pieces$/.test(l.name))) expect(action.runtimeConfiguration?.concurrency).to.deep.equal({ repetitions: 1 });
    expect(find(defaults, "Decode_backup_pieces").action.runtimeConfiguration?.concurrency).to.deep.equal({ repetitions: 1 });
  });

  it("ends the run Failed when any item failed or conflicted, a name is missing in the target, or a listing was not whole", () => {
    expect((defaults.actions.Failed_items as QueryAction).inputs.where).to.equal("@or(equals(item()?['outcome'], 'failed'), equals(item()?['outcome'], 'conflict'))");
    const fail = defaults.actions.Fail_if_any_failed as IfAction;
    expect(fail.expression).to.equal(
      "@or(greater(length(body('Failed_items')), 0), greater(length(variables('missingInTarget')), 0), greater(length(variables('targetListingProblems')), 0), greater(variables('partsFailed'), 0), not(equals(length(union(body('Backup_keys'), body('Backup_keys'))), length(body('Backup_keys')))))",
    );
    // A part whose processing failed is counted apart from `results`, which may be the thing that failed (its item limit).
    for (const kind of ["certificates", "keys", "secrets"]) {
      const loop = partLoop(defaults, kind);
      expect(loop.actions[`Count_${kind}_part_failed`]).to.deep.include({ type: "IncrementVariable", inputs: { name: "partsFailed", value: 1 }, runAfter: { [`Check_${kind}_part`]: ["Failed", "TimedOut"] } });
    }
    expect(fail.actions.Fail_restore.type === "Terminate" && fail.actions.Fail_restore.inputs.runStatus).to.equal("Failed");
    expect(Object.keys(defaults.actions).slice(-3)).to.deep.equal(["Summary", "Failed_items", "Fail_if_any_failed"]);
  });

  describe("the backup document check", () => {
    it("decodes with secure inputs; the blob reads hide their outputs", () => {
      expect(defaults.actions.Decode_backup.runtimeConfiguration?.secureData).to.deep.equal({ properties: ["inputs"] });
      expect(defaults.actions.Get_backup.runtimeConfiguration?.secureData?.properties).to.include("outputs");
      for (const { kind } of KINDS) {
        expect(find(defaults, `Decode_${kind}_part`).action.runtimeConfiguration?.secureData).to.deep.equal({ properties: ["inputs"] });
        expect(find(defaults, `Get_${kind}_part`).action.runtimeConfiguration?.secureData?.properties).to.include("outputs");
      }
    });

    it("accepts a format-2 manifest and a format-1 document, and nothing of another version or format (schema enums)", () => {
      const schema = schemaOf(defaults);
      expect(schema).to.deep.equal(backupSchema());
      expect(schema.required).to.include.members(["format", "formatVersion", "runId", "counts"]);
      expect(prop(schema, "formatVersion").enum).to.deep.equal([1, 2]);
      expect(prop(schema, "format").enum).to.deep.equal(["kv-backup-restore"]);
      expect(schemaProblem(MANIFEST, schema as Schema)).to.equal(undefined);
      expect(schemaProblem(LEGACY, schema as Schema)).to.equal(undefined);
      expect(schemaProblem({ ...MANIFEST, formatVersion: 3 }, schema as Schema)).to.be.a("string");
      expect(schemaProblem({ ...MANIFEST, format: "other" }, schema as Schema)).to.be.a("string");
      expect(schemaProblem({ ...MANIFEST, runId: "" }, schema as Schema)).to.be.a("string");
    });

    it("requires a count for every kind, and a known kind, a blob, a count and an index on every part entry", () => {
      const schema = schemaOf(defaults);
      expect(prop(schema, "counts").required).to.deep.equal(["certificates", "keys", "secrets"]);
      expect(schemaProblem({ ...MANIFEST, counts: { keys: 1, secrets: 3 } }, schema as Schema)).to.be.a("string");
      const entry = prop(schema, "parts").items as JsonObject;
      expect(entry.required).to.deep.equal(["kind", "blob", "count", "index"]);
      expect(prop(entry, "kind").enum).to.deep.equal(["certificate", "key", "secret"]);
      expect(schemaProblem({ ...MANIFEST, parts: [{ kind: "secret", blob: "parts/x/s.json", count: -1, index: 0 }] }, schema as Schema)).to.be.a("string");
      expect(schemaProblem({ ...MANIFEST, parts: [{ kind: "secrets", blob: "parts/x/s.json", count: 1, index: 0 }] }, schema as Schema)).to.be.a("string");
      expect(schemaProblem({ ...MANIFEST, parts: [{ kind: "secret", blob: "parts/x/s.json", count: 1 }] }, schema as Schema)).to.be.a("string");
    });

    it("requires a known kind, a name and a value on every item of a format-1 document", () => {
      const item = prop(schemaOf(defaults), "items").items as JsonObject;
      expect(item.required).to.deep.equal(["kind", "name", "value"]);
      expect(prop(item, "kind").enum).to.deep.equal(["certificate", "key", "secret"]);
      expect(prop(item, "value").minLength).to.equal(1);
    });

    it("checks each part against partSchema: runId, kind, index and items required, format 2 only", () => {
      const schema = partSchema();
      expect(schema.required).to.include.members(["format", "formatVersion", "runId", "kind", "index", "items"]);
      const part = { format: "kv-backup-restore", formatVersion: 2, runId: "run-7", kind: "secret", index: 0, items: [{ kind: "secret", name: "a", value: "x" }] };
      expect(schemaProblem(part, schema as Schema)).to.equal(undefined);
      for (const field of ["runId", "kind", "index", "items"]) {
        const { [field]: _left, ...without } = part as Record<string, unknown>;
        expect(schemaProblem(without, schema as Schema), `without ${field}`).to.match(new RegExp(`'${field}' is missing`));
      }
      expect(schemaProblem({ ...part, formatVersion: 1 }, schema as Schema)).to.be.a("string");
      expect(schemaProblem({ ...part, index: -1 }, schema as Schema)).to.be.a("string");
      expect(schemaProblem({ ...part, items: [{ kind: "secret", name: "a", value: "" }] }, schema as Schema)).to.be.a("string");
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
