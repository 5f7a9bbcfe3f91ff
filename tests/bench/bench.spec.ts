import { expect } from "chai";
import { PRICES, runCostUsd } from "../../bench/prices";
import { BoundModel, RunMeasure, lowerBoundMs } from "../../bench/measure";
import { formatTable } from "../../bench/table";

describe("bench: arithmetic behind the published figures", () => {
  const measure = (pages: number, secrets: number, keys = 0, actionExecutions = 0): RunMeasure => ({
    status: "Succeeded", wallMs: 0, actionExecutions, connectorCalls: 0, kvRequests: 0, pages, objectCalls: { certificates: 0, keys, secrets }, retries: 0, throttledMs: 0,
  });
  const model = (over: Partial<BoundModel> = {}): BoundModel => ({ which: "backup", latencyMs: 20, timeScale: 1, concurrency: 20, ...over });

  it("bounds a run by its pages in sequence plus its object calls `concurrency` at a time", () => {
    expect(lowerBoundMs(measure(42, 1000), model())).to.equal(42 * 20 + 1000);
    expect(lowerBoundMs(measure(1, 50), model({ latencyMs: 10, concurrency: 5 }))).to.equal(10 + 100);
  });

  it("adds Key Vault's rate where it is slower than the latency allows: 4,000 transactions, or 20 key CREATEs, per 10 s after the first window", () => {
    // 10,000 backups at 20 ms, 20 at a time, would take 10 s; Key Vault admits 4,000 per 10 s: 15 s after the first window.
    expect(lowerBoundMs(measure(0, 10_000), model({ restoreCounts: "transactions" }))).to.equal(15_000);
    // 120 key restores under the CREATE reading: 20 at once, then 20 per 10 s (scaled by 0.1: per second).
    expect(lowerBoundMs(measure(0, 0, 120), model({ which: "restore", restoreCounts: "create", timeScale: 0.1 }))).to.be.closeTo(5_000, 1e-6);
  });

  it("takes at least one 5-minute window (scaled) per 100,000 actions past the first", () => {
    expect(lowerBoundMs(measure(0, 0, 0, 250_000), model({ timeScale: 0.1 }))).to.equal(2 * 30_000);
    expect(lowerBoundMs(measure(0, 0, 0, 100_000), model())).to.equal(0);
  });

  it("prices connector calls at the connector price and every other execution at the action price", () => {
    expect(runCostUsd(100, 2)).to.be.closeTo(98 * PRICES.builtInActionUsd + 2 * PRICES.standardConnectorUsd, 1e-12);
    expect(runCostUsd(0, 0)).to.equal(0);
  });

  it("formats a table with the first column left-aligned and the others right-aligned", () => {
    expect(formatTable(["a", "n"], [["x", 1], ["yy", 22]])).to.equal(["| a  |  n |", "|----|----|", "| x  |  1 |", "| yy | 22 |"].join("\n"));
  });
});
