import { JsonObject } from "./definition";
import { ObjectKind, OBJECT_KINDS, SINGULAR } from "./kinds";
import { Value } from "./value";

/**
 * The backup format, in one place: each type below is the shape readers get, its schema is what restore's
 * ParseJson checks (`satisfies` ties the two field for field), and the backup workflow composes documents
 * through the `...Content` functions, whose arguments are typed by the same fields.
 *
 * Format 2 (since 2026-12): a backup is a manifest plus parts. The parts are written first, under
 * `parts/<backup name without .json>/`; the manifest, written last, is the backup: under `backups/` when
 * every object was backed up, else under `partial/`. So a reader tells a complete backup from a partial one
 * by the manifest alone, and a run that stops before its manifest leaves only parts, which no picker lists.
 * Format 1 (until 2026-12) was one document holding every item; restore still reads it.
 */
export const BACKUP_FORMAT = "kv-backup-restore";
export const BACKUP_FORMAT_VERSION = 2;
export const LEGACY_FORMAT_VERSION = 1;

/** Complete backups; restore's "latest" looks only here. */
export const COMPLETE_FOLDER = "backups";
/** Backups of runs where some object failed: kept for inspection, never picked as "latest". */
export const PARTIAL_FOLDER = "partial";
/** Parts of every backup, a folder per backup; never listed by the pickers. */
export const PARTS_FOLDER = "parts";

export type KindCounts = Record<ObjectKind, number>;

export interface BackupItem {
  /** `certificate`, `key` or `secret`. */
  kind: string;
  name: string;
  /** Key Vault's opaque base64url backup blob, stored verbatim. */
  value: string;
}

export interface BackupFailure {
  kind: string;
  name: string | null;
  status: number | null;
  error: string | null;
}

/** The manifest's entry for one part. */
export interface PartEntry {
  kind: string;
  /** The part's path inside the container. */
  blob: string;
  /** Items in the part. */
  count: number;
  /** The part's index among its kind's parts: 0, 1, ... with no gap in a complete backup. */
  index: number;
}

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  formatVersion: typeof BACKUP_FORMAT_VERSION;
  sourceVault: string;
  createdAt: string;
  runId: string;
  complete: boolean;
  /** Objects backed up, per kind: the sum of the counts of that kind's parts. */
  counts: KindCounts;
  /** Certificates first, then keys, then secrets: the order restore follows. */
  parts: PartEntry[];
  failures: BackupFailure[];
}

export interface BackupPart {
  format: typeof BACKUP_FORMAT;
  formatVersion: typeof BACKUP_FORMAT_VERSION;
  /** The run that wrote it: the manifest's runId. */
  runId: string;
  kind: string;
  /** 0 for a kind's first part. */
  index: number;
  items: BackupItem[];
}

/** Format 1: one document per backup. */
export interface LegacyBackupDocument {
  format: typeof BACKUP_FORMAT;
  formatVersion: typeof LEGACY_FORMAT_VERSION;
  sourceVault: string;
  createdAt: string;
  runId: string;
  complete: boolean;
  counts: KindCounts;
  items: BackupItem[];
  failures: BackupFailure[];
}

type SchemaOf<T> = { [K in keyof T]-?: JsonObject };

const text = (minLength = 0): JsonObject => (minLength > 0 ? { type: "string", minLength } : { type: "string" });
const count = (): JsonObject => ({ type: "integer", minimum: 0 });
const kindName = (): JsonObject => ({ type: "string", enum: OBJECT_KINDS.map((k) => SINGULAR[k]) });
const arrayOf = (items: JsonObject): JsonObject => ({ type: "array", items });
const objectOf = (properties: Record<string, JsonObject>, required = Object.keys(properties)): JsonObject => ({ type: "object", required, properties });

const ITEM_FIELDS = { kind: kindName(), name: text(1), value: text(1) } satisfies SchemaOf<BackupItem>;
const FAILURE_FIELDS = { kind: text(), name: {}, status: {}, error: {} } satisfies SchemaOf<BackupFailure>;
const PART_ENTRY_FIELDS = { kind: kindName(), blob: text(1), count: count(), index: count() } satisfies SchemaOf<PartEntry>;
const COUNTS = objectOf(Object.fromEntries(OBJECT_KINDS.map((k) => [k, count()])) as SchemaOf<KindCounts>);

const COMMON_FIELDS = {
  format: { type: "string", enum: [BACKUP_FORMAT] },
  sourceVault: text(),
  createdAt: text(),
  runId: text(1),
  complete: { type: "boolean" },
  counts: COUNTS,
  failures: arrayOf(objectOf(FAILURE_FIELDS, ["kind"])),
};
const MANIFEST_FIELDS = {
  ...COMMON_FIELDS,
  formatVersion: { type: "integer", enum: [BACKUP_FORMAT_VERSION] },
  parts: arrayOf(objectOf(PART_ENTRY_FIELDS)),
} satisfies SchemaOf<BackupManifest>;
const LEGACY_FIELDS = {
  ...COMMON_FIELDS,
  formatVersion: { type: "integer", enum: [LEGACY_FORMAT_VERSION] },
  items: arrayOf(objectOf(ITEM_FIELDS)),
} satisfies SchemaOf<LegacyBackupDocument>;
const PART_FIELDS = {
  format: COMMON_FIELDS.format,
  formatVersion: MANIFEST_FIELDS.formatVersion,
  runId: text(1),
  kind: kindName(),
  index: count(),
  items: arrayOf(objectOf(ITEM_FIELDS)),
} satisfies SchemaOf<BackupPart>;

/**
 * What restore's ParseJson accepts as the chosen backup: a format-2 manifest or a format-1 document. The
 * schema subset ParseJson checks has no oneOf, so the fields of both are allowed and the workflow then
 * requires `parts` (format 2) or `items` (format 1), whichever the version says.
 */
export function backupSchema(): JsonObject {
  return objectOf(
    { ...LEGACY_FIELDS, ...MANIFEST_FIELDS, formatVersion: { type: "integer", enum: [LEGACY_FORMAT_VERSION, BACKUP_FORMAT_VERSION] } },
    ["format", "formatVersion", "sourceVault", "createdAt", "runId", "counts"],
  );
}

/** A format-2 part. */
export function partSchema(): JsonObject {
  return objectOf(PART_FIELDS);
}

/**
 * What restore's ParseJson accepts where it reads a part: a format-2 part, or, for a format-1 backup (read
 * as its own only part), the document itself. The workflow then requires the part's version to be the
 * backup's, and a format-2 part's kind to be its entry's.
 */
export function partReadSchema(): JsonObject {
  return objectOf({ ...PART_FIELDS, formatVersion: { type: "integer", enum: [LEGACY_FORMAT_VERSION, BACKUP_FORMAT_VERSION] } }, ["format", "formatVersion", "runId", "items"]);
}

type ContentOf<T> = { [K in keyof T]-?: Value };

/** The manifest as the backup workflow composes it: every field of BackupManifest, as values or expressions. */
export function manifestContent(fields: Omit<ContentOf<BackupManifest>, "format" | "formatVersion">): Value {
  return { format: BACKUP_FORMAT, formatVersion: BACKUP_FORMAT_VERSION, ...fields };
}

export function partContent(fields: Omit<ContentOf<BackupPart>, "format" | "formatVersion">): Value {
  return { format: BACKUP_FORMAT, formatVersion: BACKUP_FORMAT_VERSION, ...fields };
}

export function itemContent(fields: ContentOf<BackupItem>): Value {
  return fields;
}

export function failureContent(fields: ContentOf<BackupFailure>): Value {
  return fields;
}

/**
 * Objects per part, per kind: about 8 MiB of backup blobs at the sizes Azure's own recordings show
 * (3,791 / 9,560 / 42,158 bytes; reference strictness-sizes-auth.md §2), so a part's biggest action (the
 * loop's results, read by one Select) stays far under the 104,857,600-byte limit even if objects carry
 * several versions each, and a part per few thousand objects keeps the per-part actions near nothing.
 */
export const PART_OBJECTS: Readonly<Record<ObjectKind, number>> = { secrets: 2000, keys: 800, certificates: 200 };
