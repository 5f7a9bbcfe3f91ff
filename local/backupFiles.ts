import { LocalEnvironment } from "./environment";
import { BACKUP_FORMAT, BackupItem, BackupManifest, BackupPart, LEGACY_FORMAT_VERSION, LegacyBackupDocument, PARTS_FOLDER } from "../workflows/backupDocument";

/*
 * Backup files in a LocalEnvironment's container, read and written as a user's tools would: for tests and
 * the bench.
 */

/** Backups (manifests or format-1 documents) in the container: every blob outside parts/. */
export async function backupBlobs(env: LocalEnvironment): Promise<Array<{ name: string; size: number }>> {
  return (await env.listBlobs()).filter((b) => !b.name.startsWith(`${PARTS_FOLDER}/`));
}

export async function blobJson<T = unknown>(env: LocalEnvironment, name: string): Promise<T> {
  return JSON.parse((await env.azurite.serviceClient().getContainerClient(env.container).getBlobClient(name).downloadToBuffer()).toString("utf8")) as T;
}

export async function writeBlobJson(env: LocalEnvironment, name: string, value: unknown): Promise<void> {
  const text = JSON.stringify(value);
  await env.azurite.serviceClient().getContainerClient(env.container).getBlockBlobClient(name).upload(text, Buffer.byteLength(text));
}

/** A format-2 backup as a reader sees it: its manifest, and the items of all its parts in manifest order. */
export async function readBackup(env: LocalEnvironment, manifestName: string): Promise<{ manifest: BackupManifest; items: BackupItem[] }> {
  const manifest = await blobJson<BackupManifest>(env, manifestName);
  const items: BackupItem[] = [];
  for (const part of manifest.parts) items.push(...(await blobJson<BackupPart>(env, part.blob)).items);
  return { manifest, items };
}

/**
 * The same backup as a format-1 document (one document holding every item), the format written until
 * 2026-12: restore must keep reading the backups users already have.
 */
export async function asFormat1(env: LocalEnvironment, manifestName: string): Promise<LegacyBackupDocument> {
  const { manifest, items } = await readBackup(env, manifestName);
  const { sourceVault, createdAt, runId, complete, counts, failures } = manifest;
  return { format: BACKUP_FORMAT, formatVersion: LEGACY_FORMAT_VERSION, sourceVault, createdAt, runId, complete, counts, items, failures };
}
