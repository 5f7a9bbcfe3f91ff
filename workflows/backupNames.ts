import { Expr, concat, formatDateTime, int, sub } from "./expr";

/**
 * How backups are named, so that "latest" is right from the first page of a listing whatever the paging
 * does: Blob storage lists names in lexicographic order, and whether the connector's List blobs returns a
 * next-page marker is unconfirmed, so the newest backup must sort first.
 *
 *   newest first (since 2026-12): `<inverted>-<yyyyMMddTHHmmssZ>-<run id>.json`, where `<inverted>` is
 *     INVERTED_BASE minus the start time as the number yyyyMMddHHmmss: 15 digits that start with 1 for any
 *     year from 2000 to 8999, shrinking as time goes on, so the newest name sorts first and before every
 *     name of the older form;
 *   older form (still read): `<yyyyMMddTHHmmssZ>-<run id>.json`, which sorts oldest first.
 */
export const INVERTED_BASE = 199_999_999_999_999;
/** The first character of every newest-first name; names of the older form start with the year's 2. */
export const NEWEST_FIRST_MARK = "1";
/** `20261128T101500Z`: .NET custom format, where T and Z are not specifiers and so stay literal. */
export const TIMESTAMP_FORMAT = "yyyyMMddTHHmmssZ";
const TIMESTAMP_DIGITS = "yyyyMMddHHmmss";

/** The name of the backup a run that started at `startedAt` writes. */
export function backupBlobName(startedAt: Expr, runId: Expr): Expr {
  const inverted = sub(INVERTED_BASE, int(formatDateTime(startedAt, TIMESTAMP_DIGITS)));
  return concat(inverted, "-", formatDateTime(startedAt, TIMESTAMP_FORMAT), "-", runId, ".json");
}

/** The same name in TypeScript, for tools and tests that make or read backups outside a workflow. */
export function backupBlobNameAt(startedAt: Date, runId: string): string {
  const iso = startedAt.toISOString();
  const digits = iso.slice(0, 19).replace(/[-T:]/g, "");
  const stamp = `${digits.slice(0, 8)}T${digits.slice(8)}Z`;
  return `${INVERTED_BASE - Number(digits)}-${stamp}-${runId}.json`;
}
