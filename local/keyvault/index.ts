/** The Key Vault data-plane emulator: one HTTP server per vault on 127.0.0.1. */
export { KeyVaultEmulator, DEFAULT_GEOGRAPHY, DEFAULT_SUBSCRIPTION_ID } from "./server";
export { seedVault, SeedCounts, SeedOptions } from "./seed";
export { EMULATOR_TENANT_ID, KEY_VAULT_RESOURCE } from "./auth";
export { KeyVaultError, KeyVaultErrorBody } from "./errors";
export { MAX_PAGE_SIZE } from "./paging";
export { AZURE_BACKUP_MAGIC, BackupSizeGeneration, DEFAULT_BACKUP_SIZE_GENERATION, backupValueLength } from "./backupSize";
export { AccessPolicy, FaultOptions, KeyVaultEmulatorOptions, ObjectKind, ObjectSummary, VaultCounters, VaultInventory } from "./types";
export { RestoreReading, ServiceLimitOptions, VAULT_LIMITS } from "./serviceLimits";
