import { Expr, add, addMinutes, and, concat, equals, formatDateTime, ifElse, int, isInt, length, lessOrEquals, max, not, contains, string, sub, substring } from "./expr";

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

/** The name of the backup a run that started at `startedAt` writes, without `.json`: its parts' folder too. */
export function backupStem(startedAt: Expr, runId: Expr): Expr {
  const inverted = sub(INVERTED_BASE, int(formatDateTime(startedAt, TIMESTAMP_DIGITS)));
  return concat(inverted, "-", formatDateTime(startedAt, TIMESTAMP_FORMAT), "-", runId);
}

/** The same name in TypeScript, for tools and tests that make or read backups outside a workflow. */
export function backupBlobNameAt(startedAt: Date, runId: string): string {
  const iso = startedAt.toISOString();
  const digits = iso.slice(0, 19).replace(/[-T:]/g, "");
  const stamp = `${digits.slice(0, 8)}T${digits.slice(8)}Z`;
  return `${INVERTED_BASE - Number(digits)}-${stamp}-${runId}.json`;
}

/**
 * A backup dated later than this (the restore's start plus clock skew) was not written by this service: a
 * planted name dated in the future would otherwise sort first and be taken for the latest.
 */
export const CLOCK_SKEW_MINUTES = 5;

/** The two forms in full (a run id has no `.` or `/`); the TypeScript twin of the expressions below. */
export const NEWEST_FIRST_NAME = /^(1\d{14})-(\d{8})T(\d{6})Z-[^./]+\.json$/;
export const OLDER_NAME = /^(\d{8})T(\d{6})Z-[^./]+\.json$/;

/** yyyyMMddHHmmss of `now` plus the clock skew, as a number: what a backup's own timestamp may not exceed. */
export function latestAllowedStamp(now: Expr): Expr {
  return int(formatDateTime(addMinutes(now, CLOCK_SKEW_MINUTES), TIMESTAMP_DIGITS));
}

/** Which form a name has, given the latest allowed timestamp; undefined when it is not a backup of this service. */
export function nameForm(name: string, latestAllowed: number): "newest-first" | "older" | undefined {
  const fresh = NEWEST_FIRST_NAME.exec(name);
  if (fresh) return Number(fresh[1]) + Number(fresh[2] + fresh[3]) === INVERTED_BASE && Number(fresh[2] + fresh[3]) <= latestAllowed ? "newest-first" : undefined;
  const older = OLDER_NAME.exec(name);
  return older && Number(older[1] + older[2]) <= latestAllowed ? "older" : undefined;
}

/*
 * The same rules as workflow expressions, for the picker that runs without inline JavaScript. Expressions
 * have no regular expressions and evaluate every argument of and() and if(), so each test is built to be
 * safe on any text: substrings read a padded copy, numbers are parsed only where isInt() said they can be.
 */
const PAD = " ".repeat(40);

/** `n` ASCII digits and nothing else: isInt() allows signs and spaces, the round trip through 10^n does not. */
function digits(text: Expr, n: number): Expr {
  return and(equals(length(text), n), isInt(text), equals(string(add(10 ** n, int(ifElse(isInt(text), text, "0")))), concat("1", text)));
}

const numberOf = (text: Expr): Expr => int(ifElse(isInt(text), text, "0"));

/** A run id between `from` and the `.json` suffix: not empty, no `.` or `/`. */
function runIdAt(name: Expr, from: number): Expr {
  const id = substring(concat(name, PAD), from, max(0, sub(length(name), from + 5)));
  return and(not(equals(id, "")), not(contains(id, ".")), not(contains(id, "/")));
}

const endsWithJson = (name: Expr): Expr => equals(substring(concat(name, PAD), max(0, sub(length(name), 5)), 5), ".json");

/** A padded reader of a name: `count` characters from `start`, never out of range. */
const reader = (name: Expr) => (start: number, count: number) => substring(concat(name, PAD), start, count);

/**
 * The `<yyyyMMddTHHmmssZ>-<run id>.json` tail both forms end with, from `start`, dated no later than
 * `latestAllowed`; `stamp` is its yyyyMMddHHmmss as a number (0 where it is not digits).
 */
function stampedTail(name: Expr, start: number, latestAllowed: Expr): { checks: Expr[]; stamp: Expr } {
  const at = reader(name);
  const stamp = numberOf(concat(at(start, 8), at(start + 9, 6)));
  const checks = [
    digits(at(start, 8), 8),
    equals(at(start + 8, 1), "T"),
    digits(at(start + 9, 6), 6),
    equals(at(start + 15, 2), "Z-"),
    runIdAt(name, start + 17),
    endsWithJson(name),
    lessOrEquals(stamp, latestAllowed),
  ];
  return { checks, stamp };
}

export function isNewestFirstName(name: Expr, latestAllowed: Expr): Expr {
  const at = reader(name);
  const tail = stampedTail(name, 16, latestAllowed);
  return and(digits(at(0, 15), 15), equals(at(0, 1), NEWEST_FIRST_MARK), equals(at(15, 1), "-"), ...tail.checks, equals(add(numberOf(at(0, 15)), tail.stamp), INVERTED_BASE));
}

export function isOlderName(name: Expr, latestAllowed: Expr): Expr {
  return and(...stampedTail(name, 0, latestAllowed).checks);
}
