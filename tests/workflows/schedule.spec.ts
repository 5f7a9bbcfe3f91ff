import { expect } from "chai";
import { BackupSchedule, longestGapMinutes, recurrenceOf, recurrenceTrigger, scheduleProblems, shortestGapMinutes } from "../../workflows/schedule";
import { buildBackupWorkflow } from "../../workflows/backup";
import { validateDefinition } from "../../workflows/validate";

describe("schedule: the backup's Recurrence trigger", () => {
  it("renders frequency, interval, time zone and the hours and minutes of a daily run", () => {
    expect(recurrenceTrigger({ frequency: "Day", interval: 1, hours: [2], minutes: [30], timeZone: "W. Europe Standard Time" })).to.deep.equal({
      type: "Recurrence",
      // Azure applies a time zone only together with a start time; one in the past anchors the schedule.
      recurrence: { frequency: "Day", interval: 1, startTime: "2026-01-01T00:00:00", timeZone: "W. Europe Standard Time", schedule: { hours: [2], minutes: [30] } },
      // Never two backups at once; Azure cannot turn this off again once it is on.
      runtimeConfiguration: { concurrency: { runs: 1 } },
    });
    expect(recurrenceTrigger({ frequency: "Hour", interval: 6 })).to.deep.equal({ type: "Recurrence", recurrence: { frequency: "Hour", interval: 6 }, runtimeConfiguration: { concurrency: { runs: 1 } } });
  });

  it("adds the trigger beside the HTTP trigger, and the definition still validates", () => {
    const d = buildBackupWorkflow({ schedule: { frequency: "Week", interval: 1, weekDays: ["Sunday"], hours: [3], minutes: [0] } });
    expect(Object.keys(d.triggers)).to.deep.equal(["manual", "schedule"]);
    expect(validateDefinition(d)).to.deep.equal([]);
    expect(Object.keys(buildBackupWorkflow().triggers)).to.deep.equal(["manual"]);
  });

  it("accepts each frequency at its interval limits", () => {
    // At most hourly: the least interval is an hour's worth.
    const least = { Second: 3600, Minute: 60, Hour: 1, Day: 1, Week: 1, Month: 1 };
    for (const [frequency, max] of [["Second", 9_999_999], ["Minute", 72_000], ["Hour", 12_000], ["Day", 500], ["Week", 71], ["Month", 16]] as const) {
      expect(scheduleProblems({ frequency, interval: least[frequency] })).to.deep.equal([]);
      expect(scheduleProblems({ frequency, interval: max })).to.deep.equal([]);
      expect(scheduleProblems({ frequency, interval: max + 1 })).to.deep.equal([`interval must be a whole number from 1 to ${max} for frequency ${frequency}`]);
    }
  });

  it("names each bad field and what Azure allows", () => {
    expect(scheduleProblems({ frequency: "Daily", interval: 1 })).to.deep.equal(["frequency must be one of Second, Minute, Hour, Day, Week, Month"]);
    expect(scheduleProblems({ frequency: "Day", interval: 0, hours: [24], minutes: [60], extra: 1 })).to.deep.equal([
      "unknown field 'extra' (allowed: frequency, interval, hours, minutes, weekDays, timeZone)",
      "interval must be a whole number from 1 to 500 for frequency Day",
      "hours must be distinct whole numbers 0-23, and only with frequency Day or Week",
      "minutes must be distinct whole numbers 0-59, and only with frequency Day or Week",
    ]);
    expect(scheduleProblems({ frequency: "Hour", interval: 1, hours: [1] })).to.deep.equal(["hours must be distinct whole numbers 0-23, and only with frequency Day or Week"]);
    expect(scheduleProblems({ frequency: "Day", interval: 1, weekDays: ["Sunday"] })).to.deep.equal([
      "weekDays must be distinct values from Monday, Tuesday, Wednesday, Thursday, Friday, Saturday, Sunday, and only with frequency Week",
    ]);
    expect(scheduleProblems("daily")).to.deep.equal(["must be an object such as {frequency: Day, interval: 1, hours: [2], minutes: [0]}"]);
    expect(() => recurrenceTrigger({ frequency: "Month", interval: 17 })).to.throw("Invalid backup schedule: interval must be a whole number from 1 to 16 for frequency Month");
  });

  it("knows the shortest and the longest time between two runs, across days and weeks", () => {
    const cases: Array<[BackupSchedule, number, number]> = [
      [{ frequency: "Hour", interval: 1 }, 60, 60],
      [{ frequency: "Hour", interval: 6 }, 360, 360],
      [{ frequency: "Day", interval: 1, hours: [2], minutes: [0] }, 1440, 1440],
      [{ frequency: "Day", interval: 1, hours: [1, 2], minutes: [0] }, 60, 1380],
      [{ frequency: "Day", interval: 1, minutes: [0, 30] }, 30, 30],
      [{ frequency: "Day", interval: 2, hours: [2, 14] }, 720, 2160],
      [{ frequency: "Week", interval: 1, weekDays: ["Monday", "Tuesday"], hours: [0, 23], minutes: [0] }, 60, 7260],
      [{ frequency: "Week", interval: 2, weekDays: ["Sunday"], hours: [3] }, 20160, 20160],
      [{ frequency: "Month", interval: 1 }, 40320, 44640],
    ];
    for (const [schedule, shortest, longest] of cases) {
      expect([shortestGapMinutes(recurrenceOf(schedule)), longestGapMinutes(recurrenceOf(schedule))], JSON.stringify(schedule)).to.deep.equal([shortest, longest]);
    }
    expect(scheduleProblems({ frequency: "Day", interval: 1, minutes: [0, 30] })).to.deep.equal([
      "runs closer together than 60 minutes: back up at most hourly (a run waits while the previous one is still going)",
    ]);
  });
});
