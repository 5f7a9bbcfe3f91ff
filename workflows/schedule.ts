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

const wholeNumbersIn = (values: unknown, min: number, max: number): boolean =>
  Array.isArray(values) && values.length > 0 && values.every((v) => Number.isInteger(v) && v >= min && v <= max) && new Set(values).size === values.length;

/** Every problem with a schedule, each naming the field and what Azure allows; empty when it is valid. */
export function scheduleProblems(value: unknown): string[] {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return ["must be an object such as {frequency: Day, interval: 1, hours: [2], minutes: [0]}"];
  const s = value as Record<string, unknown>;
  const problems: string[] = [];
  const known = new Set(["frequency", "interval", "hours", "minutes", "weekDays", "timeZone"]);
  for (const key of Object.keys(s)) if (!known.has(key)) problems.push(`unknown field '${key}' (allowed: ${[...known].join(", ")})`);
  const frequency = s.frequency as RecurrenceFrequency;
  if (!FREQUENCIES.includes(frequency)) {
    problems.push(`frequency must be one of ${FREQUENCIES.join(", ")}`);
    return problems;
  }
  const max = INTERVAL_LIMITS[frequency];
  if (!Number.isInteger(s.interval) || (s.interval as number) < 1 || (s.interval as number) > max) problems.push(`interval must be a whole number from 1 to ${max} for frequency ${frequency}`);
  const dayOrWeek = frequency === "Day" || frequency === "Week";
  if (s.hours !== undefined && (!dayOrWeek || !wholeNumbersIn(s.hours, 0, 23))) problems.push("hours must be distinct whole numbers 0-23, and only with frequency Day or Week");
  if (s.minutes !== undefined && (!dayOrWeek || !wholeNumbersIn(s.minutes, 0, 59))) problems.push("minutes must be distinct whole numbers 0-59, and only with frequency Day or Week");
  if (s.weekDays !== undefined) {
    const days = s.weekDays;
    const ok = frequency === "Week" && Array.isArray(days) && days.length > 0 && days.every((d) => WEEK_DAYS.includes(d as string)) && new Set(days).size === days.length;
    if (!ok) problems.push(`weekDays must be distinct values from ${WEEK_DAYS.join(", ")}, and only with frequency Week`);
  }
  if (s.timeZone !== undefined && (typeof s.timeZone !== "string" || s.timeZone.trim() === "")) problems.push("timeZone must be a Windows time zone id such as \"W. Europe Standard Time\"");
  return problems;
}

export function recurrenceTrigger(schedule: BackupSchedule): RecurrenceTrigger {
  const problems = scheduleProblems(schedule);
  if (problems.length > 0) throw new Error(`Invalid backup schedule: ${problems.join("; ")}`);
  const { frequency, interval, hours, minutes, weekDays, timeZone } = schedule;
  const hasSchedule = hours !== undefined || minutes !== undefined || weekDays !== undefined;
  return {
    type: "Recurrence",
    recurrence: {
      frequency,
      interval,
      ...(timeZone !== undefined ? { timeZone } : {}),
      ...(hasSchedule ? { schedule: { ...(hours ? { hours } : {}), ...(minutes ? { minutes } : {}), ...(weekDays ? { weekDays } : {}) } } : {}),
    },
  };
}
