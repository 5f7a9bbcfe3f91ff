/**
 * Culture data for the functions that take a locale (formatDateTime, parseDateTime, formatNumber, float,
 * isFloat), read from Node's ICU through Intl rather than tables of our own. ICU and the runtime's .NET
 * cultures agree on names and separators for common locales; they can differ in details (ICU writes the
 * Icelandic krona "kr.", the docs show "kr").
 */

/** The default the docs give for formatDateTime, parseDateTime and formatNumber. */
export const DEFAULT_LOCALE = "en-US";

/** The canonical tag for `tag` (RFC 4646 codes like fr-fr), or undefined when ICU knows no such locale. */
export function resolveLocale(tag: string): string | undefined {
  try {
    const [canonical] = Intl.getCanonicalLocales(tag);
    return canonical !== undefined && Intl.DateTimeFormat.supportedLocalesOf([canonical]).length > 0 ? canonical : undefined;
  } catch {
    return undefined;
  }
}

const cache = new Map<string, readonly string[]>();

function memo(key: string, build: () => string[]): readonly string[] {
  let value = cache.get(key);
  if (!value) cache.set(key, (value = build()));
  return value;
}

/** January first; `long` for MMMM, `short` for MMM. */
export function monthNames(locale: string, width: "long" | "short"): readonly string[] {
  return memo(`month:${locale}:${width}`, () => {
    const format = new Intl.DateTimeFormat(locale, { month: width, timeZone: "UTC" });
    return Array.from({ length: 12 }, (_, m) => format.format(Date.UTC(2001, m, 1)));
  });
}

/** Sunday first; `long` for dddd, `short` for ddd. */
export function dayNames(locale: string, width: "long" | "short"): readonly string[] {
  return memo(`day:${locale}:${width}`, () => {
    const format = new Intl.DateTimeFormat(locale, { weekday: width, timeZone: "UTC" });
    // 2001-01-07 was a Sunday.
    return Array.from({ length: 7 }, (_, d) => format.format(Date.UTC(2001, 0, 7 + d)));
  });
}

/** The AM and PM designators for `tt`. */
export function dayPeriods(locale: string): readonly string[] {
  return memo(`period:${locale}`, () => {
    const format = new Intl.DateTimeFormat(locale, { hour: "numeric", hour12: true, timeZone: "UTC" });
    const period = (hour: number) => format.formatToParts(Date.UTC(2001, 0, 1, hour)).find((p) => p.type === "dayPeriod")?.value ?? "";
    return [period(9), period(21)];
  });
}

/** The group and decimal separators, e.g. "," and "." for en-US, "." and "," for de-DE. */
export function numberSeparators(locale: string): { group: string; decimal: string } {
  const [group, decimal] = memo(`separators:${locale}`, () => {
    const parts = new Intl.NumberFormat(locale).formatToParts(12345.6);
    return [parts.find((p) => p.type === "group")?.value ?? ",", parts.find((p) => p.type === "decimal")?.value ?? "."];
  });
  return { group, decimal };
}

/** The order of day, month and year in the locale's short numeric date, e.g. ["month", "day", "year"] for en-US. */
export function dateOrder(locale: string): readonly string[] {
  return memo(`order:${locale}`, () =>
    new Intl.DateTimeFormat(locale, { year: "numeric", month: "numeric", day: "numeric", timeZone: "UTC" })
      .formatToParts(Date.UTC(2001, 11, 31))
      .map((p) => p.type)
      .filter((t) => t === "day" || t === "month" || t === "year"),
  );
}
