import { RecurrenceFrequency, RecurrenceTrigger } from "./definition";

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
  if (value.timeZone !== undefined && (typeof value.timeZone !== "string" || value.timeZone.trim() === "")) problems.push("timeZone must be a Windows time zone id such as \"W. Europe Standard Time\"");
  if (value.startTime !== undefined && (typeof value.startTime !== "string" || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z?$/.test(value.startTime))) {
    problems.push("startTime must be YYYY-MM-DDThh:mm:ss, with Z only when no timeZone is given");
  } else if (typeof value.startTime === "string" && value.startTime.endsWith("Z") && value.timeZone !== undefined) {
    problems.push("startTime must not end in Z when a timeZone is given");
  }
  return problems;
}

/** Every problem with a stack's backup schedule (config fields), each naming the field and what Azure allows. */
export function scheduleProblems(value: unknown): string[] {
  if (!isObject(value)) return ["must be an object such as {frequency: Day, interval: 1, hours: [2], minutes: [0]}"];
  const problems: string[] = [];
  const known = new Set(["frequency", "interval", "hours", "minutes", "weekDays", "timeZone"]);
  for (const key of Object.keys(value)) if (!known.has(key)) problems.push(`unknown field '${key}' (allowed: ${[...known].join(", ")})`);
  const { frequency, interval, hours, minutes, weekDays, timeZone } = value;
  const zone = timeZone === undefined ? {} : { startTime: SCHEDULE_START_TIME, timeZone };
  return [...problems, ...recurrenceProblems({ frequency, interval, ...zone, schedule: { hours, minutes, weekDays } })];
}

function recurrenceOf(schedule: BackupSchedule): RecurrenceTrigger["recurrence"] {
  const { frequency, interval, hours, minutes, weekDays, timeZone } = schedule;
  const hasSchedule = hours !== undefined || minutes !== undefined || weekDays !== undefined;
  return {
    frequency,
    interval,
    ...(timeZone !== undefined ? { startTime: SCHEDULE_START_TIME, timeZone } : {}),
    ...(hasSchedule ? { schedule: { ...(hours !== undefined ? { hours } : {}), ...(minutes !== undefined ? { minutes } : {}), ...(weekDays !== undefined ? { weekDays } : {}) } } : {}),
  };
}

export function recurrenceTrigger(schedule: BackupSchedule): RecurrenceTrigger {
  const problems = scheduleProblems(schedule);
  if (problems.length > 0) throw new Error(`Invalid backup schedule: ${problems.join("; ")}`);
  return { type: "Recurrence", recurrence: recurrenceOf(schedule) };
}
