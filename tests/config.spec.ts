import "./mocks";
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";
import * as pulumi from "@pulumi/pulumi";
import { ConfigError, DEFAULTS, StackConfig, parseStackConfig, readStackConfig } from "../config";
import { messageOf } from "./components/helpers";

type Key = keyof StackConfig;

/** A config getter backed by a plain map, as `pulumi.Config.get` would answer. */
const getter =
  (values: Partial<Record<Key, string>>) =>
  (key: Key): string | undefined =>
    values[key];

/** The problems a bad config raises; fails the test when it does not throw a ConfigError. */
function problemsOf(values: Partial<Record<Key, string>>): string[] {
  try {
    parseStackConfig(getter(values));
  } catch (err) {
    expect(err).to.be.instanceOf(ConfigError);
    return (err as ConfigError).problems;
  }
  expect.fail(`expected a ConfigError for ${JSON.stringify(values)}`);
}

const NUMBER_1_50 = "must be a whole number from 1 to 50";
const NUMBER_7_90 = "must be a whole number from 7 to 90";
const KINDS = "must be a non-empty list of distinct values from certificates, keys, secrets";
const PREFIX = "must be 1-13 lowercase letters and digits, starting with a letter (it becomes part of storage account and vault names)";

describe("config: parseStackConfig", () => {
  it("applies every default when nothing is set", () => {
    const config = parseStackConfig(() => undefined);
    expect(config).to.deep.equal({
      location: "westeurope",
      namePrefix: "kvbr",
      kinds: ["secrets", "keys", "certificates"],
      concurrency: 20,
      backupPartObjects: { secrets: 2000, keys: 800, certificates: 200 },
      keyVaultApiVersion: "2025-07-01",
      conflictPolicy: "skip",
      softDeleteRetentionDays: 90,
      purgeProtection: false,
      storageSku: "Standard_LRS",
      containerName: "kv-backups",
      integrationAccountSku: "Free",
      backupRetentionDays: 90,
      backupSchedule: null,
      sourceVaultName: "",
      sourceVaultResourceGroup: "",
      targetVaultName: "",
      targetVaultResourceGroup: "",
      restoreIntoSourceVault: false,
      alertEmails: [],
      integrationAccount: "create",
      immutableDays: 0,
      logAnalyticsWorkspaceId: "",
    });
  });

  it("reads every key when all are set", () => {
    const config = parseStackConfig(
      getter({
        location: "northeurope",
        namePrefix: "abc1",
        kinds: '["keys"]',
        concurrency: "7",
        backupPartObjects: '{"certificates":50}',
        keyVaultApiVersion: "7.5",
        conflictPolicy: "fail",
        softDeleteRetentionDays: "30",
        purgeProtection: "true",
        storageSku: "Standard_GZRS",
        containerName: "my-backups-1",
        integrationAccountSku: "Basic",
        backupRetentionDays: "30",
        backupSchedule: '{"frequency":"Day","interval":1,"hours":[2],"minutes":[0]}',
        sourceVaultName: "prod-secrets",
        sourceVaultResourceGroup: "rg-prod",
        targetVaultName: "dr-secrets",
        targetVaultResourceGroup: "rg-dr",
        restoreIntoSourceVault: "false",
        alertEmails: '["ops@example.com"]',
        integrationAccount: "none",
        immutableDays: "14",
        logAnalyticsWorkspaceId: "/subscriptions/s/resourceGroups/rg-ops/providers/Microsoft.OperationalInsights/workspaces/ops",
      }),
    );
    expect(config).to.deep.equal({
      location: "northeurope",
      namePrefix: "abc1",
      kinds: ["keys"],
      concurrency: 7,
      backupPartObjects: { secrets: 2000, keys: 800, certificates: 50 },
      keyVaultApiVersion: "7.5",
      conflictPolicy: "fail",
      softDeleteRetentionDays: 30,
      purgeProtection: true,
      storageSku: "Standard_GZRS",
      containerName: "my-backups-1",
      integrationAccountSku: "Basic",
      backupRetentionDays: 30,
      backupSchedule: { frequency: "Day", interval: 1, hours: [2], minutes: [0] },
      sourceVaultName: "prod-secrets",
      sourceVaultResourceGroup: "rg-prod",
      targetVaultName: "dr-secrets",
      targetVaultResourceGroup: "rg-dr",
      restoreIntoSourceVault: false,
      alertEmails: ["ops@example.com"],
      integrationAccount: "none",
      immutableDays: 14,
      logAnalyticsWorkspaceId: "/subscriptions/s/resourceGroups/rg-ops/providers/Microsoft.OperationalInsights/workspaces/ops",
    });
  });

  it("refuses a key of the project that is not a setting, naming the closest one", () => {
    expect(() => parseStackConfig(getter({}), ["concurency"])).to.throw("kv-backup-restore:concurency is not a setting of this project; did you mean concurrency?");
    expect(() => parseStackConfig(getter({}), ["purgeProtektion", "namePrefix"])).to.throw("kv-backup-restore:purgeProtektion is not a setting of this project; did you mean purgeProtection?");
    expect(() => parseStackConfig(getter({}), ["somethingElse"])).to.throw(/kv-backup-restore:somethingElse is not a setting of this project \(settings: location, namePrefix/);
    expect(parseStackConfig(getter({ concurrency: "5" }), ["concurrency"]).concurrency).to.equal(5);
  });

  it("reads the keys a stack sets from Pulumi's config, so a typo in a stack file fails at preview", () => {
    const saved = pulumi.runtime.allConfig();
    try {
      pulumi.runtime.setAllConfig({ "kv-backup-restore:concurency": "5", "azure-native:location": "westeurope" });
      expect(() => readStackConfig()).to.throw("kv-backup-restore:concurency is not a setting of this project; did you mean concurrency?");
      pulumi.runtime.setAllConfig({ "kv-backup-restore:concurrency": "5", "azure-native:location": "westeurope" });
      expect(readStackConfig().concurrency).to.equal(5);
    } finally {
      pulumi.runtime.setAllConfig(saved);
    }
  });

  it("refuses the source vault as the restore target unless that is the deliberate choice", () => {
    const same = { sourceVaultName: "prod-kv", sourceVaultResourceGroup: "rg-prod", targetVaultName: "PROD-KV", targetVaultResourceGroup: "RG-Prod" };
    expect(() => parseStackConfig(getter(same))).to.throw(/kv-backup-restore:targetVaultName = "PROD-KV": is the source vault: .* set restoreIntoSourceVault to true/);
    expect(parseStackConfig(getter({ ...same, restoreIntoSourceVault: "true" })).targetVaultName).to.equal("PROD-KV");
    expect(() => parseStackConfig(getter({ restoreIntoSourceVault: "true" }))).to.throw(/kv-backup-restore:restoreIntoSourceVault = "true": needs targetVaultName and targetVaultResourceGroup to name the source vault/);
  });

  it("refuses a schedule time zone that is not a Windows time zone id, suggesting the nearest", () => {
    const schedule = (timeZone: string) => getter({ backupSchedule: JSON.stringify({ frequency: "Day", interval: 1, hours: [2], minutes: [0], timeZone }) });
    expect(parseStackConfig(schedule("W. Europe Standard Time")).backupSchedule?.timeZone).to.equal("W. Europe Standard Time");
    expect(() => parseStackConfig(schedule("Europe/Berlin"))).to.throw(/timeZone "Europe\/Berlin" is not a Windows time zone id/);
    expect(() => parseStackConfig(schedule("W. Europe Standard Tme"))).to.throw(/did you mean "W\. Europe Standard Time"\?/);
    expect(() => parseStackConfig(schedule("w. europe standard time"))).to.throw(/did you mean "W\. Europe Standard Time"\?/);
  });

  it("refuses a schedule that runs more often than hourly", () => {
    const schedule = (s: object) => getter({ backupSchedule: JSON.stringify(s) });
    for (const s of [{ frequency: "Minute", interval: 30 }, { frequency: "Day", interval: 1, minutes: [0, 30] }, { frequency: "Day", interval: 1, hours: [2, 2], minutes: [0] }]) {
      expect(() => parseStackConfig(schedule(s)), JSON.stringify(s)).to.throw(/runs closer together than 60 minutes|distinct/);
    }
    for (const s of [{ frequency: "Minute", interval: 60 }, { frequency: "Hour", interval: 1 }, { frequency: "Day", interval: 1, hours: [2, 14], minutes: [0] }]) {
      expect(parseStackConfig(schedule(s)).backupSchedule, JSON.stringify(s)).to.deep.equal(s);
    }
  });

  it("with alerts and a schedule, needs run logs to see a missed backup, and a schedule a log alert can watch", () => {
    const daily = '{"frequency":"Day","interval":1,"hours":[2],"minutes":[0]}';
    const alerted = { alertEmails: '["ops@example.com"]', backupSchedule: daily };
    expect(problemsOf(alerted)).to.deep.equal([
      `kv-backup-restore:logAnalyticsWorkspaceId = "": must be create or a workspace resource id when alertEmails and backupSchedule are set: a missed backup is found in the backup workflow's run logs`,
    ]);
    expect(parseStackConfig(getter({ ...alerted, logAnalyticsWorkspaceId: "create" })).logAnalyticsWorkspaceId).to.equal("create");
    const weekly = '{"frequency":"Week","interval":1,"weekDays":["Sunday"],"hours":[3]}';
    expect(problemsOf({ ...alerted, backupSchedule: weekly, logAnalyticsWorkspaceId: "create" })).to.deep.equal([
      `kv-backup-restore:backupSchedule = "{\\"frequency\\":\\"Week\\",\\"interval\\":1,\\"weekDays\\":[\\"Sunday\\"],\\"hours\\":[3]}": runs up to 168 hours apart; with alertEmails, runs must be at most 46 hours apart, or a missed run goes unnoticed (a log search alert looks back at most 2 days, and a run may take 2 hours to be logged)`,
    ]);
    // Without alerts nobody is told anyway: a weekly schedule is fine, and so is no workspace.
    expect(parseStackConfig(getter({ backupSchedule: weekly })).backupSchedule).to.deep.equal({ frequency: "Week", interval: 1, weekDays: ["Sunday"], hours: [3] });
  });

  describe("accepts values at their boundaries", () => {
    const accepted: Array<[Key, string, unknown]> = [
      ["concurrency", "1", 1],
      ["concurrency", "50", 50],
      ["softDeleteRetentionDays", "7", 7],
      ["softDeleteRetentionDays", "90", 90],
      ["namePrefix", "abcdefghijklm", "abcdefghijklm"],
      ["namePrefix", "a", "a"],
      ["namePrefix", "a1b2", "a1b2"],
      ["kinds", '["secrets"]', ["secrets"]],
      ["kinds", '["certificates","keys"]', ["certificates", "keys"]],
      ["kinds", '["keys","secrets","certificates"]', ["keys", "secrets", "certificates"]],
      ["purgeProtection", "false", false],
      ["purgeProtection", "true", true],
      ["keyVaultApiVersion", "2025-07-01-preview", "2025-07-01-preview"],
      ["containerName", "abc", "abc"],
      ["containerName", "a".repeat(63), "a".repeat(63)],
      ["storageSku", "Standard_RAGRS", "Standard_RAGRS"],
      ["integrationAccountSku", "Standard", "Standard"],
      ["backupRetentionDays", "0", 0],
      ["backupRetentionDays", "36500", 36500],
    ];
    for (const [key, raw, expected] of accepted) {
      it(`${key} = ${raw}`, () => {
        expect(parseStackConfig(getter({ [key]: raw }))[key]).to.deep.equal(expected);
      });
    }
  });

  it("reports a bad existing-vault name and a missing resource group together", () => {
    expect(messageOf(() => parseStackConfig(getter({ sourceVaultName: "1vault" })))).to.equal(
      [
        "Invalid stack configuration:",
        `  - kv-backup-restore:sourceVaultName = "1vault": must be an existing vault's name: 3-24 letters, digits and single dashes, starting with a letter`,
        `  - kv-backup-restore:sourceVaultName = "1vault": an existing vault needs both sourceVaultName and sourceVaultResourceGroup; set sourceVaultResourceGroup too, or neither`,
      ].join("\n"),
    );
  });

  describe("rejects a bad value with a message naming the key, the value and what is allowed", () => {
    const rejected: Array<[Key, string, string]> = [
      ["concurrency", "0", `kv-backup-restore:concurrency = "0": ${NUMBER_1_50}`],
      ["concurrency", "51", `kv-backup-restore:concurrency = "51": ${NUMBER_1_50}`],
      ["concurrency", "abc", `kv-backup-restore:concurrency = "abc": ${NUMBER_1_50}`],
      ...['{"certificates":0}', '{"secret":5}', '{"keys":1.5}', "[1]", "{", '{"keys":100001}'].map(
        (v): [keyof StackConfig, string, string] => ["backupPartObjects", v, `kv-backup-restore:backupPartObjects = ${JSON.stringify(v)}: must map some of certificates, keys, secrets to whole numbers from 1 to 100000, e.g. {"certificates": 50}`],
      ),
      ["concurrency", "2.5", `kv-backup-restore:concurrency = "2.5": ${NUMBER_1_50}`],
      ["softDeleteRetentionDays", "6", `kv-backup-restore:softDeleteRetentionDays = "6": ${NUMBER_7_90}`],
      ["softDeleteRetentionDays", "91", `kv-backup-restore:softDeleteRetentionDays = "91": ${NUMBER_7_90}`],
      ["conflictPolicy", "overwrite", `kv-backup-restore:conflictPolicy = "overwrite": must be one of skip, fail`],
      [
        "storageSku",
        "Premium_LRS",
        `kv-backup-restore:storageSku = "Premium_LRS": must be one of Standard_LRS, Standard_ZRS, Standard_GRS, Standard_RAGRS, Standard_GZRS, Standard_RAGZRS`,
      ],
      ["integrationAccountSku", "Premium", `kv-backup-restore:integrationAccountSku = "Premium": must be one of Free, Basic, Standard`],
      ["purgeProtection", "yes", `kv-backup-restore:purgeProtection = "yes": must be true or false`],
      [
        "backupSchedule",
        '{"frequency":"Day","interval":501}',
        `kv-backup-restore:backupSchedule = "{\\"frequency\\":\\"Day\\",\\"interval\\":501}": interval must be a whole number from 1 to 500 for frequency Day`,
      ],
      ["immutableDays", "91", `kv-backup-restore:immutableDays = "91": must not exceed backupRetentionDays (90): the lifecycle rule cannot delete a document that is still immutable`],
      [
        "logAnalyticsWorkspaceId",
        "ops",
        `kv-backup-restore:logAnalyticsWorkspaceId = "ops": must be empty, create, or a Log Analytics workspace resource id (/subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.OperationalInsights/workspaces/<name>)`,
      ],
      ["immutableDays", "-1", `kv-backup-restore:immutableDays = "-1": must be a whole number from 0 to 146000`],
      [
        "integrationAccount",
        "existing",
        `kv-backup-restore:integrationAccount = "existing": must be create, none, or an integration account's resource id (/subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.Logic/integrationAccounts/<name>)`,
      ],
      ["alertEmails", '["not-an-address"]', `kv-backup-restore:alertEmails = "[\\"not-an-address\\"]": must be a list of distinct e-mail addresses, e.g. [ops@example.com]`],
      ["alertEmails", "ops@example.com", `kv-backup-restore:alertEmails = "ops@example.com": must be a list of distinct e-mail addresses, e.g. [ops@example.com]`],
      ["sourceVaultName", "my-vault", `kv-backup-restore:sourceVaultName = "my-vault": an existing vault needs both sourceVaultName and sourceVaultResourceGroup; set sourceVaultResourceGroup too, or neither`],
      ["targetVaultResourceGroup", "rg-dr", `kv-backup-restore:targetVaultResourceGroup = "rg-dr": an existing vault needs both targetVaultName and targetVaultResourceGroup; set targetVaultName too, or neither`],
      ["backupSchedule", "daily", `kv-backup-restore:backupSchedule = "daily": must be an object such as {frequency: Day, interval: 1, hours: [2], minutes: [0]}`],
      ["backupRetentionDays", "-1", `kv-backup-restore:backupRetentionDays = "-1": must be a whole number from 0 to 36500`],
      ["backupRetentionDays", "36501", `kv-backup-restore:backupRetentionDays = "36501": must be a whole number from 0 to 36500`],
      ["kinds", "[]", `kv-backup-restore:kinds = "[]": ${KINDS}`],
      ["kinds", '["secrets","secrets"]', `kv-backup-restore:kinds = "[\\"secrets\\",\\"secrets\\"]": ${KINDS}`],
      ["kinds", '["passwords"]', `kv-backup-restore:kinds = "[\\"passwords\\"]": ${KINDS}`],
      ["kinds", "not json", `kv-backup-restore:kinds = "not json": ${KINDS}`],
      ["kinds", '"secrets"', `kv-backup-restore:kinds = "\\"secrets\\"": ${KINDS}`],
      ["namePrefix", "1abc", `kv-backup-restore:namePrefix = "1abc": ${PREFIX}`],
      ["namePrefix", "Abc", `kv-backup-restore:namePrefix = "Abc": ${PREFIX}`],
      ["namePrefix", "abcdefghijklmn", `kv-backup-restore:namePrefix = "abcdefghijklmn": ${PREFIX}`],
      ["namePrefix", "a-b", `kv-backup-restore:namePrefix = "a-b": ${PREFIX}`],
      [
        "keyVaultApiVersion",
        "latest",
        `kv-backup-restore:keyVaultApiVersion = "latest": must be a Key Vault data-plane API version such as 2025-07-01 or 7.5`,
      ],
      [
        "containerName",
        "ab",
        `kv-backup-restore:containerName = "ab": must be 3-63 lowercase letters, digits and single dashes, starting and ending with a letter or digit`,
      ],
      [
        "containerName",
        "kv--backups",
        `kv-backup-restore:containerName = "kv--backups": must be 3-63 lowercase letters, digits and single dashes, starting and ending with a letter or digit`,
      ],
      [
        "location",
        "West Europe",
        `kv-backup-restore:location = "West Europe": must be an Azure region name such as westeurope (lowercase letters and digits)`,
      ],
    ];
    for (const [key, raw, message] of rejected) {
      it(`${key} = ${raw}`, () => {
        expect(problemsOf({ [key]: raw })).to.deep.equal([message]);
      });
    }
  });

  it("reports every bad key at once, and the error message lists them all", () => {
    let error: unknown;
    try {
      parseStackConfig(getter({ concurrency: "0", namePrefix: "Abc", purgeProtection: "yes", location: "westeurope" }));
    } catch (err) {
      error = err;
    }
    expect(error).to.be.instanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).to.have.members([
      `kv-backup-restore:namePrefix = "Abc": ${PREFIX}`,
      `kv-backup-restore:concurrency = "0": ${NUMBER_1_50}`,
      `kv-backup-restore:purgeProtection = "yes": must be true or false`,
    ]);
    expect(problems).to.have.length(3);
    expect((error as ConfigError).name).to.equal("ConfigError");
    expect((error as ConfigError).message).to.equal(
      [
        "Invalid stack configuration:",
        `  - kv-backup-restore:namePrefix = "Abc": ${PREFIX}`,
        `  - kv-backup-restore:concurrency = "0": ${NUMBER_1_50}`,
        `  - kv-backup-restore:purgeProtection = "yes": must be true or false`,
      ].join("\n"),
    );
  });
});

describe("config: Pulumi.yaml agrees with config.ts", () => {
  interface Schema {
    type?: string;
    description?: string;
    default?: unknown;
  }
  const project = yaml.load(fs.readFileSync(path.join(__dirname, "..", "Pulumi.yaml"), "utf8")) as { name: string; config: Record<string, Schema> };
  const YAML_TYPE: Record<string, string> = { string: "string", number: "integer", boolean: "boolean", object: "array" };

  it("is the kv-backup-restore project", () => {
    expect(project.name).to.equal("kv-backup-restore");
  });

  it("declares exactly the keys config.ts knows", () => {
    expect(Object.keys(project.config).sort()).to.deep.equal([
      "alertEmails",
      "backupPartObjects",
      "backupRetentionDays",
      "backupSchedule",
      "concurrency",
      "conflictPolicy",
      "containerName",
      "immutableDays",
      "integrationAccount",
      "integrationAccountSku",
      "keyVaultApiVersion",
      "kinds",
      "location",
      "logAnalyticsWorkspaceId",
      "namePrefix",
      "purgeProtection",
      "restoreIntoSourceVault",
      "softDeleteRetentionDays",
      "sourceVaultName",
      "sourceVaultResourceGroup",
      "storageSku",
      "targetVaultName",
      "targetVaultResourceGroup",
    ]);
    expect(Object.keys(project.config).sort()).to.deep.equal(Object.keys(DEFAULTS).sort());
  });

  for (const key of Object.keys(DEFAULTS) as Key[]) {
    it(`${key}: same default, matching type, and a description`, () => {
      const schema = project.config[key];
      expect(schema, `Pulumi.yaml has no config.${key}`).to.be.an("object");
      const value = DEFAULTS[key];
      if (value === null || (typeof value === "object" && !Array.isArray(value))) {
        // An object: Pulumi's project schema has no object type (nor a null default), so neither is set.
        expect(schema.default).to.equal(undefined);
        expect(schema.type).to.equal(undefined);
      } else {
        expect(schema.default).to.deep.equal(DEFAULTS[key]);
        expect(schema.type).to.equal(YAML_TYPE[typeof DEFAULTS[key]]);
      }
      expect(schema.description).to.be.a("string").and.to.have.length.greaterThan(10);
    });
  }
});
