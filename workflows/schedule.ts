import { RecurrenceFrequency, RecurrenceTrigger } from "./definition";
import { closest } from "./closest";
import { WINDOWS_TIME_ZONES, windowsTimeZone } from "./timeZones";

/** When the backup runs on its own, beside the HTTP trigger. */
export interface BackupSchedule {
  frequency: RecurrenceFrequency;
  interval: number;
  /** Day and Week only. */
  hours?: number[];
  minutes?: number[];
  /** Week only: Monday ... Sunday. */
  weekDays?: string[];
  /** A Windows time zone id, e.g. "W. Europe Standard Time"; Azure's default is UTC. */
  timeZone?: string;
}

export const SCHEDULE_TRIGGER = "schedule";

/** Azure's documented interval ranges per frequency for the Recurrence trigger. */
export const INTERVAL_LIMITS: Record<RecurrenceFrequency, number> = { Second: 9_999_999, Minute: 72_000, Hour: 12_000, Day: 500, Week: 71, Month: 16 };
const FREQUENCIES = Object.keys(INTERVAL_LIMITS) as RecurrenceFrequency[];
const WEEK_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

/**
 * The time zone applies "only when you specify a start time" (logic-apps-workflow-actions-triggers.md,
 * Recurrence trigger): without one, a daily 02:00 in "W. Europe Standard Time" would run at 02:00 UTC. A
 * start time in the past anchors the schedule without delaying its first run.
 */
export const SCHEDULE_START_TIME = "2026-01-01T00:00:00";

const wholeNumbersIn = (values: unknown, min: number, max: number): boolean =>
  Array.isArray(values) && values.length > 0 && values.every((v) => Number.isInteger(v) && v >= min && v <= max) && new Set(values).size === values.length;

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

/** Every problem with a Recurrence trigger's `recurrence`, each naming the field and what Azure allows. */
export function recurrenceProblems(value: unknown): string[] {
  if (!isObject(value)) return ["recurrence must be an object with frequency and interval"];
  const problems: string[] = [];
  const frequency = value.frequency as RecurrenceFrequency;
  if (!FREQUENCIES.includes(frequency)) return [`frequency must be one of ${FREQUENCIES.join(", ")}`];
  const max = INTERVAL_LIMITS[frequency];
  const interval = value.interval;
  if (typeof interval !== "number" || !Number.isInteger(interval) || interval < 1 || interval > max) problems.push(`interval must be a whole number from 1 to ${max} for frequency ${frequency}`);
  const schedule = value.schedule === undefined ? {} : value.schedule;
  if (!isObject(schedule)) return [...problems, "schedule must be an object of hours, minutes and weekDays"];
  const dayOrWeek = frequency === "Day" || frequency === "Week";
  if (schedule.hours !== undefined && (!dayOrWeek || !wholeNumbersIn(schedule.hours, 0, 23))) problems.push("hours must be distinct whole numbers 0-23, and only with frequency Day or Week");
  if (schedule.minutes !== undefined && (!dayOrWeek || !wholeNumbersIn(schedule.minutes, 0, 59))) problems.push("minutes must be distinct whole numbers 0-59, and only with frequency Day or Week");
  if (schedule.weekDays !== undefined) {
    const days = schedule.weekDays;
    const ok = frequency === "Week" && Array.isArray(days) && days.length > 0 && days.every((d) => WEEK_DAYS.includes(d as string)) && new Set(days).size === days.length;
    if (!ok) problems.push(`weekDays must be distinct values from ${WEEK_DAYS.join(", ")}, and only with frequency Week`);
  }
  if (value.timeZone !== undefined) problems.push(...timeZoneProblems(value.timeZone));
  if (value.startTime !== undefined && (typeof value.startTime !== "string" || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z?$/.test(value.startTime))) {
    problems.push("startTime must be YYYY-MM-DDThh:mm:ss, with Z only when no timeZone is given");
  } else if (typeof value.startTime === "string" && value.startTime.endsWith("Z") && value.timeZone !== undefined) {
    problems.push("startTime must not end in Z when a timeZone is given");
  }
  return problems;
}

/** A time zone Azure's Recurrence trigger takes: a Windows time zone id, written as Windows writes it. */
function timeZoneProblems(zone: unknown): string[] {
  const example = "a Windows time zone id such as \"W. Europe Standard Time\" (https://learn.microsoft.com/windows-hardware/manufacture/desktop/default-time-zones)";
  if (typeof zone !== "string") return [`timeZone must be ${example}`];
  const known = windowsTimeZone(zone);
  if (known === zone) return [];
  const hint = known ?? closest(zone, WINDOWS_TIME_ZONES.keys());
  return [`timeZone "${zone}" is not ${example}${hint ? `; did you mean "${hint}"?` : ""}`];
}

/**
 * Backups at most this often. A large vault's backup takes minutes (4,000 Key Vault requests per 10 s make
 * 100,000 objects at least 4 minutes, before retries), a run waits while the previous one is still going
 * (the trigger runs one at a time), and each run costs per object: more often than hourly only queues runs
 * and cost without protecting more.
 */
export const MIN_SCHEDULE_MINUTES = 60;

const MINUTES_PER: Record<RecurrenceFrequency, number> = { Second: 1 / 60, Minute: 1, Hour: 60, Day: 1440, Week: 10080, Month: 40320 };

/**
 * The gaps between consecutive runs of a recurrence over one full cycle, in minutes, wrap-around included.
 * A month counts `monthDays` days. Minutes without hours run in every hour of the day; hours without minutes,
 * and a weekly schedule without weekDays, keep the start time's minute and day, which shifts every run alike.
 */
function gapsMinutes(r: RecurrenceTrigger["recurrence"], monthDays: number): number[] {
  const cycle = (r.frequency === "Month" ? monthDays * 1440 : MINUTES_PER[r.frequency]) * r.interval;
  const { hours, minutes, weekDays } = r.schedule ?? {};
  const timed = r.frequency === "Day" || r.frequency === "Week";
  if (!timed || (hours === undefined && minutes === undefined && weekDays === undefined)) return [cycle];
  const inDay = (hours ?? (minutes !== undefined ? Array.from({ length: 24 }, (_, h) => h) : [0])).flatMap((h) => (minutes ?? [0]).map((m) => h * 60 + m));
  const days = r.frequency === "Week" && weekDays !== undefined ? weekDays.map((d) => WEEK_DAYS.indexOf(d)) : [0];
  const runs = days.flatMap((d) => inDay.map((t) => d * 1440 + t)).sort((a, b) => a - b);
  return [...runs.slice(1).map((t, i) => t - runs[i]), cycle - runs[runs.length - 1] + runs[0]];
}

/** The shortest time between two runs of a recurrence, in minutes (a month as 28 days). */
export function shortestGapMinutes(r: RecurrenceTrigger["recurrence"]): number {
  return Math.min(...gapsMinutes(r, 28));
}

/** The longest time between two runs of a recurrence, in minutes (a month as 31 days). */
export function longestGapMinutes(r: RecurrenceTrigger["recurrence"]): number {
  return Math.max(...gapsMinutes(r, 31));
}

/** Every problem with a stack's backup schedule (config fields), each naming the field and what Azure allows. */
export function scheduleProblems(value: unknown): string[] {
  if (!isObject(value)) return ["must be an object such as {frequency: Day, interval: 1, hours: [2], minutes: [0]}"];
  const problems: string[] = [];
  const known = new Set(["frequency", "interval", "hours", "minutes", "weekDays", "timeZone"]);
  for (const key of Object.keys(value)) if (!known.has(key)) problems.push(`unknown field '${key}' (allowed: ${[...known].join(", ")})`);
  const { frequency, interval, hours, minutes, weekDays, timeZone } = value;
  const zone = timeZone === undefined ? {} : { startTime: SCHEDULE_START_TIME, timeZone };
  const recurrence = { frequency, interval, ...zone, schedule: { hours, minutes, weekDays } };
  const found = recurrenceProblems(recurrence);
  // Only once recurrenceProblems found none is the recurrence known to have its documented shape.
  if (found.length === 0 && shortestGapMinutes(recurrence as RecurrenceTrigger["recurrence"]) < MIN_SCHEDULE_MINUTES) {
    found.push(`runs closer together than ${MIN_SCHEDULE_MINUTES} minutes: back up at most hourly (a run waits while the previous one is still going)`);
  }
  return [...problems, ...found];
}

export function recurrenceOf(schedule: BackupSchedule): RecurrenceTrigger["recurrence"] {
  const { frequency, interval, hours, minutes, weekDays, timeZone } = schedule;
  const hasSchedule = hours !== undefined || minutes !== undefined || weekDays !== undefined;
  return {
    frequency,
    interval,
    ...(timeZone !== undefined ? { startTime: SCHEDULE_START_TIME, timeZone } : {}),
    ...(hasSchedule ? { schedule: { ...(hours !== undefined ? { hours } : {}), ...(minutes !== undefined ? { minutes } : {}), ...(weekDays !== undefined ? { weekDays } : {}) } } : {}),
  };
}

/**
 * Runs one at a time: a scheduled backup never overlaps the previous one (it waits). Azure cannot turn trigger
 * concurrency off again once it is on (logic-apps-workflow-actions-triggers.md, "Change trigger concurrency").
 */
export const ONE_RUN_AT_A_TIME = { concurrency: { runs: 1 } } as const;

export function recurrenceTrigger(schedule: BackupSchedule): RecurrenceTrigger {
  const problems = scheduleProblems(schedule);
  if (problems.length > 0) throw new Error(`Invalid backup schedule: ${problems.join("; ")}`);
  return { type: "Recurrence", recurrence: recurrenceOf(schedule), runtimeConfiguration: ONE_RUN_AT_A_TIME };
}
