import { JsonObject } from "./definition";
import { ObjectKind, OBJECT_KINDS, SINGULAR } from "./kinds";

/**
 * The backup document: one JSON object per run, written last. Restore checks it against this schema
 * (ParseJson fails on a mismatch) before it writes anything to the target vault.
 */
export const BACKUP_FORMAT = "kv-backup-restore";
export const BACKUP_FORMAT_VERSION = 1;

/** Complete backups; restore's "latest" looks only here. */
export const COMPLETE_FOLDER = "backups";
/** Backups of runs where some object failed: kept for inspection, never picked as "latest". */
export const PARTIAL_FOLDER = "partial";

export interface BackupItem {
  kind: string;
  name: string;
  /** Key Vault's opaque base64url backup blob, stored verbatim. */
  value: string;
}

export interface BackupDocument {
  format: typeof BACKUP_FORMAT;
  formatVersion: typeof BACKUP_FORMAT_VERSION;
  sourceVault: string;
  createdAt: string;
  runId: string;
  complete: boolean;
  counts: Record<ObjectKind, number>;
  items: BackupItem[];
  failures: Array<{ kind: string; name: string | null; status: number | null; error: string | null }>;
}

export function backupDocumentSchema(): JsonObject {
  const count = { type: "integer", minimum: 0 };
  return {
    type: "object",
    required: ["format", "formatVersion", "sourceVault", "createdAt", "runId", "counts", "items"],
    properties: {
      format: { type: "string", enum: [BACKUP_FORMAT] },
      formatVersion: { type: "integer", enum: [BACKUP_FORMAT_VERSION] },
      sourceVault: { type: "string" },
      createdAt: { type: "string" },
      runId: { type: "string" },
      complete: { type: "boolean" },
      counts: {
        type: "object",
        required: [...OBJECT_KINDS],
        properties: Object.fromEntries(OBJECT_KINDS.map((k) => [k, count])),
      },
      items: {
        type: "array",
        items: {
          type: "object",
          required: ["kind", "name", "value"],
          properties: {
            kind: { type: "string", enum: OBJECT_KINDS.map((k) => SINGULAR[k]) },
            name: { type: "string", minLength: 1 },
            value: { type: "string", minLength: 1 },
          },
        },
      },
      failures: { type: "array" },
    },
  };
}
