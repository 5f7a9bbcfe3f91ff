/**
 * Reading timestamps. Every date function takes a timestamp string; the runtime parses it with .NET's
 * DateTime parser, which accepts far more than ISO 8601. Modelled here: ISO 8601 (date, optional time,
 * fraction and zone), and otherwise a date of three numbers in the locale's order or with a month name,
 * optionally a weekday name, a h:mm[:ss[.f]] time with AM/PM, and a zone (Z, GMT, UTC, +hh:mm). The
 * invariant reading (what formatDateTime and friends use) is the en-US one: '03/15/2018 12:00:00',
 * 'Thu, 15 Mar 2018 13:27:36 GMT'. parseDateTime() with a format reads exactly that custom pattern.
 */
import { DEFAULT_LOCALE, dateOrder, dayNames, dayPeriods, monthNames } from "../locale";
import { FormatToken, resolveFormat, tokenizeFormat } from "./format";
import { DateFields, DateKind, TICKS_PER_MINUTE, Timestamp, addTicks, fromFields } from "./timestamp";

type Fields = Omit<DateFields, "dayOfWeek">;

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/** Offset minutes of `Z`, `+02:00`, `-0530`, `+02`. */
function offsetMinutes(zone: string): number {
  if (/^(z|gmt|utc)$/i.test(zone)) return 0;
  const m = /^([+-])(\d{1,2}):?(\d{2})?$/.exec(zone)!;
  return (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0));
}

/** Seven digits of ticks from fraction digits (further digits are dropped, as .NET rounds them away). */
function fractionTicks(digits: string | undefined): number {
  return digits ? Number(digits.slice(0, 7).padEnd(7, "0")) : 0;
}

/** A time read with a zone is converted to UTC; without one it stays wall-clock time of unspecified kind. */
function build(fields: Fields, zone: string | undefined): Timestamp | undefined {
  const kind: DateKind = zone === undefined ? "unspecified" : "utc";
  const ts = fromFields(fields, kind);
  if (!ts || zone === undefined) return ts;
  return addTicks(ts, -BigInt(offsetMinutes(zone)) * TICKS_PER_MINUTE);
}

function parseIso(text: string): Timestamp | undefined {
  const m = ISO.exec(text);
  if (!m) return undefined;
  const [, year, month, day, hour, minute, second, fraction, zone] = m;
  return build(
    { year: +year, month: +month, day: +day, hour: +(hour ?? 0), minute: +(minute ?? 0), second: +(second ?? 0), fraction: fractionTicks(fraction) },
    zone,
  );
}

const fold = (word: string) => word.toLowerCase().normalize("NFC").replace(/\.$/, "");

function monthOf(word: string, locale: string): number | undefined {
  const w = fold(word);
  for (const names of [monthNames(locale, "long"), monthNames(locale, "short")]) {
    const index = names.findIndex((n) => fold(n) === w);
    if (index >= 0) return index + 1;
  }
  return undefined;
}

function isDayName(word: string, locale: string): boolean {
  const w = fold(word);
  return [...dayNames(locale, "long"), ...dayNames(locale, "short")].some((n) => fold(n) === w);
}

/** Two-digit years as .NET's default window reads them: 00-29 are 2000-2029, 30-99 are 1930-1999. */
function fullYear(digits: string): number {
  const n = Number(digits);
  return digits.length > 2 ? n : n < 30 ? 2000 + n : 1900 + n;
}

const TIME = /(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,7}))?)?(?:\s*([^\s\d:.,/+-]+))?/u;
const ZONE = /\s*(Z|GMT|UTC|[+-]\d{2}:?\d{2})$/i;
const FILLERS = /^(de|del|le|the|of)$/i;

function parseLoose(text: string, locale: string): Timestamp | undefined {
  let rest = text;
  const zoneMatch = ZONE.exec(rest);
  const zone = zoneMatch?.[1];
  if (zoneMatch) rest = rest.slice(0, zoneMatch.index);

  let hour = 0;
  let minute = 0;
  let second = 0;
  let fraction = 0;
  const time = TIME.exec(rest);
  if (time) {
    [hour, minute, second] = [Number(time[1]), Number(time[2]), Number(time[3] ?? 0)];
    fraction = fractionTicks(time[4]);
    const designator = time[5];
    if (designator !== undefined) {
      const [am, pm] = dayPeriods(locale).map(fold);
      const d = fold(designator);
      if (d === pm || d === "pm") hour = (hour % 12) + 12;
      else if (d === am || d === "am") hour %= 12;
      else return undefined;
    }
    rest = rest.slice(0, time.index) + " " + rest.slice(time.index + time[0].length);
  }

  const numbers: string[] = [];
  let month: number | undefined;
  for (const word of rest.split(/[\s,/.\-]+/u).filter((w) => w !== "")) {
    const named = /^\d+$/.test(word) ? undefined : monthOf(word, locale);
    if (named === undefined && /^\d+$/.test(word)) numbers.push(word);
    else if (named !== undefined && month === undefined) month = named;
    // Weekday names carry nothing the date does not; "de", "le", "of" join long dates ("20 de octubre de 2020").
    else if (!isDayName(word, locale) && !FILLERS.test(word)) return undefined;
  }

  let fields: { year: number; month: number; day: number };
  if (month !== undefined) {
    if (numbers.length !== 2) return undefined;
    const yearIndex = numbers[0].length === 4 ? 0 : 1;
    fields = { year: fullYear(numbers[yearIndex]), month, day: Number(numbers[1 - yearIndex]) };
  } else {
    if (numbers.length !== 3) return undefined;
    const order = numbers[0].length === 4 ? ["year", "month", "day"] : dateOrder(locale);
    const part = (name: string) => numbers[order.indexOf(name)];
    fields = { year: fullYear(part("year")), month: Number(part("month")), day: Number(part("day")) };
  }
  return build({ ...fields, hour, minute, second, fraction }, zone);
}

/** A timestamp as the date functions read their input; undefined when it is not one. */
export function parseTimestamp(text: string, locale: string = DEFAULT_LOCALE): Timestamp | undefined {
  const trimmed = text.trim();
  return parseIso(trimmed) ?? parseLoose(trimmed, locale);
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const alternation = (names: readonly string[]) => `(${names.map(escapeRegExp).join("|")})`;

function tokenPattern(token: FormatToken, locale: string): string {
  if ("literal" in token) return escapeRegExp(token.literal);
  const { spec, run } = token;
  switch (spec) {
    case "y":
      return run <= 2 ? `(\\d{${run === 1 ? "1,2" : "2"}})` : `(\\d{${run}})`;
    case "M":
      return run >= 4 ? alternation(monthNames(locale, "long")) : run === 3 ? alternation(monthNames(locale, "short")) : `(\\d{${run === 1 ? "1,2" : "2"}})`;
    case "d":
      return run >= 4 ? alternation(dayNames(locale, "long")) : run === 3 ? alternation(dayNames(locale, "short")) : `(\\d{${run === 1 ? "1,2" : "2"}})`;
    case "H":
    case "h":
    case "m":
    case "s":
      return `(\\d{${run === 1 ? "1,2" : "2"}})`;
    case "f":
      return `(\\d{${run}})`;
    case "F":
      return `(\\d{0,${run}})`;
    case "t":
      return alternation(dayPeriods(locale).map((p) => (run === 1 ? p.slice(0, 1) : p)));
    case "K":
      return "(Z|[+-]\\d{2}:\\d{2})?";
    case "z":
      return "([+-]\\d{1,2}(?::\\d{2})?)";
    default: // g, the era
      return "(A\\.D\\.|AD)?";
  }
}

/** parseDateTime() with a format: the whole text must match the pattern (DateTime.ParseExact). */
export function parseExact(text: string, format: string, locale: string): Timestamp | undefined {
  const { pattern, locale: nameLocale } = resolveFormat(format, locale);
  const tokens = tokenizeFormat(pattern);
  const m = new RegExp(`^${tokens.map((t) => tokenPattern(t, nameLocale)).join("")}$`, "iu").exec(text.trim());
  if (!m) return undefined;
  // A part the pattern leaves out defaults as in .NET's DateTime: year 1, January, day 1, midnight.
  const f: Fields = { year: 1, month: 1, day: 1, hour: 0, minute: 0, second: 0, fraction: 0 };
  let pm: boolean | undefined;
  let zone: string | undefined;
  let group = 1;
  for (const token of tokens) {
    if ("literal" in token) continue;
    const value = m[group++];
    if (value === undefined || value === "") continue;
    const named = (names: readonly string[]) => names.findIndex((n) => fold(n) === fold(value));
    switch (token.spec) {
      case "y":
        f.year = token.run <= 2 ? fullYear(value) : Number(value);
        break;
      case "M":
        f.month = token.run >= 3 ? named(monthNames(nameLocale, token.run >= 4 ? "long" : "short")) + 1 : Number(value);
        break;
      case "d":
        if (token.run <= 2) f.day = Number(value);
        break;
      case "H":
      case "h":
        f.hour = Number(value);
        break;
      case "m":
        f.minute = Number(value);
        break;
      case "s":
        f.second = Number(value);
        break;
      case "f":
      case "F":
        f.fraction = fractionTicks(value);
        break;
      case "t":
        pm = fold(value).startsWith(fold(dayPeriods(nameLocale)[1]).slice(0, token.run === 1 ? 1 : undefined));
        break;
      case "K":
      case "z":
        zone = value;
        break;
    }
  }
  if (pm !== undefined) f.hour = (f.hour % 12) + (pm ? 12 : 0);
  return build(f, zone);
}
