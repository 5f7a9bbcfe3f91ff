import { int, str } from "./args";
import { formatDate } from "./dateFormat";
import type { FunctionImpl } from "../functions";

const UNITS: Record<string, number> = { second: 1000, minute: 60_000, hour: 3_600_000, day: 86_400_000, week: 604_800_000 };
/** .NET ticks (100 ns) between 0001-01-01 and the Unix epoch. */
const EPOCH_TICKS = 621355968000000000n;

function parse(fn: string, value: unknown): Date {
  const text = str(fn, value);
  const d = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(text) || !/T/.test(text) ? text : `${text}Z`);
  if (Number.isNaN(d.getTime())) throw new Error(`${fn}: '${text}' is not a valid timestamp (ISO 8601)`);
  return d;
}

const format = (fn: string, d: Date, f: unknown) => formatDate(d, f === undefined ? "o" : str(fn, f, 3));

function addUnit(fn: string, unitMs: number): FunctionImpl {
  return ([ts, n, f]) => format(fn, new Date(parse(fn, ts).getTime() + int(fn, n, 2) * unitMs), f);
}

function shift(fn: string, d: Date, interval: number, unit: string, sign: 1 | -1): Date {
  const u = unit.toLowerCase();
  if (u === "month" || u === "year") {
    const out = new Date(d);
    out.setUTCMonth(out.getUTCMonth() + sign * interval * (u === "year" ? 12 : 1));
    return out;
  }
  const ms = UNITS[u];
  if (!ms) throw new Error(`${fn}: timeUnit must be Second, Minute, Hour, Day, Week, Month or Year, got '${unit}'`);
  return new Date(d.getTime() + sign * interval * ms);
}

export const DATE_FUNCTIONS: Record<string, FunctionImpl> = {
  utcNow: ([f], scope) => formatDate(scope.now(), f === undefined ? "o" : str("utcNow", f)),
  formatDateTime: ([ts, f]) => formatDate(parse("formatDateTime", ts), f === undefined ? "o" : str("formatDateTime", f, 2)),
  addDays: addUnit("addDays", UNITS.day),
  addHours: addUnit("addHours", UNITS.hour),
  addMinutes: addUnit("addMinutes", UNITS.minute),
  addSeconds: addUnit("addSeconds", UNITS.second),
  addToTime: ([ts, n, u, f]) => formatDate(shift("addToTime", parse("addToTime", ts), int("addToTime", n, 2), str("addToTime", u, 3), 1), f === undefined ? "o" : str("addToTime", f, 4)),
  subtractFromTime: ([ts, n, u, f]) =>
    formatDate(shift("subtractFromTime", parse("subtractFromTime", ts), int("subtractFromTime", n, 2), str("subtractFromTime", u, 3), -1), f === undefined ? "o" : str("subtractFromTime", f, 4)),
  getFutureTime: ([n, u, f], scope) => formatDate(shift("getFutureTime", scope.now(), int("getFutureTime", n), str("getFutureTime", u, 2), 1), f === undefined ? "o" : str("getFutureTime", f, 3)),
  getPastTime: ([n, u, f], scope) => formatDate(shift("getPastTime", scope.now(), int("getPastTime", n), str("getPastTime", u, 2), -1), f === undefined ? "o" : str("getPastTime", f, 3)),
  startOfDay: ([ts, f]) => {
    const d = parse("startOfDay", ts);
    return format("startOfDay", new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate())), f);
  },
  startOfHour: ([ts, f]) => {
    const d = parse("startOfHour", ts);
    return format("startOfHour", new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCHours())), f);
  },
  startOfMonth: ([ts, f]) => {
    const d = parse("startOfMonth", ts);
    return format("startOfMonth", new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1)), f);
  },
  dayOfMonth: ([ts]) => parse("dayOfMonth", ts).getUTCDate(),
  dayOfWeek: ([ts]) => parse("dayOfWeek", ts).getUTCDay(),
  dayOfYear: ([ts]) => {
    const d = parse("dayOfYear", ts);
    return Math.floor((d.getTime() - Date.UTC(d.getUTCFullYear(), 0, 1)) / UNITS.day) + 1;
  },
  ticks: ([ts]) => Number(BigInt(parse("ticks", ts).getTime()) * 10_000n + EPOCH_TICKS),
};
