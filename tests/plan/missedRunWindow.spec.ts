import { expect } from "chai";
import { MAX_MISSED_RUN_WINDOW_MINUTES, MISSED_RUN_GRACE_MINUTES, missedRunProblem, missedRunWindow } from "../../plan/missedRunWindow";

describe("missedRunWindow: how long without a successful backup is a missed run", () => {
  it("is the schedule's longest gap plus the grace, in the smallest log alert window that holds it", () => {
    expect(MISSED_RUN_GRACE_MINUTES).to.equal(120);
    expect(missedRunWindow({ frequency: "Hour", interval: 1 })).to.deep.equal({ minutes: 180, windowSize: "PT3H" });
    expect(missedRunWindow({ frequency: "Hour", interval: 4 })).to.deep.equal({ minutes: 360, windowSize: "PT6H" });
    expect(missedRunWindow({ frequency: "Hour", interval: 5 })).to.deep.equal({ minutes: 420, windowSize: "P1D" });
    expect(missedRunWindow({ frequency: "Day", interval: 1, hours: [2, 14] })).to.deep.equal({ minutes: 840, windowSize: "P1D" });
    expect(missedRunWindow({ frequency: "Day", interval: 1, hours: [2] })).to.deep.equal({ minutes: 1560, windowSize: "P2D" });
    expect(missedRunWindow({ frequency: "Hour", interval: 46 })).to.deep.equal({ minutes: MAX_MISSED_RUN_WINDOW_MINUTES, windowSize: "P2D" });
  });

  it("refuses a schedule whose runs are further apart than a log alert can look back", () => {
    expect(missedRunProblem({ frequency: "Week", interval: 1, weekDays: ["Sunday"], hours: [3] })).to.equal(
      "runs up to 168 hours apart; with alertEmails, runs must be at most 46 hours apart, or a missed run goes unnoticed (a log search alert looks back at most 2 days, and a run may take 2 hours to be logged)",
    );
    expect(missedRunProblem({ frequency: "Hour", interval: 47 })).to.match(/^runs up to 47 hours apart;/);
    expect(missedRunProblem({ frequency: "Hour", interval: 46 })).to.equal(undefined);
    expect(() => missedRunWindow({ frequency: "Day", interval: 2 })).to.throw(/^backupSchedule runs up to 48 hours apart;/);
  });
});
