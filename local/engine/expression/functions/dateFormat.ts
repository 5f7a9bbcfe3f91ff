/**
 * .NET date and time format strings, as formatDateTime() takes them, for UTC instants: the standard
 * formats o, O, s, u, r, R, d, D, t, T, g, G, and custom patterns made of yyyy yy MM M dd d HH H hh h mm m
 * ss s f..fffffff F.. tt K zzz zz z, quoted literals and backslash escapes. Other letters are literal.
 */
const pad = (n: number, width: number) => String(n).padStart(width, "0");
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

const STANDARD: Record<string, string> = {
  o: "yyyy-MM-ddTHH:mm:ss.fffffffK",
  O: "yyyy-MM-ddTHH:mm:ss.fffffffK",
  s: "yyyy-MM-ddTHH:mm:ss",
  u: "yyyy-MM-dd HH:mm:ssZ",
  r: "ddd, dd MMM yyyy HH:mm:ss 'GMT'",
  R: "ddd, dd MMM yyyy HH:mm:ss 'GMT'",
  d: "M/d/yyyy",
  D: "dddd, MMMM d, yyyy",
  t: "h:mm tt",
  T: "h:mm:ss tt",
  g: "M/d/yyyy h:mm tt",
  G: "M/d/yyyy h:mm:ss tt",
};

/** `ticks` carries sub-millisecond precision (100 ns units within the second) that a Date cannot hold. */
export function formatDate(date: Date, format: string, subMillisecondTicks = 0): string {
  const pattern = format.length === 1 ? STANDARD[format] : format;
  if (pattern === undefined) throw new Error(`formatDateTime: '${format}' is not a valid standard format`);
  const fraction = date.getUTCMilliseconds() * 10_000 + subMillisecondTicks; // 7 digits
  let out = "";
  for (let i = 0; i < pattern.length; ) {
    const c = pattern[i];
    if (c === "'" || c === '"') {
      const end = pattern.indexOf(c, i + 1);
      if (end < 0) throw new Error(`formatDateTime: unterminated quote in '${format}'`);
      out += pattern.slice(i + 1, end);
      i = end + 1;
      continue;
    }
    if (c === "\\") {
      out += pattern[i + 1] ?? "";
      i += 2;
      continue;
    }
    let run = 1;
    while (pattern[i + run] === c) run++;
    i += run;
    switch (c) {
      case "y":
        out += run === 2 ? pad(date.getUTCFullYear() % 100, 2) : pad(date.getUTCFullYear(), Math.max(run, 4));
        break;
      case "M":
        out += run >= 4 ? MONTHS[date.getUTCMonth()] : run === 3 ? MONTHS[date.getUTCMonth()].slice(0, 3) : pad(date.getUTCMonth() + 1, run);
        break;
      case "d":
        out += run >= 4 ? DAYS[date.getUTCDay()] : run === 3 ? DAYS[date.getUTCDay()].slice(0, 3) : pad(date.getUTCDate(), run);
        break;
      case "H":
        out += pad(date.getUTCHours(), Math.min(run, 2));
        break;
      case "h":
        out += pad(date.getUTCHours() % 12 || 12, Math.min(run, 2));
        break;
      case "m":
        out += pad(date.getUTCMinutes(), Math.min(run, 2));
        break;
      case "s":
        out += pad(date.getUTCSeconds(), Math.min(run, 2));
        break;
      case "f":
      case "F": {
        const digits = pad(fraction, 7).slice(0, Math.min(run, 7));
        out += c === "F" ? digits.replace(/0+$/, "") : digits;
        break;
      }
      case "t":
        out += (date.getUTCHours() < 12 ? "AM" : "PM").slice(0, run === 1 ? 1 : 2);
        break;
      case "K":
        out += "Z";
        break;
      case "z":
        out += run === 1 ? "+0" : run === 2 ? "+00" : "+00:00";
        break;
      default:
        out += c.repeat(run);
    }
  }
  return out;
}
