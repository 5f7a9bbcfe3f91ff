/**
 * Windows time zone ids (what convertTimeZone, convertFromUtc and convertToUtc take, per Microsoft's "Default
 * Time Zones" list) mapped to IANA zones, whose offsets and daylight-saving rules come from Node's ICU via
 * Intl. Ids are matched ignoring case and punctuation, since the guide says punctuation may have to be
 * removed ("W. Europe Standard Time" or "W Europe Standard Time"). An id not listed is refused by name.
 */
import { TICKS_PER_MS, Timestamp, addTicks, epochMs } from "./timestamp";

const WINDOWS_TO_IANA: Record<string, string> = {
  "utc": "UTC",
  "gmt standard time": "Europe/London",
  "greenwich standard time": "Atlantic/Reykjavik",
  "w europe standard time": "Europe/Berlin",
  "central europe standard time": "Europe/Budapest",
  "central european standard time": "Europe/Warsaw",
  "romance standard time": "Europe/Paris",
  "gtb standard time": "Europe/Bucharest",
  "fle standard time": "Europe/Kiev",
  "e europe standard time": "Europe/Chisinau",
  "russian standard time": "Europe/Moscow",
  "turkey standard time": "Europe/Istanbul",
  "israel standard time": "Asia/Jerusalem",
  "south africa standard time": "Africa/Johannesburg",
  "arabian standard time": "Asia/Dubai",
  "india standard time": "Asia/Kolkata",
  "se asia standard time": "Asia/Bangkok",
  "singapore standard time": "Asia/Singapore",
  "china standard time": "Asia/Shanghai",
  "tokyo standard time": "Asia/Tokyo",
  "korea standard time": "Asia/Seoul",
  "w australia standard time": "Australia/Perth",
  "cen australia standard time": "Australia/Adelaide",
  "e australia standard time": "Australia/Brisbane",
  "aus eastern standard time": "Australia/Sydney",
  "new zealand standard time": "Pacific/Auckland",
  "hawaiian standard time": "Pacific/Honolulu",
  "alaskan standard time": "America/Anchorage",
  "pacific standard time": "America/Los_Angeles",
  "us mountain standard time": "America/Phoenix",
  "mountain standard time": "America/Denver",
  "central standard time": "America/Chicago",
  "canada central standard time": "America/Regina",
  "eastern standard time": "America/New_York",
  "atlantic standard time": "America/Halifax",
  "sa pacific standard time": "America/Bogota",
  "e south america standard time": "America/Sao_Paulo",
  "argentina standard time": "America/Buenos_Aires",
};

const normalize = (id: string) => id.toLowerCase().replace(/[^\p{L}\p{N}\s]/gu, "").replace(/\s+/g, " ").trim();

/** The IANA zone for a Windows id, or undefined when the local engine does not know the id. */
export function ianaZone(windowsId: string): string | undefined {
  return WINDOWS_TO_IANA[normalize(windowsId)];
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Minutes the zone is ahead of UTC at the UTC instant `utcMs`. */
function offsetMinutes(zone: string, utcMs: number): number {
  let format = formatters.get(zone);
  if (!format) {
    const options = { timeZone: zone, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric" } as const;
    formatters.set(zone, (format = new Intl.DateTimeFormat("en-US", options)));
  }
  const part = (type: string) => Number(format.formatToParts(utcMs).find((p) => p.type === type)?.value);
  const wall = Date.UTC(part("year"), part("month") - 1, part("day"), part("hour"), part("minute"), part("second"));
  return Math.round((wall - Math.floor(utcMs / 1000) * 1000) / 60_000);
}

const minutesToTicks = (minutes: number) => BigInt(minutes) * 60_000n * TICKS_PER_MS;

/** The wall-clock time in `zone` of a UTC timestamp, of unspecified kind (the guide: "without the timezone UTC offset"). */
export function fromUtc(ts: Timestamp, zone: string): Timestamp {
  const shifted = addTicks(ts, minutesToTicks(offsetMinutes(zone, epochMs(ts))));
  return { ticks: shifted.ticks, kind: zone === "UTC" ? "utc" : "unspecified" };
}

/** The UTC timestamp of a wall-clock time in `zone`: offset looked up at a first guess, then at the result. */
export function toUtc(ts: Timestamp, zone: string): Timestamp {
  const wallMs = epochMs(ts);
  const guess = offsetMinutes(zone, wallMs - offsetMinutes(zone, wallMs) * 60_000);
  return { ticks: addTicks(ts, -minutesToTicks(guess)).ticks, kind: "utc" };
}
