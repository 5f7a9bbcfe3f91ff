import { BackupSchedule, longestGapMinutes, recurrenceOf } from "../workflows/schedule";

/**
 * Time a scheduled run may take beyond its slot before it counts as missed: the run itself (a large vault
 * takes minutes, more under throttling; a run waits for the one before it) and the delay before its
 * completion reaches Log Analytics (up to 30 minutes, logic-apps/monitor-workflows-collect-diagnostic-data.md).
 */
export const MISSED_RUN_GRACE_MINUTES = 120;

/**
 * The aggregation windows a log search alert takes (alerts/resource-manager-alerts-log.md); its query time
 * range is at most two days ("The alert time range is limited to a maximum of two days").
 */
const LOG_ALERT_WINDOWS: ReadonlyArray<[string, number]> = [
  ["PT5M", 5], ["PT10M", 10], ["PT15M", 15], ["PT30M", 30], ["PT45M", 45], ["PT1H", 60], ["PT2H", 120], ["PT3H", 180],
  ["PT4H", 240], ["PT5H", 300], ["PT6H", 360], ["P1D", 1440], ["P2D", 2880],
];
export const MAX_MISSED_RUN_WINDOW_MINUTES = LOG_ALERT_WINDOWS[LOG_ALERT_WINDOWS.length - 1][1];

export interface MissedRunWindow {
  /** No successful run in this many minutes is a missed run: the longest gap of the schedule plus the grace. */
  minutes: number;
  /** The smallest window Azure takes that holds `minutes`; the query narrows it to exactly `minutes`. */
  windowSize: string;
}

/** Why a schedule's missed runs cannot be alerted on, or undefined when they can. */
export function missedRunProblem(schedule: BackupSchedule): string | undefined {
  const longest = longestGapMinutes(recurrenceOf(schedule));
  const hours = (MAX_MISSED_RUN_WINDOW_MINUTES - MISSED_RUN_GRACE_MINUTES) / 60;
  return longest + MISSED_RUN_GRACE_MINUTES > MAX_MISSED_RUN_WINDOW_MINUTES
    ? `runs up to ${Math.round(longest / 60)} hours apart; with alertEmails, runs must be at most ${hours} hours apart, or a missed run goes unnoticed (a log search alert looks back at most 2 days, and a run may take ${MISSED_RUN_GRACE_MINUTES / 60} hours to be logged)`
    : undefined;
}

export function missedRunWindow(schedule: BackupSchedule): MissedRunWindow {
  const problem = missedRunProblem(schedule);
  if (problem) throw new Error(`backupSchedule ${problem}`);
  const minutes = longestGapMinutes(recurrenceOf(schedule)) + MISSED_RUN_GRACE_MINUTES;
  const [windowSize] = LOG_ALERT_WINDOWS.find(([, m]) => m >= minutes)!;
  return { minutes, windowSize };
}
