/**
 * Windows time zone ids (workflows/timeZones.ts) as the date functions take them: matched ignoring case and
 * punctuation, since the guide says punctuation may have to be removed ("W. Europe Standard Time" or
 * "W Europe Standard Time"). An id not listed is refused by name.
 */
import { WINDOWS_TIME_ZONES } from "../../../../workflows/timeZones";
import { TICKS_PER_MS, Timestamp, addTicks, epochMs } from "./timestamp";

const normalize = (id: string) => id.toLowerCase().replace(/[^\p{L}\p{N}\s]/gu, "").replace(/\s+/g, " ").trim();

const BY_NORMALIZED_ID = new Map([...WINDOWS_TIME_ZONES].map(([id, zone]) => [normalize(id), zone]));

/** The IANA zone for a Windows id, or undefined when the id is not one. */
export function ianaZone(windowsId: string): string | undefined {
  return BY_NORMALIZED_ID.get(normalize(windowsId));
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
