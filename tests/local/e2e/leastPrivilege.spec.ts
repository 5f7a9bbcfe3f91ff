import { expect } from "chai";
import { LocalEnvironment } from "../../../local/environment";
import { runWorkflow } from "../../../local/engine/run";
import { RunRecord } from "../../../local/engine/runRecord";
import { AccessPolicy } from "../../../local/keyvault";
import { projectDefinition } from "../../../local/projectWorkflows";
import { stackPlan } from "../../../local/stackPlan";
import { WORKFLOW_IDENTITIES, workflowAccess } from "../../../local/workflowIdentities";
import { OBJECT_KINDS } from "../../../workflows/kinds";
import { backup, describeRun, summaryOf, TEST_TIME_SCALE, useEnvironment, vaultSpec } from "./helpers";

/** What the stack grants is all a workflow can do: each permission it holds is needed, and the other profile is refused. */
describe("end to end: least privilege, proved both ways", function () {
  this.timeout(120_000);
  let env: LocalEnvironment;
  useEnvironment((started) => (env = started));
  const plan = stackPlan();
  const grant = (which: "backup" | "restore") => workflowAccess(plan, which);
  const withBackup = async (policies: AccessPolicy[]) => {
    const vault = await env.addVault(vaultSpec("src", 2, 1, 1), {}, policies);
    return vault;
  };
  const run = (which: "backup" | "restore", definition: "backup" | "restore", vault: string): Promise<RunRecord> =>
    runWorkflow(projectDefinition(definition), { ...env.projectRun(which, vault), identity: WORKFLOW_IDENTITIES[which], trigger: { body: {} }, timeScale: TEST_TIME_SCALE });
  const forbidden = (r: RunRecord): string[] => JSON.stringify(r.actions).match(/does not have [a-z]+ [a-z]+ permission/g) ?? [];
  const without = (policy: AccessPolicy, kind: string, permission: string): AccessPolicy => ({
    ...policy,
    permissions: { ...policy.permissions, [kind]: (policy.permissions[kind as keyof typeof policy.permissions] ?? []).filter((p) => p !== permission) },
  });

  it("backs up and restores with exactly the stack's grants", async () => {
    const source = await withBackup([grant("backup")]);
    expect((await run("backup", "backup", source.name)).status).to.equal("Succeeded");
    const target = await env.addVault(vaultSpec("dst"), {}, [grant("restore")]);
    const r = await run("restore", "restore", target.name);
    expect(r.status, describeRun(r)).to.equal("Succeeded");
  });

  it("refuses the backup workflow's identity a restore, and the restore workflow's identity a backup, with Azure's 403", async () => {
    const source = await withBackup([grant("backup"), grant("restore")]);
    // The restore identity may list the source (its profile has list), but not back anything up.
    const asRestore = await run("restore", "backup", source.name);
    expect(asRestore.status).to.equal("Failed");
    expect(asRestore.error!.code).to.equal("BackupIncomplete");
    expect(forbidden(asRestore)).to.include.members(["does not have secrets backup permission", "does not have keys backup permission", "does not have certificates backup permission"]);
    expect((await run("backup", "backup", source.name)).status).to.equal("Succeeded");

    const target = await env.addVault(vaultSpec("dst"), {}, [grant("backup")]);
    const asBackup = await run("backup", "restore", target.name);
    expect(asBackup.status).to.equal("Failed");
    expect(forbidden(asBackup)).to.include("does not have secrets restore permission");
    expect(target.inventory().secrets).to.deep.equal([]);
    const message = (summaryOf(asBackup).notRestored as Array<{ status: number; error: string }>)[0];
    expect(message.status).to.equal(403);
    expect(message.error).to.match(/^The user, group or application 'appid=.*;oid=0b5c2a71-4e1d-4c3b-9a60-00000000b4c1;iss=.*' does not have \w+ restore permission on key vault 'dst-\d+;location=westeurope'/);
  });

  for (const which of ["backup", "restore"] as const) {
    for (const kind of OBJECT_KINDS) {
      for (const permission of grant(which).permissions[kind] ?? []) {
        it(`${which} fails with the 403, never succeeds, without ${kind} ${permission}`, async () => {
          const source = await withBackup([grant("backup")]);
          if (which === "backup") {
            const r = await run("backup", "backup", source.name);
            expect(r.status).to.equal("Succeeded");
            source.accessPolicies = [without(grant("backup"), kind, permission)];
            await env.clearBlobs();
            const denied = await run("backup", "backup", source.name);
            expect(denied.status, describeRun(denied)).to.equal("Failed");
            expect(forbidden(denied)).to.include(`does not have ${kind} ${permission} permission`);
            return;
          }
          expect((await backup(env, source.name)).status).to.equal("Succeeded");
          const target = await env.addVault(vaultSpec("dst"), {}, [without(grant("restore"), kind, permission)]);
          const denied = await run("restore", "restore", target.name);
          expect(denied.status, describeRun(denied)).to.equal("Failed");
          expect(forbidden(denied)).to.include(`does not have ${kind} ${permission} permission`);
        });
      }
    }
  }
});
