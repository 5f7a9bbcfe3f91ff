/**
 * .NET number text for formatNumber(), float() and isFloat(). Formatting takes the standard numeric formats
 * C, D, E, F, G, N, P, R, X with an optional precision, and one-section custom patterns of 0 # . , % with
 * quoted or escaped literals ("#,##0.00"); rendering goes through Intl for the locale's separators, so
 * formatNumber(1234567890, '#,##0.00', 'is-IS') is 1.234.567.890,00. Parsing follows the runtime's lenient
 * NumberStyles.Any reading, whose oddities the guide lists as "unexpectedly valid inputs".
 */
import { DEFAULT_LOCALE, numberSeparators } from "./locale";

const CURRENCY_BY_REGION: Record<string, string> = {
  US: "USD", GB: "GBP", IS: "ISK", DE: "EUR", FR: "EUR", ES: "EUR", IT: "EUR", NL: "EUR", BE: "EUR", AT: "EUR",
  IE: "EUR", FI: "EUR", PT: "EUR", CH: "CHF", SE: "SEK", NO: "NOK", DK: "DKK", PL: "PLN", JP: "JPY", CN: "CNY",
  IN: "INR", CA: "CAD", AU: "AUD", NZ: "NZD", BR: "BRL", MX: "MXN",
};

function currencyOf(locale: string): string {
  const region = new Intl.Locale(locale).maximize().region ?? "";
  const currency = CURRENCY_BY_REGION[region];
  if (!currency) throw new Error(`the currency of locale '${locale}' is not known to the local engine`);
  return currency;
}

function intl(locale: string, options: Intl.NumberFormatOptions, value: number): string {
  return new Intl.NumberFormat(locale, options).format(value);
}

function exponential(value: number, digits: number, upper: boolean, locale: string): string {
  const [mantissa, exponent] = value.toExponential(digits).split("e");
  const e = Number(exponent);
  const { decimal } = numberSeparators(locale);
  return `${mantissa.replace(".", decimal)}${upper ? "E" : "e"}${e < 0 ? "-" : "+"}${String(Math.abs(e)).padStart(3, "0")}`;
}

function standard(value: number, letter: string, precision: number | undefined, locale: string): string {
  const fixed = (digits: number, grouping: boolean) => intl(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: grouping }, value);
  switch (letter.toUpperCase()) {
    case "C":
      return intl(locale, { style: "currency", currency: currencyOf(locale), minimumFractionDigits: precision ?? 2, maximumFractionDigits: precision ?? 2 }, value);
    case "D":
    case "X": {
      if (!Number.isInteger(value)) throw new Error(`the format '${letter}' is only valid for integers`);
      const digits = letter.toUpperCase() === "D" ? Math.abs(value).toString() : Math.abs(value).toString(16);
      const text = digits.padStart(precision ?? 0, "0");
      return `${value < 0 ? "-" : ""}${letter === "x" ? text : text.toUpperCase()}`;
    }
    case "E":
      return exponential(value, precision ?? 6, letter === "E", locale);
    case "F":
      return fixed(precision ?? 2, false);
    case "N":
      return fixed(precision ?? 2, true);
    case "P":
      return intl(locale, { style: "percent", minimumFractionDigits: precision ?? 2, maximumFractionDigits: precision ?? 2 }, value);
    case "G":
      return intl(locale, { maximumSignificantDigits: precision || 15, useGrouping: false }, value);
    default: // R
      return String(value).replace(".", numberSeparators(locale).decimal);
  }
}

function custom(value: number, pattern: string, locale: string): string {
  if (pattern.includes(";")) throw new Error(`the format '${pattern}' has sections (;), which the local engine does not support`);
  // Split into literal prefix, numeric placeholder run, literal suffix; quotes and escapes stay literal.
  const literal: string[] = [];
  let numeric = "";
  let suffix = "";
  let inNumber = false;
  let percent = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    let text: string | undefined;
    if (c === "'" || c === '"') {
      const end = pattern.indexOf(c, i + 1);
      if (end < 0) throw new Error(`the format '${pattern}' has an unterminated quote`);
      text = pattern.slice(i + 1, end);
      i = end;
    } else if (c === "\\") {
      text = pattern[++i] ?? "";
    } else if ("0#.,".includes(c) && suffix === "") {
      numeric += c;
      inNumber = true;
      continue;
    } else {
      if (c === "%") percent = true;
      text = c === "%" ? intl(locale, { style: "percent" }, 0).replace(/[\d\s\u00a0\u202f]/g, "") : c;
    }
    if (inNumber) suffix += text;
    else literal.push(text);
  }
  const [integerPart, fractionPart = ""] = numeric.split(".");
  const scaling = /,+$/.exec(integerPart)?.[0].length ?? 0; // "#,##0," divides by 1000
  const digits = integerPart.slice(0, integerPart.length - scaling);
  const scaled = (percent ? value * 100 : value) / 1000 ** scaling;
  let text = intl(
    locale,
    {
      minimumIntegerDigits: Math.max(1, (digits.match(/0/g) ?? []).length),
      minimumFractionDigits: (fractionPart.match(/0/g) ?? []).length,
      maximumFractionDigits: fractionPart.replace(/,/g, "").length,
      useGrouping: digits.includes(","),
    },
    Math.abs(scaled),
  );
  if (!digits.includes("0") && /^0(?!\d)/.test(text)) text = text.slice(1); // "#.##" prints .5, not 0.5
  const negative = scaled < 0 && /[1-9]/.test(text);
  return `${negative ? "-" : ""}${literal.join("")}${text}${suffix}`;
}

export function formatNumber(value: number, format: string, locale: string = DEFAULT_LOCALE): string {
  const m = /^([CcDdEeFfGgNnPpRrXx])(\d{0,2})$/.exec(format);
  return m ? standard(value, m[1], m[2] === "" ? undefined : Number(m[2]), locale) : custom(value, format, locale);
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A separator class; a space-like group separator (fr-FR's narrow no-break space) also matches a plain space. */
function separatorClass(separator: string): string {
  return /\s/.test(separator) ? "\\s\\u00a0\\u202f" : escapeRegExp(separator);
}

/**
 * A floating-point number written in the locale (the invariant culture when none): whitespace around it, a
 * leading or trailing sign or parentheses, group separators anywhere after the first integer digit, an
 * optional decimal point with or without digits, an optional exponent. Undefined when the text is not one.
 */
export function parseLocaleFloat(text: string, locale?: string): number | undefined {
  const { group, decimal } = locale === undefined ? { group: ",", decimal: "." } : numberSeparators(locale);
  const g = separatorClass(group);
  const pattern = new RegExp(`^\\s*([+-])?\\s*(\\()?(\\d[\\d${g}]*)?(?:${escapeRegExp(decimal)}(\\d*))?(?:[eE]([+-]?\\d+))?(\\))?\\s*([+-])?\\s*$`, "u");
  const m = pattern.exec(text);
  if (!m) return undefined;
  const [, leadingSign, open, integer = "", fraction = "", exponent, close, trailingSign] = m;
  if (integer === "" && fraction === "") return undefined;
  if ((leadingSign && trailingSign) || Boolean(open) !== Boolean(close) || (open && (leadingSign || trailingSign))) return undefined;
  const digits = integer.replace(new RegExp(`[${g}]`, "gu"), "");
  const n = Number(`${digits || "0"}.${fraction || "0"}e${exponent ?? 0}`);
  if (!Number.isFinite(n)) return undefined;
  return leadingSign === "-" || trailingSign === "-" || open ? -n : n;
}
