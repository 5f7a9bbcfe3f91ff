import { expect } from "chai";
import { ActionThrottle } from "../../../local/engine/actionThrottle";
import { run } from "./helpers";

describe("local engine: the workflow's action-execution rate", () => {
  it("starts no more than `executions` actions in any window of the scaled clock, and delays the rest", async () => {
    const throttle = new ActionThrottle({ executions: 5, windowMs: 1_000 }, 0.1);
    const actions = Object.fromEntries(
      Array.from({ length: 12 }, (_, i) => [`A${i}`, { type: "Compose", inputs: i, ...(i > 0 ? { runAfter: { [`A${i - 1}`]: ["Succeeded"] } } : {}) }]),
    );
    const r = await run(actions, { actionThrottle: throttle });
    expect(r.status).to.equal("Succeeded");
    const starts = Array.from({ length: 12 }, (_, i) => Date.parse(r.actions[`A${i}`].executions[0].startTime));
    // The sixth start waits for the first to leave the 100 ms window (1 ms for the two clocks' rounding).
    for (let i = 5; i < 12; i++) expect(starts[i] - starts[i - 5]).to.be.at.least(99);
    expect(throttle.waitedMs).to.be.greaterThan(0);
  });

  it("at time scale 0 never waits", async () => {
    const throttle = new ActionThrottle({ executions: 1, windowMs: 60_000 }, 0);
    const r = await run({ A: { type: "Compose", inputs: 1 }, B: { type: "Compose", inputs: 2, runAfter: { A: ["Succeeded"] } } }, { actionThrottle: throttle });
    expect(r.status).to.equal("Succeeded");
    expect(throttle.waitedMs).to.equal(0);
  });

  it("refuses a rate of no executions", () => {
    expect(() => new ActionThrottle({ executions: 0, windowMs: 1 })).to.throw("executions must be a whole number of at least 1, got 0");
  });
});
