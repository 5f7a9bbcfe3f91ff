import { expect } from "chai";
import { nextOccurrence } from "../../../local/stack/recurrence";

describe("local stack: when a Recurrence trigger next fires", () => {
  const at = (iso: string) => new Date(iso);

  it("daily at 02:00 W. Europe time: 01:00 UTC in winter, 00:00 UTC in summer", () => {
    const daily = { frequency: "Day", interval: 1, startTime: "2026-01-01T00:00:00", timeZone: "W. Europe Standard Time", schedule: { hours: [2], minutes: [0] } };
    expect(nextOccurrence(daily, at("2026-12-01T12:00:00Z")).toISOString()).to.equal("2026-12-02T01:00:00.000Z");
    expect(nextOccurrence(daily, at("2026-12-02T00:59:00Z")).toISOString()).to.equal("2026-12-02T01:00:00.000Z");
    expect(nextOccurrence(daily, at("2026-07-01T12:00:00Z")).toISOString()).to.equal("2026-07-02T00:00:00.000Z");
  });

  it("every hour (and every 6 hours) from the start time, in UTC without a zone", () => {
    expect(nextOccurrence({ frequency: "Hour", interval: 1, startTime: "2026-01-01T00:30:00Z" }, at("2026-12-01T12:10:00Z")).toISOString()).to.equal("2026-12-01T12:30:00.000Z");
    expect(nextOccurrence({ frequency: "Hour", interval: 6, startTime: "2026-01-01T00:00:00Z" }, at("2026-12-01T12:00:00Z")).toISOString()).to.equal("2026-12-01T18:00:00.000Z");
  });

  it("weekly on chosen days at two times, every other day, and monthly", () => {
    const weekly = { frequency: "Week", interval: 1, startTime: "2026-01-01T00:00:00Z", schedule: { weekDays: ["Monday", "Thursday"], hours: [6, 18], minutes: [15] } };
    // 2026-12-01 is a Tuesday: the next is Thursday 06:15.
    expect(nextOccurrence(weekly, at("2026-12-01T12:00:00Z")).toISOString()).to.equal("2026-12-03T06:15:00.000Z");
    expect(nextOccurrence(weekly, at("2026-12-03T06:15:00Z")).toISOString()).to.equal("2026-12-03T18:15:00.000Z");
    const everyOtherDay = { frequency: "Day", interval: 2, startTime: "2026-11-30T00:00:00Z", schedule: { hours: [3], minutes: [0] } };
    expect(nextOccurrence(everyOtherDay, at("2026-12-01T04:00:00Z")).toISOString()).to.equal("2026-12-02T03:00:00.000Z");
    expect(nextOccurrence({ frequency: "Month", interval: 1, startTime: "2026-01-15T08:00:00Z" }, at("2026-12-01T00:00:00Z")).toISOString()).to.equal("2026-12-15T08:00:00.000Z");
  });
});
