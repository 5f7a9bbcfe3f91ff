import { WINDOWS_TIME_ZONES } from "../../workflows/timeZones";

/** The fields of a Recurrence trigger that decide when it fires (the workflow language's `recurrence`). */
export interface Recurrence {
  frequency: string;
  interval: number;
  startTime?: string;
  timeZone?: string;
  schedule?: { hours?: number[]; minutes?: number[]; weekDays?: string[] };
}

const WEEK_DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const UNIT_MS: Record<string, number> = { Second: 1000, Minute: 60_000, Hour: 3_600_000, Day: 86_400_000, Week: 604_800_000 };
const DAY_MS = 86_400_000;

/** The wall-clock fields of `at` in an IANA zone. */
function wallClock(at: Date, zone: string): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
  const parts = new Intl.DateTimeFormat("en-US", { timeZone: zone, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric" }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return { year: get("year"), month: get("month"), day: get("day"), hour: get("hour"), minute: get("minute"), second: get("second") };
}

/** The instant a wall-clock time in a zone stands for (the earlier one at a daylight-saving overlap). */
function fromWallClock(year: number, month: number, day: number, hour: number, minute: number, zone: string): Date {
  const asUtc = Date.UTC(year, month - 1, day, hour, minute);
  let guess = asUtc;
  for (let i = 0; i < 3; i++) {
    const w = wallClock(new Date(guess), zone);
    const offset = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - guess;
    guess = asUtc - offset;
  }
  return new Date(guess);
}

/**
 * When a Recurrence trigger next fires after `after`, as the workflow language documents it: every
 * `interval` units from `startTime` (now, if none), or, for Day and Week with a schedule, at the scheduled
 * hours and minutes (and week days) of every `interval`-th day or week counted from the start, in `timeZone`
 * (a Windows id; UTC without one). Month without a schedule adds calendar months.
 */
export function nextOccurrence(r: Recurrence, after: Date, firstStart: Date = after): Date {
  const zone = r.timeZone ? (WINDOWS_TIME_ZONES.get(r.timeZone) ?? "UTC") : "UTC";
  const start = r.startTime ? (r.timeZone ? localStart(r.startTime, zone) : new Date(r.startTime.endsWith("Z") ? r.startTime : `${r.startTime}Z`)) : firstStart;
  const { hours, minutes, weekDays } = r.schedule ?? {};
  const scheduled = (r.frequency === "Day" || r.frequency === "Week") && (hours !== undefined || minutes !== undefined || weekDays !== undefined);
  if (!scheduled) {
    if (r.frequency === "Month") {
      for (let k = 0; ; k++) {
        const at = new Date(start);
        at.setUTCMonth(at.getUTCMonth() + k * r.interval);
        if (at > after) return at;
      }
    }
    const step = UNIT_MS[r.frequency] * r.interval;
    const k = Math.max(0, Math.floor((after.getTime() - start.getTime()) / step) + 1);
    return new Date(start.getTime() + k * step);
  }
  const startWall = wallClock(start, zone);
  const startDay = Date.UTC(startWall.year, startWall.month - 1, startWall.day);
  const times = (hours ?? [startWall.hour]).flatMap((h) => (minutes ?? [startWall.minute]).map((m) => [h, m] as const)).sort((a, b) => a[0] * 60 + a[1] - (b[0] * 60 + b[1]));
  const afterWall = wallClock(after, zone);
  const firstDay = Math.max(startDay, Date.UTC(afterWall.year, afterWall.month - 1, afterWall.day));
  const period = r.frequency === "Week" ? 7 * r.interval : r.interval;
  for (let dayMs = firstDay; dayMs <= firstDay + (period + 7) * DAY_MS * 2; dayMs += DAY_MS) {
    const dayIndex = Math.round((dayMs - startDay) / DAY_MS);
    const date = new Date(dayMs);
    if (r.frequency === "Day" && dayIndex % r.interval !== 0) continue;
    if (r.frequency === "Week") {
      const week = Math.floor((dayIndex + new Date(startDay).getUTCDay()) / 7) - Math.floor(new Date(startDay).getUTCDay() / 7);
      if (week % r.interval !== 0) continue;
      const allowed = weekDays ?? [WEEK_DAYS[new Date(startDay).getUTCDay()]];
      if (!allowed.includes(WEEK_DAYS[date.getUTCDay()])) continue;
    }
    for (const [h, m] of times) {
      const at = fromWallClock(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), h, m, zone);
      if (at > after && at >= start) return at;
    }
  }
  throw new Error(`Recurrence ${JSON.stringify(r)} never fires after ${after.toISOString()}`);
}

/** A start time without an offset is wall-clock time in the trigger's zone. */
function localStart(startTime: string, zone: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::\d{2})?$/.exec(startTime);
  return m ? fromWallClock(+m[1], +m[2], +m[3], +m[4], +m[5], zone) : new Date(startTime);
}
