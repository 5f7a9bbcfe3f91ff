/**
 * .NET date and time format strings, as formatDateTime(), utcNow() and the other date functions take them.
 * A one-character format is a standard format: the culture-independent o, O, s, u, r, R in any locale, and
 * the en-US patterns of d, D, f, F, g, G, m, M, t, T, U, y, Y (other cultures' standard patterns are not
 * modelled, so they are refused rather than guessed). Longer formats are custom patterns: yyyy yyy yy y,
 * MMMM MMM MM M, dddd ddd dd d, HH H hh h, mm m, ss s, f..fffffff, F..FFFFFFF, tt t, K, zzz zz z, g, quoted
 * literals, backslash escapes and `%` before a single specifier; any other character is copied. Names and
 * AM/PM come from the locale.
 */
import { DEFAULT_LOCALE, dayNames, dayPeriods, monthNames } from "../locale";
import { DateFields, Timestamp, fieldsOf } from "./timestamp";

export type FormatToken = { literal: string } | { spec: string; run: number };

const SPECIFIERS = new Set(["y", "M", "d", "H", "h", "m", "s", "f", "F", "t", "K", "z", "g"]);

const INVARIANT: Record<string, string> = {
  o: "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffffK",
  O: "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffffK",
  s: "yyyy'-'MM'-'dd'T'HH':'mm':'ss",
  u: "yyyy'-'MM'-'dd HH':'mm':'ss'Z'",
  r: "ddd, dd MMM yyyy HH':'mm':'ss 'GMT'",
  R: "ddd, dd MMM yyyy HH':'mm':'ss 'GMT'",
};

const EN_US: Record<string, string> = {
  d: "M/d/yyyy",
  D: "dddd, MMMM d, yyyy",
  f: "dddd, MMMM d, yyyy h:mm tt",
  F: "dddd, MMMM d, yyyy h:mm:ss tt",
  g: "M/d/yyyy h:mm tt",
  G: "M/d/yyyy h:mm:ss tt",
  m: "MMMM d",
  M: "MMMM d",
  t: "h:mm tt",
  T: "h:mm:ss tt",
  U: "dddd, MMMM d, yyyy h:mm:ss tt",
  y: "MMMM yyyy",
  Y: "MMMM yyyy",
};

/** The custom pattern and the locale to render it in, for a standard or custom format. */
export function resolveFormat(format: string, locale: string): { pattern: string; locale: string } {
  if (format.length !== 1) return { pattern: format, locale };
  const invariant = INVARIANT[format];
  if (invariant !== undefined) return { pattern: invariant, locale: DEFAULT_LOCALE };
  const pattern = EN_US[format];
  if (pattern === undefined) throw new Error(`the format '${format}' is not a valid standard date and time format`);
  if (locale !== DEFAULT_LOCALE) throw new Error(`the standard format '${format}' is only available for en-US in the local engine; use a custom pattern for '${locale}'`);
  return { pattern, locale };
}

export function tokenizeFormat(pattern: string): FormatToken[] {
  const tokens: FormatToken[] = [];
  for (let i = 0; i < pattern.length; ) {
    const c = pattern[i];
    if (c === "'" || c === '"') {
      const end = pattern.indexOf(c, i + 1);
      if (end < 0) throw new Error(`the format '${pattern}' has an unterminated quote`);
      tokens.push({ literal: pattern.slice(i + 1, end) });
      i = end + 1;
    } else if (c === "\\") {
      if (i + 1 >= pattern.length) throw new Error(`the format '${pattern}' ends with an escape character`);
      tokens.push({ literal: pattern[i + 1] });
      i += 2;
    } else if (c === "%") {
      i++; // `%d` is the custom day specifier alone, not the standard format d
    } else if (SPECIFIERS.has(c)) {
      let run = 1;
      while (pattern[i + run] === c) run++;
      if ((c === "f" || c === "F") && run > 7) throw new Error(`the format '${pattern}' asks for more than 7 fractional digits`);
      tokens.push({ spec: c, run });
      i += run;
    } else {
      tokens.push({ literal: c });
      i++;
    }
  }
  return tokens;
}

const pad = (n: number, width: number) => String(n).padStart(width, "0");

function render(token: { spec: string; run: number }, f: DateFields, ts: Timestamp, locale: string): string {
  const { spec, run } = token;
  switch (spec) {
    case "y":
      return run <= 2 ? pad(f.year % 100, run) : pad(f.year, run);
    case "M":
      return run >= 4 ? monthNames(locale, "long")[f.month - 1] : run === 3 ? monthNames(locale, "short")[f.month - 1] : pad(f.month, run);
    case "d":
      return run >= 4 ? dayNames(locale, "long")[f.dayOfWeek] : run === 3 ? dayNames(locale, "short")[f.dayOfWeek] : pad(f.day, run);
    case "H":
      return pad(f.hour, Math.min(run, 2));
    case "h":
      return pad(f.hour % 12 || 12, Math.min(run, 2));
    case "m":
      return pad(f.minute, Math.min(run, 2));
    case "s":
      return pad(f.second, Math.min(run, 2));
    case "f":
      return pad(f.fraction, 7).slice(0, run);
    case "F":
      return pad(f.fraction, 7).slice(0, run).replace(/0+$/, "");
    case "t": {
      const designator = dayPeriods(locale)[f.hour < 12 ? 0 : 1];
      return run === 1 ? designator.slice(0, 1) : designator;
    }
    case "K":
      return ts.kind === "utc" ? "Z" : "";
    case "z":
      // The runtime's local zone is UTC, which .NET prints for z whatever the kind.
      return run === 1 ? "+0" : run === 2 ? "+00" : "+00:00";
    default: // g, the era
      return "A.D.";
  }
}

export function formatTimestamp(ts: Timestamp, format: string, locale: string = DEFAULT_LOCALE): string {
  const resolved = resolveFormat(format, locale);
  const fields = fieldsOf(ts);
  let out = "";
  for (const token of tokenizeFormat(resolved.pattern)) {
    if ("literal" in token) {
      out += token.literal;
      continue;
    }
    const text = render(token, fields, ts, resolved.locale);
    // .NET drops the point before F digits that all trimmed away ("ss.FFF" of a whole second is "ss").
    if (token.spec === "F" && text === "" && out.endsWith(".")) out = out.slice(0, -1);
    out += text;
  }
  return out;
}
