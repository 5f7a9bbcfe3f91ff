import * as pulumi from "@pulumi/pulumi";
import { ObjectKind, OBJECT_KINDS } from "./workflows/kinds";
import { CONFLICT_POLICIES, ConflictPolicy } from "./workflows/restore";
import { MAX_PREFIX_LENGTH } from "./components/naming";
import { BackupSchedule, scheduleProblems } from "./workflows/schedule";
import { closest } from "./workflows/closest";
import { missedRunProblem } from "./plan/missedRunWindow";
import { PART_OBJECTS } from "./workflows/backupDocument";
import { LIMITS } from "./workflows/limits";

/** The project name, and so the namespace of every config key (`kv-backup-restore:<key>`). */
export const PROJECT = "kv-backup-restore";

export const STORAGE_SKUS = ["Standard_LRS", "Standard_ZRS", "Standard_GRS", "Standard_RAGRS", "Standard_GZRS", "Standard_RAGZRS"] as const;
export type StorageSku = (typeof STORAGE_SKUS)[number];
export const INTEGRATION_ACCOUNT_SKUS = ["Free", "Basic", "Standard"] as const;
export type IntegrationAccountSku = (typeof INTEGRATION_ACCOUNT_SKUS)[number];

export interface StackConfig {
  location: string;
  namePrefix: string;
  kinds: ObjectKind[];
  concurrency: number;
  /** Objects per backup part, per kind: lower them for objects with many versions (each version adds its size). */
  backupPartObjects: Record<ObjectKind, number>;
  keyVaultApiVersion: string;
  conflictPolicy: ConflictPolicy;
  softDeleteRetentionDays: number;
  purgeProtection: boolean;
  storageSku: StorageSku;
  containerName: string;
  integrationAccountSku: IntegrationAccountSku;
  /** Days a backup document is kept before the storage lifecycle rule deletes it; 0 keeps them forever. */
  backupRetentionDays: number;
  /** A Recurrence trigger on the backup workflow; null: backups run only when triggered over HTTP. */
  backupSchedule: BackupSchedule | null;
  /** An existing vault to back up (name; with sourceVaultResourceGroup); empty: the stack creates one. */
  sourceVaultName: string;
  sourceVaultResourceGroup: string;
  /** An existing vault to restore into; empty: the stack creates one. */
  targetVaultName: string;
  targetVaultResourceGroup: string;
  /** A deliberate choice: the restore target may be the source vault itself. */
  restoreIntoSourceVault: boolean;
  /** Who is e-mailed when a backup or restore run fails, or a scheduled backup is missed; empty: no alerts. */
  alertEmails: string[];
  /** `create` (a new account of integrationAccountSku), `none` (restore picks with expressions), or an existing account's resource id. */
  integrationAccount: string;
  /** Days a backup document can be neither changed nor deleted after it is written (container WORM policy); 0: off. */
  immutableDays: number;
  /** `create` (a workspace of the stack's own), a Log Analytics workspace's resource id, or empty (none) for the workflows' diagnostic settings. */
  logAnalyticsWorkspaceId: string;
}

/** The defaults, the same as in Pulumi.yaml (which the CLI applies, but unit tests and synth do not). */
export const DEFAULTS: StackConfig = {
  location: "westeurope",
  namePrefix: "kvbr",
  kinds: ["secrets", "keys", "certificates"],
  concurrency: 20,
  backupPartObjects: { ...PART_OBJECTS },
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
};

/** Raised before any resource exists, naming every bad key, its value and what is allowed. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid stack configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

type Raw = (key: keyof StackConfig) => string | undefined;

/** A structured value as Pulumi passes it (JSON text); undefined when it is not JSON. */
function jsonOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const vaultNameProblem = (v: string): string | undefined =>
  v === "" || /^[a-zA-Z](?!.*--)[a-zA-Z0-9-]{1,22}[a-zA-Z0-9]$/.test(v) ? undefined : "must be an existing vault's name: 3-24 letters, digits and single dashes, starting with a letter";
const resourceGroupProblem = (v: string): string | undefined =>
  v === "" || /^[-\w._()]{0,89}[-\w_()]$/.test(v) ? undefined : "must be a resource group name: 1-90 letters, digits, underscores, parentheses, hyphens and periods, not ending in a period";

/**
 * Parse raw config strings (as Pulumi passes them) into a checked StackConfig. Pure, for tests and synth.
 * `present` are the keys set in the project's namespace: one that is not a setting (a typo such as
 * `concurency`) is an error, never silently the default.
 */
export function parseStackConfig(raw: Raw, present: readonly string[] = []): StackConfig {
  const problems: string[] = [];
  const bad = (key: keyof StackConfig, value: string, allowed: string) =>
    problems.push(`${PROJECT}:${key} = ${JSON.stringify(value)}: ${allowed}`);
  const settings = Object.keys(DEFAULTS);
  for (const key of present) {
    if (settings.includes(key)) continue;
    const hint = closest(key, settings);
    problems.push(`${PROJECT}:${key} is not a setting of this project${hint ? `; did you mean ${hint}?` : ""} (settings: ${settings.join(", ")})`);
  }

  const text = <K extends keyof StackConfig>(key: K, check: (v: string) => string | undefined): string => {
    const value = raw(key);
    if (value === undefined) return DEFAULTS[key] as string;
    const problem = check(value);
    if (problem) bad(key, value, problem);
    return value;
  };
  const oneOf = <T extends string>(key: keyof StackConfig, allowed: readonly T[]): T =>
    text(key, (v) => (allowed.includes(v as T) ? undefined : `must be one of ${allowed.join(", ")}`)) as T;
  const integer = (key: keyof StackConfig, min: number, max: number): number => {
    const value = raw(key);
    if (value === undefined) return DEFAULTS[key] as number;
    const n = Number(value);
    if (!/^-?\d+$/.test(value.trim()) || n < min || n > max) bad(key, value, `must be a whole number from ${min} to ${max}`);
    return n;
  };
  const bool = (key: keyof StackConfig): boolean => {
    const value = raw(key);
    if (value === undefined) return DEFAULTS[key] as boolean;
    if (value !== "true" && value !== "false") bad(key, value, "must be true or false");
    return value === "true";
  };

  const kinds = (): ObjectKind[] => {
    const value = raw("kinds");
    if (value === undefined) return DEFAULTS.kinds;
    const parsed = jsonOrUndefined(value);
    const allowed = `must be a non-empty list of distinct values from ${OBJECT_KINDS.join(", ")}`;
    if (!Array.isArray(parsed) || parsed.length === 0 || new Set(parsed).size !== parsed.length || !parsed.every((k) => OBJECT_KINDS.includes(k))) {
      bad("kinds", value, allowed);
      return DEFAULTS.kinds;
    }
    return parsed as ObjectKind[];
  };

  const schedule = (): BackupSchedule | null => {
    const value = raw("backupSchedule");
    if (value === undefined) return DEFAULTS.backupSchedule;
    let parsed: unknown;
    try {
      parsed = JSON.parse(value);
    } catch {
      parsed = value;
    }
    const found = scheduleProblems(parsed);
    if (found.length > 0) bad("backupSchedule", value, found.join("; "));
    return found.length > 0 ? null : (parsed as BackupSchedule);
  };

  const partObjects = (): Record<ObjectKind, number> => {
    const value = raw("backupPartObjects");
    if (value === undefined) return DEFAULTS.backupPartObjects;
    const parsed = jsonOrUndefined(value);
    const counts = typeof parsed === "object" && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
    const ok =
      counts !== undefined &&
      Object.keys(counts).every((k) => OBJECT_KINDS.includes(k as ObjectKind)) &&
      Object.values(counts).every((n) => Number.isInteger(n) && (n as number) >= 1 && (n as number) <= LIMITS.foreachItems);
    if (!ok) {
      bad("backupPartObjects", value, `must map some of ${OBJECT_KINDS.join(", ")} to whole numbers from 1 to ${LIMITS.foreachItems}, e.g. {"certificates": 50}`);
      return DEFAULTS.backupPartObjects;
    }
    return { ...DEFAULTS.backupPartObjects, ...(counts as Partial<Record<ObjectKind, number>>) };
  };

  const emails = (): string[] => {
    const value = raw("alertEmails");
    if (value === undefined) return DEFAULTS.alertEmails;
    const parsed = jsonOrUndefined(value);
    const ok = Array.isArray(parsed) && parsed.every((e) => typeof e === "string" && /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(e)) && new Set(parsed).size === parsed.length;
    if (!ok) bad("alertEmails", value, "must be a list of distinct e-mail addresses, e.g. [ops@example.com]");
    return ok ? (parsed as string[]) : DEFAULTS.alertEmails;
  };

  const config: StackConfig = {
    location: text("location", (v) => (/^[a-z0-9]+$/.test(v) ? undefined : "must be an Azure region name such as westeurope (lowercase letters and digits)")),
    namePrefix: text("namePrefix", (v) =>
      new RegExp(`^[a-z][a-z0-9]{0,${MAX_PREFIX_LENGTH - 1}}$`).test(v)
        ? undefined
        : `must be 1-${MAX_PREFIX_LENGTH} lowercase letters and digits, starting with a letter (it becomes part of storage account and vault names)`,
    ),
    kinds: kinds(),
    concurrency: integer("concurrency", 1, 50),
    backupPartObjects: partObjects(),
    keyVaultApiVersion: text("keyVaultApiVersion", (v) =>
      /^(7\.\d|\d{4}-\d{2}-\d{2}(-preview)?)$/.test(v) ? undefined : "must be a Key Vault data-plane API version such as 2025-07-01 or 7.5",
    ),
    conflictPolicy: oneOf("conflictPolicy", CONFLICT_POLICIES),
    softDeleteRetentionDays: integer("softDeleteRetentionDays", 7, 90),
    purgeProtection: bool("purgeProtection"),
    storageSku: oneOf("storageSku", STORAGE_SKUS),
    containerName: text("containerName", (v) =>
      /^(?!.*--)[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/.test(v) ? undefined : "must be 3-63 lowercase letters, digits and single dashes, starting and ending with a letter or digit",
    ),
    integrationAccountSku: oneOf("integrationAccountSku", INTEGRATION_ACCOUNT_SKUS),
    backupRetentionDays: integer("backupRetentionDays", 0, 36500),
    backupSchedule: schedule(),
    sourceVaultName: text("sourceVaultName", vaultNameProblem),
    sourceVaultResourceGroup: text("sourceVaultResourceGroup", resourceGroupProblem),
    targetVaultName: text("targetVaultName", vaultNameProblem),
    targetVaultResourceGroup: text("targetVaultResourceGroup", resourceGroupProblem),
    restoreIntoSourceVault: bool("restoreIntoSourceVault"),
    alertEmails: emails(),
    immutableDays: integer("immutableDays", 0, 146_000),
    logAnalyticsWorkspaceId: text("logAnalyticsWorkspaceId", (v) =>
      v === "" || v === "create" || /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.OperationalInsights\/workspaces\/[^/]+$/i.test(v)
        ? undefined
        : "must be empty, create, or a Log Analytics workspace resource id (/subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.OperationalInsights/workspaces/<name>)",
    ),
    integrationAccount: text("integrationAccount", (v) =>
      v === "create" || v === "none" || /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.Logic\/integrationAccounts\/[^/]+$/i.test(v)
        ? undefined
        : "must be create, none, or an integration account's resource id (/subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.Logic/integrationAccounts/<name>)",
    ),
  };
  if (config.backupRetentionDays > 0 && config.immutableDays > config.backupRetentionDays) {
    bad("immutableDays", String(config.immutableDays), `must not exceed backupRetentionDays (${config.backupRetentionDays}): the lifecycle rule cannot delete a document that is still immutable`);
  }
  if (config.alertEmails.length > 0 && config.backupSchedule !== null) {
    // A run that never happens fails nothing: only its absence from the run logs shows it.
    if (config.logAnalyticsWorkspaceId === "") {
      bad("logAnalyticsWorkspaceId", "", "must be create or a workspace resource id when alertEmails and backupSchedule are set: a missed backup is found in the backup workflow's run logs");
    }
    const problem = missedRunProblem(config.backupSchedule);
    if (problem) bad("backupSchedule", JSON.stringify(config.backupSchedule), problem);
  }
  for (const side of ["source", "target"] as const) {
    const nameKey = `${side}VaultName` as const;
    const groupKey = `${side}VaultResourceGroup` as const;
    if ((config[nameKey] === "") !== (config[groupKey] === "")) {
      const [given, missing] = config[nameKey] === "" ? [groupKey, nameKey] : [nameKey, groupKey];
      bad(given, config[given], `an existing vault needs both ${nameKey} and ${groupKey}; set ${missing} too, or neither`);
    }
  }
  const same = config.sourceVaultName !== "" && sameVault(config);
  if (same && !config.restoreIntoSourceVault) {
    bad("targetVaultName", config.targetVaultName, "is the source vault: restoring into the vault being backed up is allowed only as a deliberate choice; set restoreIntoSourceVault to true, or name another vault");
  } else if (!same && config.restoreIntoSourceVault) {
    bad("restoreIntoSourceVault", "true", "needs targetVaultName and targetVaultResourceGroup to name the source vault (sourceVaultName, sourceVaultResourceGroup)");
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/** Vault and resource group names are case-insensitive in Azure. */
function sameVault(c: StackConfig): boolean {
  return c.sourceVaultName.toLowerCase() === c.targetVaultName.toLowerCase() && c.sourceVaultResourceGroup.toLowerCase() === c.targetVaultResourceGroup.toLowerCase();
}

/** Read and check the current stack's config; throws ConfigError, so a bad value fails at preview. */
export function readStackConfig(): StackConfig {
  const config = new pulumi.Config(PROJECT);
  const present = Object.keys(pulumi.runtime.allConfig())
    .filter((key) => key.startsWith(`${PROJECT}:`))
    .map((key) => key.slice(PROJECT.length + 1));
  return parseStackConfig((key) => config.get(key), present);
}
