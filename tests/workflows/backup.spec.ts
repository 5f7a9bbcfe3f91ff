import { expect } from "chai";
import { ApiConnectionAction, ComposeAction, IfAction, QueryAction, WorkflowDefinition } from "../../workflows/definition";
import { buildBackupWorkflow } from "../../workflows/backup";
import { validateDefinition } from "../../workflows/validate";
import { hiddenInHistory } from "../../workflows/secureData";
import { chainOrder, everyAction, find, foreachLoops, httpActions, successorsOf, untilLoops } from "./helpers";
import { buildCase, readSnapshot } from "./snapshots/cases";

const KINDS = [
  { kind: "certificates", singular: "certificate" },
  { kind: "keys", singular: "key" },
  { kind: "secrets", singular: "secret" },
];

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

      it("passes the validator", () => {
        expect(validateDefinition(d)).to.deep.equal([]);
      });

      it("backs up through POST {vault}/{kind}/{name}/backup, hidden both ways and with an explicit retry policy", () => {
        const calls = httpActions(d).filter((h) => /\/backup'\)$/.test(h.action.inputs.uri));
        expect(calls.map((c) => c.name)).to.deep.equal(kinds.map((k) => `Back_up_${k.singular}`));
        for (const { action, name } of calls) {
          const singular = name.replace("Back_up_", "");
          expect(action.inputs.method).to.equal("POST");
          expect(action.inputs.uri).to.equal(
            // KeyItem carries its identifier in `kid`; SecretItem and CertificateItem in `id`.
            `@concat(parameters('vaultBaseUrl'), '${singular}s/', last(split(items('Back_up_each_${singular}')?['${singular === "key" ? "kid" : "id"}'], '/')), '/backup')`,
          );
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
        const loops = untilLoops(d);
        expect(loops.map((l) => l.name)).to.deep.equal(kinds.map((k) => `List_all_${k.kind}`));
        for (const { action, name } of loops) {
          const kind = name.replace("List_all_", "");
          const nextPage = `${kind}NextPage`;
          expect(action.expression).to.equal(`@empty(variables('${nextPage}'))`);
          expect(action.limit.count).to.equal(5000);
          expect(action.limit.count! * 25).to.be.at.least(100000);
          const page = action.actions[`List_${kind}_page`];
          expect(page.type === "Http" && page.inputs.uri).to.equal(`@variables('${nextPage}')`);
          const next = action.actions[`Next_${kind}_page`];
          expect(next).to.deep.include({ type: "SetVariable", inputs: { name: nextPage, value: `@coalesce(body('List_${kind}_page')?['nextLink'], '')` } });
          const init = find(d, `Initialize_${kind}_next_page`).action;
          expect(init.type === "InitializeVariable" && init.inputs.variables[0].value).to.equal(
            `@concat(parameters('vaultBaseUrl'), '${kind}?api-version=', parameters('keyVaultApiVersion'), '&maxresults=25')`,
          );
        }
      });

      it("never stops listing on an empty page: no loop condition looks at 'value'", () => {
        for (const { action } of untilLoops(d)) expect(action.expression).not.to.include("value");
      });

      it("filters out managed (certificate-backed) objects, gathers every page, then backs up the gathered list", () => {
        for (const { kind, singular } of kinds) {
          const filter = find(d, `Unmanaged_${kind}`).action as QueryAction;
          expect(filter.type).to.equal("Query");
          // Strict: a page answered without `value` fails here and is recorded, never read as an empty last page.
          expect(filter.inputs.from).to.equal(`@body('List_${kind}_page')['value']`);
          expect(filter.inputs.where).to.equal("@not(equals(item()?['managed'], true))");
          // SetVariable may not read the variable it sets, so the union is composed first.
          expect(find(d, `Gather_${kind}`).action).to.deep.include({ type: "Compose", inputs: `@union(variables('${kind}ToBackUp'), body('Unmanaged_${kind}'))` });
          expect(find(d, `Store_${kind}`).action).to.deep.include({ type: "SetVariable", inputs: { name: `${kind}ToBackUp`, value: `@outputs('Gather_${kind}')` } });
          const loop = d.actions[`Back_up_each_${singular}`];
          expect(loop.type === "Foreach" && loop.foreach).to.equal(`@variables('${kind}ToBackUp')`);
          expect(loop.runAfter).to.deep.equal({ [`Check_${kind}_listed_to_the_end`]: ["Succeeded", "Failed", "TimedOut"] });
          // However the listing ended, a pending nextLink makes the backup incomplete.
          const check = d.actions[`Check_${kind}_listed_to_the_end`] as IfAction;
          expect(check.runAfter).to.deep.equal({ [`List_all_${kind}`]: ["Succeeded", "Failed", "TimedOut"] });
          expect(check.expression).to.equal(`@not(empty(variables('${kind}NextPage')))`);
          expect(Object.keys(check.actions)).to.deep.equal([`Record_${kind}_listing_incomplete`]);
        }
      });

      it(`runs each backup Foreach with concurrency ${concurrency}`, () => {
        const loops = foreachLoops(d);
        expect(loops).to.have.length(kinds.length);
        for (const { action } of loops) {
          expect(action.runtimeConfiguration?.concurrency).to.deep.equal({ repetitions: concurrency });
          expect(action.operationOptions).to.equal(undefined);
        }
      });

      it("collects backup material only from the backup call's secured outputs, so Azure hides the collecting inputs", () => {
        for (const { singular } of kinds) {
          const collect = find(d, `Collect_${singular}`).action;
          const call = find(d, `Back_up_${singular}`).action;
          expect(collect.type).to.equal("AppendToArrayVariable");
          // Azure refuses secureData on variable actions (InvalidSecureDataConfiguration).
          expect(collect.runtimeConfiguration).to.equal(undefined);
          expect(JSON.stringify(collect)).to.contain(`body('Back_up_${singular}')?['value']`);
          expect(call.runtimeConfiguration?.secureData?.properties).to.have.members(["inputs", "outputs"]);
          expect(hiddenInHistory(collect, [call])).to.deep.equal({ inputs: true, outputs: false });
        }
      });

      it("records a failed backup call instead of stopping the loop", () => {
        for (const { singular } of kinds) {
          expect(find(d, `Record_${singular}_failure`).action.runAfter).to.deep.equal({ [`Back_up_${singular}`]: ["Failed", "TimedOut"] });
        }
      });

      it("lists then backs up the kinds one after the other, in restore order, whatever each one's outcome", () => {
        const names = kinds.flatMap((k) => [`List_all_${k.kind}`, `Check_${k.kind}_listed_to_the_end`, `Back_up_each_${k.singular}`, `Usable_${k.kind}`, `Unusable_${k.kind}`, `Record_unusable_${k.kind}`]);
        expect(chainOrder(d, names)).to.deep.equal(names);
        for (const name of names.slice(1)) expect(Object.values(d.actions[name].runAfter ?? {})[0]).to.have.members(["Succeeded", "Failed", "TimedOut"]);
      });

      it("composes the document with secure inputs, after the last backup loop whatever its outcome", () => {
        const doc = d.actions.Compose_backup_document as ComposeAction;
        expect(doc.type).to.equal("Compose");
        expect(doc.runtimeConfiguration?.secureData).to.deep.equal({ properties: ["inputs"] });
        expect(doc.runAfter).to.deep.equal({ [`Record_unusable_${kinds[kinds.length - 1].kind}`]: ["Succeeded", "Failed", "TimedOut"] });
        // Only items with a backup blob go in; the others are named among the failures.
        const items = (doc.inputs as { body: { items: string } }).body.items;
        for (const { kind } of kinds) expect(items).to.contain(`body('Usable_${kind}')`);
        // The document is the Compose's `body` field, the pattern chunking needs.
        expect((doc.inputs as { body: object }).body).to.deep.include({ format: "kv-backup-restore", formatVersion: 1 });
      });

      it("declares a count for every kind, 0 for the ones not backed up", () => {
        const counts = (d.actions.Compose_backup_document as ComposeAction & { inputs: { body: { counts: Record<string, unknown> } } }).inputs.body.counts;
        for (const { kind } of KINDS) {
          expect(counts[kind]).to.equal(kinds.some((k) => k.kind === kind) ? `@sub(length(variables('${kind}Items')), length(body('Record_unusable_${kind}')))` : 0);
        }
      });

      it("keeps a backup call answered without a blob out of the document: Usable_ and Unusable_ split the collected items, the latter named as failures", () => {
        for (const { kind, singular } of kinds) {
          const usable = d.actions[`Usable_${kind}`] as QueryAction;
          expect(usable).to.deep.include({ type: "Query", runAfter: { [`Back_up_each_${singular}`]: ["Succeeded", "Failed", "TimedOut"] } });
          expect(usable.inputs).to.deep.equal({ from: `@variables('${kind}Items')`, where: "@not(empty(item()?['value']))" });
          expect(usable.runtimeConfiguration?.secureData?.properties).to.have.members(["inputs", "outputs"]);
          const unusable = d.actions[`Unusable_${kind}`] as QueryAction;
          expect(unusable.inputs).to.deep.equal({ from: `@variables('${kind}Items')`, where: "@empty(item()?['value'])" });
          expect(unusable.runtimeConfiguration?.secureData?.properties).to.deep.equal(["inputs"]);
          expect(d.actions[`Record_unusable_${kind}`]).to.deep.include({ type: "Select" });
        }
      });

      it("writes the blob last: only the failure If runs after it, and a stop naming the write if it never happened", () => {
        const write = d.actions.Write_backup_document as ApiConnectionAction;
        expect(write.type).to.equal("ApiConnection");
        expect(write.runAfter).to.deep.equal({ Compose_backup_document: ["Succeeded"], Summary: ["Succeeded"] });
        expect(d.actions.Summary.runAfter).to.deep.equal({ Compose_backup_document: ["Succeeded", "Failed", "TimedOut"] });
        expect(write.inputs.body).to.equal("@body('Compose_backup_document')");
        expect(write.runtimeConfiguration?.secureData?.properties).to.include("inputs");
        expect(successorsOf(d, "Write_backup_document")).to.deep.equal(["Stop_backup_not_written", "Fail_if_incomplete"]);
        expect(d.actions.Stop_backup_not_written.runAfter).to.deep.equal({ Write_backup_document: ["Failed", "TimedOut", "Skipped"] });
        expect(Object.keys(d.actions).slice(-4)).to.deep.equal(["Summary", "Write_backup_document", "Stop_backup_not_written", "Fail_if_incomplete"]);
        expect(everyAction(d).filter((a) => a.action.type === "ApiConnection")).to.have.length(1);
      });

      it("sums the run up without any object's value: the blob name, counts and the failures", () => {
        const summary = d.actions.Summary as ComposeAction;
        expect(Object.keys(summary.inputs as object)).to.deep.equal(["backup", "complete", "listed", "backedUp", "failures"]);
        const text = JSON.stringify(summary.inputs);
        for (const { kind } of kinds) expect(text).not.to.match(new RegExp(`(?<!length\\()variables\\('${kind}Items'\\)`));
        expect(summary.runtimeConfiguration).to.equal(undefined);
      });

      it("writes an incomplete run under partial/ and a complete one under backups/, named so the newest sorts first", () => {
        const queries = (d.actions.Write_backup_document as ApiConnectionAction).inputs.queries ?? {};
        expect(queries.folderPath).to.match(/^@concat\('\/', parameters\('containerName'\), '\/', if\(.*, 'partial', 'backups'\)\)$/);
        expect(queries.name).to.equal(
          "@concat(sub(199999999999999, int(formatDateTime(variables('startedAt'), 'yyyyMMddHHmmss'))), '-', formatDateTime(variables('startedAt'), 'yyyyMMddTHHmmssZ'), '-', workflow()?['run']?['name'], '.json')",
        );
      });

      it("chunks the write, with the body field of a Compose as the body, the documented pattern for chunking", () => {
        const write = d.actions.Write_backup_document as ApiConnectionAction;
        expect(write.runtimeConfiguration?.contentTransfer).to.deep.equal({ transferMode: "Chunked" });
        expect(write.inputs.body).to.equal("@body('Compose_backup_document')");
      });

      it("ends the run Failed when anything failed, outside every loop", () => {
        const check = d.actions.Fail_if_incomplete as IfAction;
        expect(check.type).to.equal("If");
        expect(check.expression).to.include("greater(length(union(variables('failures')");
        // Listed against collected per kind, so one kind's shortfall cannot be hidden by another's surplus.
        for (const { kind } of kinds) expect(check.expression).to.include(`not(equals(length(variables('${kind}Items')), variables('${kind}Listed')))`);
        expect(check.actions.Fail_incomplete_backup).to.deep.include({ type: "Terminate" });
        expect(check.actions.Fail_incomplete_backup.type === "Terminate" && check.actions.Fail_incomplete_backup.inputs.runStatus).to.equal("Failed");
      });
    });
  }

  it("orders kinds given out of order and ignores duplicates", () => {
    const d = buildBackupWorkflow({ kinds: ["secrets", "certificates", "secrets"] });
    expect(untilLoops(d).map((l) => l.name)).to.deep.equal(["List_all_certificates", "List_all_secrets"]);
  });

  it("refuses an empty kinds list with its exact message", () => {
    expect(() => buildBackupWorkflow({ kinds: [] })).to.throw("buildBackupWorkflow: kinds must name at least one of certificates, keys, secrets");
  });
});
