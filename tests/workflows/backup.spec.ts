import { expect } from "chai";
import {
  Action, ApiConnectionAction, ComposeAction, ForeachAction, HttpAction, IfAction, InitializeVariableAction, QueryAction, SelectAction, SetVariableAction, UntilAction, WorkflowDefinition,
} from "../../workflows/definition";
import { buildBackupWorkflow } from "../../workflows/backup";
import { PART_OBJECTS } from "../../workflows/backupDocument";
import { backupBlobNameAt } from "../../workflows/backupNames";
import { validateDefinition } from "../../workflows/validate";
import { hiddenInHistory } from "../../workflows/secureData";
import { evaluateString, evaluateValue } from "../../local/engine/expression/evaluate";
import { ActionRecord } from "../../local/engine/expression/scope";
import { FakeState, fakeScope } from "../local/engine/expression/fakeScope";
import { ancestorsOf, chainOrder, everyAction, find, foreachLoops, httpActions, successorsOf, untilLoops } from "./helpers";
import { buildCase, readSnapshot } from "./snapshots/cases";

const KINDS = [
  { kind: "certificates", singular: "certificate" },
  { kind: "keys", singular: "key" },
  { kind: "secrets", singular: "secret" },
] as const;

const VAULT = "https://contoso-kv.vault.azure.net/";
const PARAMETERS = { vaultBaseUrl: VAULT, keyVaultApiVersion: "7.4", containerName: "kv-backups", storageAccountName: "acct" };

/** A rendered string (expression or literal) evaluated by the local engine against a fake scope. */
const ev = (text: unknown, state: FakeState = {}): unknown => evaluateString(text as string, fakeScope({ parameters: PARAMETERS, ...state }));
/** A Query's result: its `where` evaluated per item of `from`. */
const runQuery = (q: QueryAction, state: FakeState): unknown[] =>
  (ev(q.inputs.from, state) as unknown[]).filter((element) => ev(q.inputs.where, { ...state, item: element }) === true);
/** A Select's result: its `select` evaluated per item of `from`. */
const runSelect = (s: SelectAction, state: FakeState): unknown[] =>
  (ev(s.inputs.from, state) as unknown[]).map((element) => evaluateValue(s.inputs.select, fakeScope({ parameters: PARAMETERS, ...state, item: element })));

const loopOf = (d: WorkflowDefinition, name: string): UntilAction => find(d, name).action as UntilAction;

describe("backup: buildBackupWorkflow", () => {
  describe("golden files (the whole rendered definition)", () => {
    for (const file of ["backup.defaults.json", "backup.secrets-concurrency-5.json"]) {
      it(`matches snapshots/${file}`, () => {
        const expected = readSnapshot(file);
        expect(buildCase(file)).to.deep.equal(expected);
      });
    }

    it("is deterministic, key order included", () => {
      expect(JSON.stringify(buildBackupWorkflow())).to.equal(JSON.stringify(buildBackupWorkflow()));
    });
  });

  for (const [label, options, kinds, concurrency] of [
    ["defaults", {}, KINDS, 20],
    ["secrets only, concurrency 5", { kinds: ["secrets"] as const, concurrency: 5 }, KINDS.slice(2), 5],
  ] as const) {
    describe(`semantics (${label})`, () => {
      const d: WorkflowDefinition = buildBackupWorkflow(options);
      const listLoops = () => untilLoops(d).filter((l) => l.name.startsWith("List_all_"));
      const partLoops = () => untilLoops(d).filter((l) => /^Back_up_.*_parts$/.test(l.name));

      it("passes the validator", () => {
        expect(validateDefinition(d)).to.deep.equal([]);
      });

      it("backs up through POST {vault}/{kind}/{name}/backup, hidden both ways and with an explicit retry policy", () => {
        const calls = httpActions(d).filter((h) => /\/backup'\)$/.test(h.action.inputs.uri));
        expect(calls.map((c) => c.name)).to.deep.equal(kinds.map((k) => `Back_up_${k.singular}`));
        for (const { action, name } of calls) {
          const singular = name.replace("Back_up_", "");
          expect(action.inputs.method).to.equal("POST");
          // The loop runs over the listed names themselves (the listing already cut them out of the ids).
          expect(action.inputs.uri).to.equal(`@concat(parameters('vaultBaseUrl'), '${singular}s/', items('Back_up_each_${singular}'), '/backup')`);
          expect(ev(action.inputs.uri, { loops: { [`Back_up_each_${singular}`]: "db-password" } })).to.equal(`${VAULT}${singular}s/db-password/backup`);
          expect(action.inputs.queries).to.deep.equal({ "api-version": "@parameters('keyVaultApiVersion')" });
          expect(action.runtimeConfiguration?.secureData?.properties).to.have.members(["inputs", "outputs"]);
          expect(action.inputs.retryPolicy?.type).to.be.oneOf(["exponential", "fixed"]);
          expect(action.inputs.retryPolicy?.count).to.be.within(1, 90);
        }
      });

      it("authenticates every Key Vault call with the MSI audience https://vault.azure.net (no trailing slash)", () => {
        const calls = httpActions(d);
        expect(calls).to.have.length(kinds.length * 2); // one list page and one backup call per kind
        for (const { action } of calls) {
          expect(action.inputs.authentication).to.deep.equal({ type: "ManagedServiceIdentity", audience: "https://vault.azure.net" });
        }
      });

      it("starts listing at 25 a page and follows nextLink until it is absent, 5,000 pages at most", () => {
        expect(listLoops().map((l) => l.name)).to.deep.equal(kinds.map((k) => `List_all_${k.kind}`));
        for (const { action, name } of listLoops()) {
          const kind = name.replace("List_all_", "");
          const listing = `${kind}Listing`;
          expect(action.expression).to.equal(`@endsWith(variables('${listing}'), '><|')`);
          expect(action.limit).to.deep.equal({ count: 5000, timeout: "P1D" });
          expect(action.limit.count! * 25).to.be.at.least(100000);
          const init = (d.actions[`Initialize_${listing}`] as InitializeVariableAction).inputs.variables[0];
          expect(init.type).to.equal("string");
          expect(ev(init.value)).to.equal(`>${VAULT}${kind}?api-version=7.4&maxresults=25<|`);
        }
      });

      it("lists through the one listing variable: every page is requested in turn, an empty page with a nextLink does not stop it, and the names come out in order", () => {
        for (const { kind } of kinds) {
          const loop = loopOf(d, `List_all_${kind}`);
          const page = loop.actions[`List_${kind}_page`] as HttpAction;
          const names = loop.actions[`Names_${kind}_page`] as SelectAction;
          const append = loop.actions[`Append_${kind}_page`] as SetVariableAction;
          const id = kind === "keys" ? "kid" : "id";
          const entry = (name: string, managed = false) => ({ [id]: `${VAULT}${kind}/${name}`, ...(managed ? { managed: true } : {}) });
          const pages: Record<string, { value: unknown[]; nextLink?: string }> = {
            [`${VAULT}${kind}?api-version=7.4&maxresults=25`]: { value: [entry("alpha"), entry("beta")], nextLink: `${VAULT}${kind}?api-version=7.4&$skiptoken=2` },
            [`${VAULT}${kind}?api-version=7.4&$skiptoken=2`]: { value: [], nextLink: `${VAULT}${kind}?api-version=7.4&$skiptoken=3` },
            [`${VAULT}${kind}?api-version=7.4&$skiptoken=3`]: { value: [entry("gamma"), entry("cert-backed", true)] },
          };
          let text = ev((d.actions[`Initialize_${kind}Listing`] as InitializeVariableAction).inputs.variables[0].value) as string;
          const requested: string[] = [];
          for (let cycle = 0; cycle < 10; cycle++) {
            const vars = { [`${kind}Listing`]: text };
            const uri = ev(page.inputs.uri, { variables: vars }) as string;
            requested.push(uri);
            const pageRecord: ActionRecord = { name: page.inputs.uri, status: "Succeeded", outputs: { statusCode: 200, body: pages[uri] } };
            const namesBody = runSelect(names, { variables: vars, actions: { [`List_${kind}_page`]: pageRecord } });
            text += ev(append.inputs.value, { variables: vars, actions: { [`List_${kind}_page`]: pageRecord, [`Names_${kind}_page`]: { name: "n", status: "Succeeded", outputs: { body: namesBody } } } }) as string;
            if (ev(loop.expression, { variables: { [`${kind}Listing`]: text } }) === true) break;
          }
          expect(requested).to.deep.equal(Object.keys(pages));
          // Managed (certificate-backed) objects are left out: the certificate's own backup carries them.
          expect(runQuery(d.actions[`Listed_${kind}`] as QueryAction, { variables: { [`${kind}Listing`]: text } })).to.deep.equal(["alpha", "beta", "gamma"]);
          expect(ev((d.actions[`Check_${kind}_listed_to_the_end`] as IfAction).expression, { variables: { [`${kind}Listing`]: text } })).to.equal(false);
        }
      });

      it("never stops listing on an empty page: no listing condition looks at 'value'", () => {
        for (const { action } of listLoops()) expect(action.expression).not.to.include("value");
      });

      it("records a page it cannot read or list, and a listing cut short, as failures instead of stopping the run", () => {
        for (const { kind } of kinds) {
          const loop = loopOf(d, `List_all_${kind}`);
          // Strict: a page answered without `value` fails the Select and is recorded, never read as an empty last page.
          expect((loop.actions[`Names_${kind}_page`] as SelectAction).inputs.from).to.equal(`@body('List_${kind}_page')['value']`);
          expect(loop.actions[`Append_${kind}_page`].runAfter).to.deep.equal({ [`Names_${kind}_page`]: ["Succeeded", "Failed"] });
          expect(loop.actions[`Record_${kind}_page_failure`]).to.deep.include({ type: "AppendToArrayVariable", runAfter: { [`Names_${kind}_page`]: ["Failed"] } });
          // A page that fails after its retries ends the listing (the loop's condition becomes true) and is recorded.
          const stop = loop.actions[`Stop_listing_${kind}`] as SetVariableAction;
          expect(stop.runAfter).to.deep.equal({ [`List_${kind}_page`]: ["Failed", "TimedOut"] });
          expect(ev(loop.expression, { variables: { [`${kind}Listing`]: `>${VAULT}x<|a|>${VAULT}y<|${ev(stop.inputs.value)}` } })).to.equal(true);
          expect(loop.actions[`Record_${kind}_list_failure`].runAfter).to.deep.equal({ [`Stop_listing_${kind}`]: ["Succeeded"] });
          // However the listing ended, a page still to list makes the backup incomplete.
          const check = d.actions[`Check_${kind}_listed_to_the_end`] as IfAction;
          expect(check.runAfter).to.deep.equal({ [`List_all_${kind}`]: ["Succeeded", "Failed", "TimedOut"] });
          expect(ev(check.expression, { variables: { [`${kind}Listing`]: `>${VAULT}x<|a|>${VAULT}y<|` } })).to.equal(true);
          expect(Object.keys(check.actions)).to.deep.equal([`Record_${kind}_listing_incomplete`]);
          expect((check.actions[`Record_${kind}_listing_incomplete`] as SetVariableAction).inputs.name).to.equal("failures");
        }
      });

      it("backs each kind up a part at a time: PART_OBJECTS names per part, an Until over the parts, 5,000 parts at most, only when there is any", () => {
        expect(partLoops().map((l) => l.name)).to.deep.equal(kinds.map((k) => `Back_up_${k.kind}_parts`));
        for (const { kind, singular } of kinds) {
          const any = d.actions[`Back_up_${kind}_if_any`] as IfAction;
          expect(any.expression).to.equal(`@greater(length(body('Listed_${kind}')), 0)`);
          expect(Object.keys(any.actions)).to.deep.equal([`Back_up_${kind}_parts`, `Check_${kind}_parts_to_the_end`]);
          // A part loop that reached its count or timeout is recorded: its remaining names would be missing unsaid.
          const stopped = any.actions[`Check_${kind}_parts_to_the_end`] as IfAction;
          expect(stopped.runAfter).to.deep.equal({ [`Back_up_${kind}_parts`]: ["Succeeded", "Failed", "TimedOut"] });
          const listedOf = (n: number) => ({ [`Listed_${kind}`]: { name: "l", status: "Succeeded" as const, outputs: { body: Array.from({ length: n }, (_, i) => `o${i}`) } } });
          expect(ev(stopped.expression, { variables: { [`${kind}Part`]: 1 }, actions: listedOf(PART_OBJECTS[kind] + 1) })).to.equal(true);
          expect(ev(stopped.expression, { variables: { [`${kind}Part`]: 2 }, actions: listedOf(PART_OBJECTS[kind] + 1) })).to.equal(false);
          const loop = any.actions[`Back_up_${kind}_parts`] as UntilAction;
          expect(loop.limit.count).to.equal(5000);
          const part = `${kind}Part`;
          const n = PART_OBJECTS[kind];
          const names = Array.from({ length: n + 1 }, (_, i) => `o${i}`);
          const outputs = { [`Listed_${kind}`]: { name: `Listed_${kind}`, status: "Succeeded" as const, outputs: { body: names } } };
          // Done once the part index has passed the last part, and not before.
          expect(ev(loop.expression, { variables: { [part]: 1 }, actions: outputs })).to.equal(false);
          expect(ev(loop.expression, { variables: { [part]: 2 }, actions: outputs })).to.equal(true);
          const each = loop.actions[`Back_up_each_${singular}`] as ForeachAction;
          expect(ev(each.foreach, { variables: { [part]: 0 }, actions: outputs })).to.deep.equal(names.slice(0, n));
          expect(ev(each.foreach, { variables: { [part]: 1 }, actions: outputs })).to.deep.equal([`o${n}`]);
          // The part index moves on whatever the part's check did, so one bad part cannot hold the loop on itself.
          const next = loop.actions[`Next_${kind}_part`];
          expect(next).to.deep.include({ type: "IncrementVariable", inputs: { name: part, value: 1 } });
          expect(next.runAfter?.[`Check_${kind}_part`]).to.include.members(["Succeeded", "Failed", "TimedOut", "Skipped"]);
          // A check skipped because the results could not be read is recorded before the loop moves on.
          const unprocessed = loop.actions[`Record_${kind}_part_unprocessed`];
          expect(unprocessed.runAfter).to.deep.equal({ [`Check_${kind}_part`]: ["Skipped"] });
          expect(next.runAfter?.[`Record_${kind}_part_unprocessed`]).to.include.members(["Succeeded", "Skipped"]);
          expect(Object.keys(loop.actions).slice(-1)).to.deep.equal([`Next_${kind}_part`]);
          expect(find(d, `Initialize_${part}`).action).to.deep.include({ type: "InitializeVariable" });
          expect((d.actions[`Initialize_${part}`] as InitializeVariableAction).inputs.variables[0]).to.deep.include({ type: "integer", value: 0 });
        }
      });

      it("holds exactly one action in each backup Foreach: the Key Vault call", () => {
        const loops = foreachLoops(d);
        expect(loops.map((l) => l.name)).to.deep.equal(kinds.map((k) => `Back_up_each_${k.singular}`));
        for (const { action, name } of loops) {
          expect(Object.keys(action.actions)).to.deep.equal([name.replace("Back_up_each_", "Back_up_")]);
          expect(Object.values(action.actions)[0].type).to.equal("Http");
        }
        // Nothing inside a part's loop appends to a shared variable: the results are read after it, with result().
        for (const { action } of loops) expect(everyAction({ ...d, actions: action.actions }).map((a) => a.action.type)).to.deep.equal(["Http"]);
      });

      it(`runs each backup Foreach with concurrency ${concurrency}`, () => {
        const loops = foreachLoops(d);
        expect(loops).to.have.length(kinds.length);
        for (const { action } of loops) {
          expect(action.runtimeConfiguration?.concurrency).to.deep.equal({ repetitions: concurrency });
          expect(action.operationOptions).to.equal(undefined);
        }
      });

      it("reads what each call did with result(), in either shape, after the loop whatever its outcome", () => {
        for (const { kind, singular } of kinds) {
          const loop = loopOf(d, `Back_up_${kind}_parts`);
          const outcomes = loop.actions[`Outcomes_${kind}`] as SelectAction;
          expect(outcomes.runAfter).to.deep.equal({ [`Back_up_each_${singular}`]: ["Succeeded", "Failed", "TimedOut"] });
          expect(outcomes.inputs.from).to.include(`result('Back_up_each_${singular}')`);
          const call = (name: string, status: number, value?: string): ActionRecord => ({
            name: `Back_up_${singular}`,
            status: status === 200 ? "Succeeded" : "Failed",
            inputs: { method: "POST", uri: `${VAULT}${kind}/${name}/backup?api-version=7.4` },
            outputs: { statusCode: status, body: status === 200 ? (value === undefined ? {} : { value }) : { error: { message: `denied ${name}` } } },
          });
          const records = [call("alpha", 200, "blob-a"), call("beta", 403), call("gamma", 200)];
          const expected = [
            { kind: singular, name: "alpha", value: "blob-a", status: 200, error: null },
            { kind: singular, name: "beta", value: null, status: 403, error: "denied beta" },
            { kind: singular, name: "gamma", value: null, status: 200, error: null },
          ];
          const flat = { results: { [`Back_up_each_${singular}`]: records } };
          const documented = { results: { [`Back_up_each_${singular}`]: [{ name: `Back_up_${singular}`, outputs: records } as unknown as ActionRecord] } };
          expect(runSelect(outcomes, flat)).to.deep.equal(expected);
          expect(runSelect(outcomes, documented)).to.deep.equal(expected);
          // The name is the segment before /backup, whatever the vault or the object is called, with or without the query.
          const at = (uri: string): unknown => (runSelect(outcomes, { results: { [`Back_up_each_${singular}`]: [{ ...call("x", 200, "v"), inputs: { method: "POST", uri } }] } }) as Array<{ name: string }>)[0].name;
          expect(at(`https://backupkv.vault.azure.net/${kind}/backup-x/backup?api-version=7.4`)).to.equal("backup-x");
          expect(at(`https://backupkv.vault.azure.net/${kind}/backup/backup`)).to.equal("backup");
        }
      });

      it("puts in a part only objects answered 200 with a backup blob and named in the part; names the others among the failures", () => {
        for (const { kind, singular } of kinds) {
          const loop = loopOf(d, `Back_up_${kind}_parts`);
          const part = ["alpha", "beta", "gamma"];
          const outcomes = [
            { kind: singular, name: "alpha", value: "blob-a", status: 200, error: null },
            { kind: singular, name: "beta", value: null, status: 403, error: "denied" },
            { kind: singular, name: "gamma", value: null, status: 200, error: null },
            { kind: singular, name: "stranger", value: "blob-s", status: 200, error: null },
          ];
          const state: FakeState = {
            variables: { [`${kind}Part`]: 0 },
            actions: {
              [`Listed_${kind}`]: { name: `Listed_${kind}`, status: "Succeeded", outputs: { body: part } },
              [`Outcomes_${kind}`]: { name: `Outcomes_${kind}`, status: "Succeeded", outputs: { body: outcomes } },
            },
          };
          const backedUp = runQuery(loop.actions[`Backed_up_${kind}`] as QueryAction, state) as Array<{ name: string }>;
          expect(backedUp.map((o) => o.name)).to.deep.equal(["alpha"]);
          const notBackedUp = runQuery(loop.actions[`Not_backed_up_${kind}`] as QueryAction, state);
          expect((notBackedUp as Array<{ name: string }>).map((o) => o.name)).to.deep.equal(["beta", "gamma", "stranger"]);
          const failures = runSelect(loop.actions[`Record_${kind}_failures`] as SelectAction, {
            ...state,
            actions: { ...state.actions, [`Not_backed_up_${kind}`]: { name: "q", status: "Succeeded", outputs: { body: notBackedUp } } },
          }) as Array<{ name: string; status: number; error: string }>;
          expect(failures.map((f) => [f.name, f.status])).to.deep.equal([["beta", 403], ["gamma", 200], ["stranger", 200]]);
          expect(failures[0].error).to.equal("denied");
          expect(failures[1].error).to.include("without a backup blob");
          // SetVariable cannot read the variable it sets, so the grown list is composed first, when there is any.
          const store = loop.actions[`Store_${kind}_failures_if_any`] as IfAction;
          expect(ev(store.expression, { actions: { [`Record_${kind}_failures`]: { name: "r", status: "Succeeded", outputs: { body: failures } } } })).to.equal(true);
          expect(ev(store.expression, { actions: { [`Record_${kind}_failures`]: { name: "r", status: "Succeeded", outputs: { body: [] } } } })).to.equal(false);
          expect(store.actions[`Gather_${kind}_failures`]).to.deep.include({ type: "Compose", inputs: `@union(variables('failures'), body('Record_${kind}_failures'))` });
          expect(store.actions[`Store_${kind}_failures`]).to.deep.include({ type: "SetVariable", inputs: { name: "failures", value: `@outputs('Gather_${kind}_failures')` } });
        }
      });

      it("writes a part only when its results match its names one to one; else records the part as not backed up", () => {
        for (const { kind } of kinds) {
          const loop = loopOf(d, `Back_up_${kind}_parts`);
          const check = loop.actions[`Check_${kind}_part`] as IfAction;
          const at = (outcomes: string[], called: string[]): FakeState => ({
            variables: { [`${kind}Part`]: 0 },
            actions: {
              [`Listed_${kind}`]: { name: "l", status: "Succeeded", outputs: { body: ["alpha", "beta"] } },
              [`Outcomes_${kind}`]: { name: "o", status: "Succeeded", outputs: { body: outcomes.map((name) => ({ name })) } },
              [`Called_${kind}`]: { name: "c", status: "Succeeded", outputs: { body: called } },
            },
          });
          expect(ev(check.expression, at(["alpha", "beta"], ["beta", "alpha"]))).to.equal(true);
          expect(ev(check.expression, at(["alpha"], ["alpha"]))).to.equal(false); // a result lost
          expect(ev(check.expression, at(["alpha", "alpha"], ["alpha", "alpha"]))).to.equal(false); // two results for one name
          expect(ev(check.expression, at(["alpha", "beta", "gamma"], ["alpha", "beta", "gamma"]))).to.equal(false);
          expect(Object.keys(check.actions)).to.deep.equal([`Items_${kind}`, `Compose_${kind}_part`, `Write_${kind}_part`, `Record_${kind}_part`, `Count_${kind}_backed_up`, `Record_${kind}_part_not_written`]);
          expect(Object.keys(check.else?.actions ?? {})).to.deep.equal([`Record_${kind}_part_unmatched`]);
          expect((check.else!.actions[`Record_${kind}_part_unmatched`] as SetVariableAction).inputs.name).to.equal("failures");
        }
      });

      it("writes each part under parts/<backup name>/ and enters it in the manifest's list, counted, only once it is written", () => {
        const startedAt = "2026-12-01T10:15:00.000Z";
        const stem = backupBlobNameAt(new Date(startedAt), "run-1").replace(/\.json$/, "");
        for (const { kind, singular } of kinds) {
          const check = loopOf(d, `Back_up_${kind}_parts`).actions[`Check_${kind}_part`] as IfAction;
          const write = check.actions[`Write_${kind}_part`] as ApiConnectionAction;
          const state: FakeState = { variables: { startedAt, [`${kind}Part`]: 3 }, actions: { [`Items_${kind}`]: { name: "i", status: "Succeeded", outputs: { body: [{}, {}] } } } };
          const folder = ev(write.inputs.queries?.folderPath, state);
          const name = ev(write.inputs.queries?.name, state);
          expect(folder).to.equal(`/kv-backups/parts/${stem}`);
          expect(name).to.equal(`${singular}-3.json`);
          expect(write.inputs.body).to.equal(`@body('Compose_${kind}_part')`);
          expect(write.runtimeConfiguration?.contentTransfer).to.deep.equal({ transferMode: "Chunked" });
          expect(write.runtimeConfiguration?.secureData?.properties).to.include("inputs");
          const entry = check.actions[`Record_${kind}_part`] as SetVariableAction;
          expect(entry.type).to.equal("AppendToArrayVariable");
          expect(entry.inputs.name).to.equal("parts");
          expect(entry.runAfter).to.deep.equal({ [`Write_${kind}_part`]: ["Succeeded"] });
          // The entry names the blob just written, as a path inside the container, and how many items it holds.
          expect(evaluateValue(entry.inputs.value, fakeScope({ parameters: PARAMETERS, ...state }))).to.deep.equal({ kind: singular, blob: `parts/${stem}/${singular}-3.json`, count: 2, index: 3 });
          expect(check.actions[`Count_${kind}_backed_up`]).to.deep.include({ type: "IncrementVariable", runAfter: { [`Record_${kind}_part`]: ["Succeeded"] } });
          expect(check.actions[`Count_${kind}_backed_up`]).to.deep.include({ inputs: { name: `${kind}BackedUp`, value: `@length(body('Items_${kind}'))` } });
          expect(check.actions[`Record_${kind}_part_not_written`].runAfter).to.deep.equal({ [`Write_${kind}_part`]: ["Failed", "TimedOut"] });
        }
      });

      it("composes each part as a format-2 part of this run, of its kind, with its index and only the backed-up items", () => {
        for (const { kind, singular } of kinds) {
          const check = loopOf(d, `Back_up_${kind}_parts`).actions[`Check_${kind}_part`] as IfAction;
          const content = check.actions[`Compose_${kind}_part`] as ComposeAction;
          expect(content.runtimeConfiguration?.secureData).to.deep.equal({ properties: ["inputs"] });
          // The body field of a Compose as the write's body: the documented pattern for chunking.
          expect((content.inputs as { body: object }).body).to.deep.equal({
            format: "kv-backup-restore",
            formatVersion: 2,
            runId: "@workflow()?['run']?['name']",
            kind: singular,
            index: `@variables('${kind}Part')`,
            items: `@body('Items_${kind}')`,
          });
          expect((check.actions[`Items_${kind}`] as SelectAction).inputs.from).to.equal(`@body('Backed_up_${kind}')`);
        }
      });

      it("keeps backup material out of run history: every action that carries a backup blob hides it", () => {
        for (const { kind, singular } of kinds) {
          const loop = loopOf(d, `Back_up_${kind}_parts`);
          const call = (loop.actions[`Back_up_each_${singular}`] as ForeachAction).actions[`Back_up_${singular}`];
          expect(call.runtimeConfiguration?.secureData?.properties).to.have.members(["inputs", "outputs"]);
          const check = loop.actions[`Check_${kind}_part`] as IfAction;
          for (const carrier of [loop.actions[`Outcomes_${kind}`], loop.actions[`Backed_up_${kind}`], check.actions[`Items_${kind}`]]) {
            expect(carrier.runtimeConfiguration?.secureData?.properties).to.have.members(["inputs", "outputs"]);
          }
          expect(hiddenInHistory(check.actions[`Compose_${kind}_part`], [check.actions[`Items_${kind}`]])).to.deep.equal({ inputs: true, outputs: true });
          // The failures' query reads the secured outcomes, so its inputs are hidden; the records it feeds hold no value.
          expect(hiddenInHistory(loop.actions[`Not_backed_up_${kind}`], [loop.actions[`Outcomes_${kind}`]]).inputs).to.equal(true);
          expect(Object.keys((loop.actions[`Record_${kind}_failures`] as SelectAction).inputs.select as object)).not.to.include("value");
          // Azure refuses secureData on variable actions (InvalidSecureDataConfiguration).
          for (const { action } of everyAction(d).filter((a) => /Variable$/.test(a.action.type))) expect(action.runtimeConfiguration).to.equal(undefined);
        }
      });

      it("lists then backs up the kinds one after the other, in restore order, whatever each one's outcome", () => {
        const names = kinds.flatMap((k) => [`List_all_${k.kind}`, `Check_${k.kind}_listed_to_the_end`, `Listed_${k.kind}`, `Back_up_${k.kind}_if_any`]);
        expect(chainOrder(d, names)).to.deep.equal(names);
        for (const { kind } of kinds.slice(1)) {
          expect(Object.values(d.actions[`List_all_${kind}`].runAfter ?? {})[0]).to.have.members(["Succeeded", "Failed", "TimedOut"]);
        }
      });

      it("composes the manifest, format 2, with secure inputs, after the last kind whatever its outcome", () => {
        const manifest = d.actions.Compose_backup_manifest as ComposeAction;
        expect(manifest.type).to.equal("Compose");
        expect(manifest.runtimeConfiguration?.secureData).to.deep.equal({ properties: ["inputs"] });
        expect(manifest.runAfter).to.deep.equal({ [`Back_up_${kinds[kinds.length - 1].kind}_if_any`]: ["Succeeded", "Failed", "TimedOut"] });
        const body = (manifest.inputs as { body: Record<string, unknown> }).body;
        expect(Object.keys(body)).to.deep.equal(["format", "formatVersion", "sourceVault", "createdAt", "runId", "complete", "counts", "parts", "failures"]);
        expect(body).to.deep.include({ format: "kv-backup-restore", formatVersion: 2, parts: "@variables('parts')", failures: "@variables('failures')", runId: "@workflow()?['run']?['name']" });
        // The manifest holds no backup material: only the part entries.
        expect(JSON.stringify(body)).not.to.match(/Items_|Backed_up_|Outcomes_/);
      });

      it("declares a count for every kind, the backed-up objects of its parts, 0 for the ones not backed up", () => {
        const counts = (d.actions.Compose_backup_manifest as ComposeAction & { inputs: { body: { counts: Record<string, unknown> } } }).inputs.body.counts;
        expect(Object.keys(counts)).to.deep.equal(["certificates", "keys", "secrets"]);
        for (const { kind } of KINDS) expect(counts[kind]).to.equal(kinds.some((k) => k.kind === kind) ? `@variables('${kind}BackedUp')` : 0);
      });

      it("writes the manifest after every part, as the last write: only the failure If runs after it, and a stop naming the write if it never happened", () => {
        const writes = everyAction(d).filter((a) => a.action.type === "ApiConnection").map((a) => a.name);
        expect(writes).to.deep.equal([...kinds.map((k) => `Write_${k.kind}_part`), "Write_backup_manifest"]);
        // The part writes are nested in the kinds' loops; the manifest's waits for every one of those loops.
        const ancestors = ancestorsOf(d, "Write_backup_manifest");
        for (const { kind } of kinds) {
          expect(ancestors).to.include(`Back_up_${kind}_if_any`);
          expect(find(d, `Write_${kind}_part`).siblings).not.to.equal(d.actions);
        }
        const write = d.actions.Write_backup_manifest as ApiConnectionAction;
        expect(write.runAfter).to.deep.equal({ Compose_backup_manifest: ["Succeeded"], Summary: ["Succeeded"] });
        expect(d.actions.Summary.runAfter).to.deep.equal({ Compose_backup_manifest: ["Succeeded", "Failed", "TimedOut"] });
        expect(write.inputs.body).to.equal("@body('Compose_backup_manifest')");
        expect(write.runtimeConfiguration?.secureData?.properties).to.include("inputs");
        expect(write.runtimeConfiguration?.contentTransfer).to.deep.equal({ transferMode: "Chunked" });
        expect(successorsOf(d, "Write_backup_manifest")).to.deep.equal(["Stop_backup_not_written", "Fail_if_incomplete"]);
        expect(d.actions.Stop_backup_not_written.runAfter).to.deep.equal({ Write_backup_manifest: ["Failed", "TimedOut", "Skipped"] });
        expect(Object.keys(d.actions).slice(-5)).to.deep.equal(["Compose_backup_manifest", "Summary", "Write_backup_manifest", "Stop_backup_not_written", "Fail_if_incomplete"]);
        expect(Object.values(d.actions).filter((a: Action) => a.type === "ApiConnection")).to.have.length(1);
      });

      it("sums the run up without any object's value: the manifest's path, counts, parts and failures", () => {
        const summary = d.actions.Summary as ComposeAction;
        expect(Object.keys(summary.inputs as object)).to.deep.equal(["backup", "complete", "listed", "backedUp", "parts", "failures"]);
        expect(Object.keys((summary.inputs as { listed: object }).listed)).to.deep.equal(kinds.map((k) => k.kind));
        expect(JSON.stringify(summary.inputs)).not.to.match(/Items_|Backed_up_|Outcomes_|Compose_.*_part/);
        expect(summary.runtimeConfiguration).to.equal(undefined);
      });

      it("writes the manifest of an incomplete run under partial/ and of a complete one under backups/, named so the newest sorts first", () => {
        const queries = (d.actions.Write_backup_manifest as ApiConnectionAction).inputs.queries ?? {};
        expect(queries.name).to.equal(
          "@concat(concat(sub(199999999999999, int(formatDateTime(variables('startedAt'), 'yyyyMMddHHmmss'))), '-', formatDateTime(variables('startedAt'), 'yyyyMMddTHHmmssZ'), '-', workflow()?['run']?['name']), '.json')",
        );
        const startedAt = "2026-12-01T10:15:00.000Z";
        expect(ev(queries.name, { variables: { startedAt } })).to.equal(backupBlobNameAt(new Date(startedAt), "run-1"));
        const state = (failures: unknown[], short?: string): FakeState => ({
          variables: { startedAt, failures, ...Object.fromEntries(kinds.map((k) => [`${k.kind}BackedUp`, k.kind === short ? 1 : 2])) },
          actions: Object.fromEntries(kinds.map((k) => [`Listed_${k.kind}`, { name: "l", status: "Succeeded" as const, outputs: { body: ["a", "b"] } }])),
        });
        expect(ev(queries.folderPath, state([]))).to.equal("/kv-backups/backups");
        expect(ev(queries.folderPath, state([{ kind: "secret" }]))).to.equal("/kv-backups/partial");
        // An object neither backed up nor named as failed still makes the backup partial, kind by kind.
        for (const { kind } of kinds) expect(ev(queries.folderPath, state([], kind))).to.equal("/kv-backups/partial");
        const complete = (d.actions.Compose_backup_manifest as ComposeAction & { inputs: { body: { complete: string } } }).inputs.body.complete;
        expect(ev(complete, state([]))).to.equal(true);
        expect(ev(complete, state([], kinds[0].kind))).to.equal(false);
      });

      it("ends the run Failed when anything failed, outside every loop", () => {
        const check = d.actions.Fail_if_incomplete as IfAction;
        expect(check.type).to.equal("If");
        expect(check.runAfter).to.deep.equal({ Write_backup_manifest: ["Succeeded"] });
        expect(check.expression).to.include("greater(length(variables('failures')), 0)");
        // Listed against backed up per kind, so one kind's shortfall cannot be hidden by another's surplus.
        for (const { kind } of kinds) expect(check.expression).to.include(`not(equals(variables('${kind}BackedUp'), length(body('Listed_${kind}'))))`);
        expect(check.actions.Fail_incomplete_backup).to.deep.include({ type: "Terminate" });
        expect(check.actions.Fail_incomplete_backup.type === "Terminate" && check.actions.Fail_incomplete_backup.inputs.runStatus).to.equal("Failed");
      });
    });
  }

  it("orders kinds given out of order and ignores duplicates", () => {
    const d = buildBackupWorkflow({ kinds: ["secrets", "certificates", "secrets"] });
    expect(untilLoops(d).filter((l) => l.name.startsWith("List_all_")).map((l) => l.name)).to.deep.equal(["List_all_certificates", "List_all_secrets"]);
    expect(foreachLoops(d).map((l) => l.name)).to.deep.equal(["Back_up_each_certificate", "Back_up_each_secret"]);
  });

  it("sizes parts by the partObjects option", () => {
    const d = buildBackupWorkflow({ kinds: ["keys"], partObjects: { ...PART_OBJECTS, keys: 7 } });
    const loop = (d.actions.Back_up_keys_if_any as IfAction).actions.Back_up_keys_parts as UntilAction;
    expect((loop.actions.Back_up_each_key as ForeachAction).foreach).to.equal("@take(skip(body('Listed_keys'), mul(variables('keysPart'), 7)), 7)");
  });

  it("refuses an empty kinds list with its exact message", () => {
    expect(() => buildBackupWorkflow({ kinds: [] })).to.throw("buildBackupWorkflow: kinds must name at least one of certificates, keys, secrets");
  });
});
