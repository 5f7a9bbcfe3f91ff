import { expect } from "chai";
import { RULES, RuleArgs } from "../../policy/rules";
import { buildBackupWorkflow } from "../../workflows/backup";
import { synthStack } from "../stackSynth";

/** Violations a rule reports for one resource; rules are called directly, never through `new PolicyPack`. */
function violations(ruleName: string, type: string, props: Record<string, unknown>, production = false): string[] {
  const rule = RULES.find((r) => r.name === ruleName) ?? expect.fail(`no rule ${ruleName}`);
  const out: string[] = [];
  const args: RuleArgs = { type, name: "r", props, getConfig: <T extends object>() => ({ production }) as unknown as T };
  rule.validateResource(args, (message) => out.push(message));
  return out;
}

describe("policy rules", () => {
  it("storage: HTTPS only, TLS 1.2, no public blob access", () => {
    const good = { enableHttpsTrafficOnly: true, minimumTlsVersion: "TLS1_2", allowBlobPublicAccess: false };
    expect(violations("storage-secure-transport", "azure-native:storage:StorageAccount", good)).to.deep.equal([]);
    expect(violations("storage-secure-transport", "azure-native:storage:StorageAccount", { ...good, minimumTlsVersion: "TLS1_0", allowBlobPublicAccess: true })).to.deep.equal([
      'minimumTlsVersion must be TLS1_2, got "TLS1_0"',
      "allowBlobPublicAccess must be false",
    ]);
  });

  it("vaults: soft delete always, purge protection on production stacks", () => {
    const rule = "key-vault-soft-delete-and-purge-protection";
    const vault = (p: Record<string, unknown>) => ({ properties: { enableSoftDelete: true, ...p } });
    expect(violations(rule, "azure-native:keyvault:Vault", vault({}))).to.deep.equal([]);
    expect(violations(rule, "azure-native:keyvault:Vault", vault({}), true)).to.deep.equal(["production vaults need enablePurgeProtection: true"]);
    expect(violations(rule, "azure-native:keyvault:Vault", vault({ enablePurgeProtection: true }), true)).to.deep.equal([]);
    expect(violations(rule, "azure-native:keyvault:Vault", vault({ enableSoftDelete: false }))).to.deep.equal(["enableSoftDelete must not be false"]);
  });

  it("workflows: a managed identity", () => {
    expect(violations("logic-app-managed-identity", "azure-native:logic:Workflow", { identity: { type: "SystemAssigned" } })).to.deep.equal([]);
    expect(violations("logic-app-managed-identity", "azure-native:logic:Workflow", {})).to.deep.equal(["the workflow needs a system- or user-assigned managed identity"]);
  });

  it("workflows: secureData on every Key Vault backup or restore call, found at any depth", () => {
    const rule = "key-vault-backup-calls-secure-data";
    const definition = buildBackupWorkflow({ kinds: ["secrets"], concurrency: 5 }) as unknown as { actions: Record<string, any> };
    expect(violations(rule, "azure-native:logic:Workflow", { definition })).to.deep.equal([]);
    delete definition.actions.Back_up_secrets_if_any.actions.Back_up_secrets_parts.actions.Back_up_each_secret.actions.Back_up_secret.runtimeConfiguration;
    expect(violations(rule, "azure-native:logic:Workflow", { definition })).to.deep.equal([
      "action 'Back_up_secret' calls a Key Vault backup or restore endpoint without secureData on inputs and outputs",
    ]);
  });

  it("access policies: exactly one workflow profile, nothing beyond it", () => {
    const rule = "vault-access-least-privilege";
    const policy = (permissions: Record<string, string[]>) => ({ policy: { permissions } });
    expect(violations(rule, "azure-native:keyvault:AccessPolicy", policy({ secrets: ["list", "backup"], keys: ["list", "backup"] }))).to.deep.equal([]);
    expect(violations(rule, "azure-native:keyvault:AccessPolicy", policy({ secrets: ["restore", "list"] }))).to.deep.equal([]);
    expect(violations(rule, "azure-native:keyvault:AccessPolicy", policy({ secrets: ["list", "backup", "get"] }))).to.deep.equal([
      'grants {"secrets":["list","backup","get"]}; a workflow profile is exactly [list, backup] or [restore, list] for each kind',
    ]);
    expect(violations(rule, "azure-native:keyvault:AccessPolicy", policy({ secrets: ["list", "backup"], storage: ["get"] }))).to.deep.equal([
      "grants storage permissions (get); the workflows need none",
    ]);
  });
});

describe("policy rules over the synthesized stacks", function () {
  this.timeout(240_000);
  for (const [stack, production] of [["dev", false], ["prod", true]] as const) {
    it(`the synthesized ${stack} stack breaks no rule${production ? " (as a production stack)" : ""}`, async () => {
      const { resources } = await synthStack(stack);
      const found: string[] = [];
      for (const r of resources) {
        for (const rule of RULES) {
          rule.validateResource({ type: r.type, name: r.name, props: r.inputs, getConfig: <T extends object>() => ({ production }) as unknown as T }, (m) => found.push(`${r.name}: ${rule.name}: ${m}`));
        }
      }
      expect(found).to.deep.equal([]);
      expect(resources.filter((r) => r.type === "azure-native:keyvault:AccessPolicy")).to.have.length(2);
    });
  }
});
