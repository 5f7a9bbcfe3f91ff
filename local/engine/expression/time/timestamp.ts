/**
 * A timestamp as the runtime's .NET DateTime holds it: 100-nanosecond ticks since 0001-01-01T00:00:00 and a
 * kind. Ticks rather than a JS Date because the round-trip format "o" prints seven fractional digits and
 * ticks() returns them. The kind decides what the "K" specifier prints: "Z" for UTC, nothing for a time
 * read without a zone ('03/15/2018' formats as 2018-03-15T00:00:00.0000000). A time read with an offset is
 * converted to UTC, as the runtime (whose local zone is UTC) does.
 */
export type DateKind = "utc" | "unspecified";

export interface Timestamp {
  readonly ticks: bigint;
  readonly kind: DateKind;
}

export const TICKS_PER_MS = 10_000n;
export const TICKS_PER_SECOND = 10_000_000n;
export const TICKS_PER_MINUTE = 60n * TICKS_PER_SECOND;
export const TICKS_PER_HOUR = 60n * TICKS_PER_MINUTE;
export const TICKS_PER_DAY = 24n * TICKS_PER_HOUR;
/** Ticks between 0001-01-01 and the Unix epoch. */
const EPOCH_TICKS = 621_355_968_000_000_000n;
/** DateTime.MaxValue.Ticks + 1: years 1 to 9999 only. */
const END_TICKS = 3_155_378_976_000_000_000n;

export interface DateFields {
  year: number;
  /** 1 to 12. */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** Ticks within the second, 0 to 9,999,999. */
  fraction: number;
  /** Sunday is 0. */
  dayOfWeek: number;
}

/** Floor division, so times before 1970 split into milliseconds and ticks correctly. */
function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}

export function inRange(ticks: bigint): boolean {
  return ticks >= 0n && ticks < END_TICKS;
}

export function fromDate(date: Date): Timestamp {
  return { ticks: BigInt(date.getTime()) * TICKS_PER_MS + EPOCH_TICKS, kind: "utc" };
}

/** Milliseconds since the Unix epoch of the wall-clock time (whatever the kind). */
export function epochMs(ts: Timestamp): number {
  return Number(floorDiv(ts.ticks - EPOCH_TICKS, TICKS_PER_MS));
}

export function fieldsOf(ts: Timestamp): DateFields {
  const date = new Date(epochMs(ts));
  return {
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    hour: date.getUTCHours(),
    minute: date.getUTCMinutes(),
    second: date.getUTCSeconds(),
    fraction: Number(ts.ticks % TICKS_PER_SECOND),
    dayOfWeek: date.getUTCDay(),
  };
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeap(year) ? 29 : MONTH_DAYS[month - 1];
}

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** The timestamp of these fields, or undefined when one is out of range (February 30, hour 24...). */
export function fromFields(fields: Omit<DateFields, "dayOfWeek">, kind: DateKind): Timestamp | undefined {
  const { year, month, day, hour, minute, second, fraction } = fields;
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59 || fraction < 0 || fraction >= 10_000_000) return undefined;
  const date = new Date(Date.UTC(2000, month - 1, day, hour, minute, second));
  date.setUTCFullYear(year); // Date.UTC reads years 0-99 as 1900-1999
  return { ticks: BigInt(date.getTime()) * TICKS_PER_MS + EPOCH_TICKS + BigInt(fraction), kind };
}

export function addTicks(ts: Timestamp, delta: bigint): Timestamp {
  return { ticks: ts.ticks + delta, kind: ts.kind };
}

/** DateTime.AddMonths: the day is clamped to the end of a shorter month (January 31 + 1 month is February 28). */
export function addMonths(ts: Timestamp, months: number): Timestamp {
  const f = fieldsOf(ts);
  const index = f.year * 12 + (f.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  const shifted = fromFields({ ...f, year, month, day: Math.min(f.day, daysInMonth(year, month)) }, ts.kind);
  return shifted ?? { ticks: -1n, kind: ts.kind }; // out of range: the caller's range check reports it
}

/** TimeSpan's "c" format, as dateDifference() returns it: [-][d.]hh:mm:ss[.fffffff]. */
export function formatTimeSpan(ticks: bigint): string {
  const negative = ticks < 0n;
  let rest = negative ? -ticks : ticks;
  const days = rest / TICKS_PER_DAY;
  rest %= TICKS_PER_DAY;
  const pad = (n: bigint) => n.toString().padStart(2, "0");
  const hours = rest / TICKS_PER_HOUR;
  const minutes = (rest % TICKS_PER_HOUR) / TICKS_PER_MINUTE;
  const seconds = (rest % TICKS_PER_MINUTE) / TICKS_PER_SECOND;
  const fraction = rest % TICKS_PER_SECOND;
  return `${negative ? "-" : ""}${days > 0n ? `${days}.` : ""}${pad(hours)}:${pad(minutes)}:${pad(seconds)}${fraction > 0n ? `.${fraction.toString().padStart(7, "0")}` : ""}`;
}
