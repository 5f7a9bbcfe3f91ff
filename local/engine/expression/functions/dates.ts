/**
 * The guide's date and time functions. Timestamps are read as time/parse.ts describes and written in the
 * format argument, "o" by default (2018-03-15T13:00:00.0000000Z; no Z for a time read without a zone).
 * The clock is the scope's, so tests and replays can fix it.
 */
import { formatTimestamp } from "../time/format";
import { parseExact, parseTimestamp } from "../time/parse";
import {
  TICKS_PER_DAY,
  TICKS_PER_HOUR,
  TICKS_PER_MINUTE,
  TICKS_PER_SECOND,
  Timestamp,
  addMonths,
  addTicks,
  fieldsOf,
  formatTimeSpan,
  fromDate,
  fromFields,
  inRange,
} from "../time/timestamp";
import { fromUtc, ianaZone, toUtc } from "../time/zones";
import { Call, FunctionImpl, fail, integerArg, localeArg, optionalString, stringArg } from "./args";

function timestampArg(call: Call, args: readonly unknown[], index: number): Timestamp {
  const text = stringArg(call, args, index);
  const ts = parseTimestamp(text);
  if (!ts) throw fail(call, `could not read '${text}' as a timestamp; use ISO 8601, such as '2018-03-15T13:00:00Z'.`);
  return ts;
}

function zoneArg(call: Call, args: readonly unknown[], index: number): string {
  const id = stringArg(call, args, index);
  const zone = ianaZone(id);
  if (!zone) throw fail(call, `was given the time zone '${id}', which the local engine does not know; use a Windows time zone id such as 'W. Europe Standard Time'.`);
  return zone;
}

/** The result in the format at `index` ("o" when absent); a bad format or a result outside years 1-9999 fails by name. */
function output(call: Call, ts: Timestamp, args: readonly unknown[], index: number, locale?: string): string {
  if (!inRange(ts.ticks)) throw fail(call, "produced a timestamp outside the supported range of years 1 to 9999.");
  const format = optionalString(call, args, index) ?? "o";
  try {
    return formatTimestamp(ts, format, locale);
  } catch (err) {
    throw fail(call, `was given a format that is not valid: ${(err as Error).message}.`);
  }
}

const FIXED_UNITS: Record<string, bigint> = {
  second: TICKS_PER_SECOND,
  minute: TICKS_PER_MINUTE,
  hour: TICKS_PER_HOUR,
  day: TICKS_PER_DAY,
  week: 7n * TICKS_PER_DAY,
};

/** Shift by interval units: Second, Minute, Hour, Day, Week, Month or Year (any case). */
function shift(call: Call, ts: Timestamp, interval: number, unit: string): Timestamp {
  const u = unit.toLowerCase();
  if (u === "month") return addMonths(ts, interval);
  if (u === "year") return addMonths(ts, interval * 12);
  const ticks = FIXED_UNITS[u];
  if (ticks === undefined) throw fail(call, `was given the time unit '${unit}'; use Second, Minute, Hour, Day, Week, Month or Year.`);
  return addTicks(ts, BigInt(interval) * ticks);
}

function adder(unit: string): FunctionImpl {
  return (args, call) => output(call, shift(call, timestampArg(call, args, 0), integerArg(call, args, 1), unit), args, 2);
}

/** The start of the day, hour or month of a timestamp, keeping its kind. */
function startOf(unit: "day" | "hour" | "month"): FunctionImpl {
  return (args, call) => {
    const ts = timestampArg(call, args, 0);
    const f = fieldsOf(ts);
    const start = fromFields({ ...f, day: unit === "month" ? 1 : f.day, hour: unit === "hour" ? f.hour : 0, minute: 0, second: 0, fraction: 0 }, ts.kind)!;
    return output(call, start, args, 1);
  };
}

function now(call: Call): Timestamp {
  return fromDate(call.scope.now());
}

/** parseDateTime(timestamp, locale?, format?): the format, when given, must match exactly. */
function parseDateTime(call: Call, args: readonly unknown[]): string {
  const text = stringArg(call, args, 0);
  const locale = localeArg(call, args, 1);
  const format = optionalString(call, args, 2);
  let ts: Timestamp | undefined;
  try {
    ts = format === undefined ? parseTimestamp(text, locale) : parseExact(text, format, locale);
  } catch (err) {
    throw fail(call, `was given a format that is not valid: ${(err as Error).message}.`);
  }
  if (!ts) throw fail(call, `could not parse '${text}' as a timestamp${format === undefined ? ` in the locale '${locale}'` : ` in the format '${format}'`}.`);
  return output(call, ts, [], 0);
}

export const DATE_FUNCTIONS: Record<string, FunctionImpl> = {
  utcNow: (args, call) => output(call, now(call), args, 0),
  formatDateTime: (args, call) => output(call, timestampArg(call, args, 0), args, 1, localeArg(call, args, 2)),
  parseDateTime: (args, call) => parseDateTime(call, args),
  addDays: adder("day"),
  addHours: adder("hour"),
  addMinutes: adder("minute"),
  addSeconds: adder("second"),
  addToTime: (args, call) => output(call, shift(call, timestampArg(call, args, 0), integerArg(call, args, 1), stringArg(call, args, 2)), args, 3),
  subtractFromTime: (args, call) => output(call, shift(call, timestampArg(call, args, 0), -integerArg(call, args, 1), stringArg(call, args, 2)), args, 3),
  getFutureTime: (args, call) => output(call, shift(call, now(call), integerArg(call, args, 0), stringArg(call, args, 1)), args, 2),
  getPastTime: (args, call) => output(call, shift(call, now(call), -integerArg(call, args, 0), stringArg(call, args, 1)), args, 2),
  startOfDay: startOf("day"),
  startOfHour: startOf("hour"),
  startOfMonth: startOf("month"),
  dayOfMonth: (args, call) => fieldsOf(timestampArg(call, args, 0)).day,
  dayOfWeek: (args, call) => fieldsOf(timestampArg(call, args, 0)).dayOfWeek,
  dayOfYear: (args, call) => {
    const ts = timestampArg(call, args, 0);
    const january1 = fromFields({ ...fieldsOf(ts), month: 1, day: 1 }, ts.kind)!;
    return Number((ts.ticks - january1.ticks) / TICKS_PER_DAY) + 1;
  },
  // Tick counts pass 2^53, so the last digits are not exact once they leave as a JSON number.
  ticks: (args, call) => Number(timestampArg(call, args, 0).ticks),
  dateDifference: (args, call) => formatTimeSpan(timestampArg(call, args, 1).ticks - timestampArg(call, args, 0).ticks),
  convertFromUtc: (args, call) => output(call, fromUtc(timestampArg(call, args, 0), zoneArg(call, args, 1)), args, 2),
  convertToUtc: (args, call) => output(call, toUtc(timestampArg(call, args, 0), zoneArg(call, args, 1)), args, 2),
  convertTimeZone: (args, call) => {
    const utc = toUtc(timestampArg(call, args, 0), zoneArg(call, args, 1));
    return output(call, fromUtc(utc, zoneArg(call, args, 2)), args, 3);
  },
};
