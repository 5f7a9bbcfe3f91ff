import { expect } from "chai";
import { PRICES, runCostUsd } from "../../bench/prices";
import { RunMeasure, lowerBoundMs } from "../../bench/measure";
import { formatTable } from "../../bench/table";

describe("bench: arithmetic behind the published figures", () => {
  const measure = (pages: number, objectCalls: number): RunMeasure => ({
    status: "Succeeded", wallMs: 0, actionExecutions: 0, connectorCalls: 0, kvRequests: 0, pages, objectCalls, retries: 0,
  });

  it("bounds a run by its pages in sequence plus its object calls `concurrency` at a time", () => {
    expect(lowerBoundMs(measure(42, 1000), 20, 20)).to.equal(42 * 20 + 1000);
    expect(lowerBoundMs(measure(1, 50), 10, 5)).to.equal(10 + 100);
  });

  it("prices connector calls at the connector price and every other execution at the action price", () => {
    expect(runCostUsd(100, 2)).to.be.closeTo(98 * PRICES.builtInActionUsd + 2 * PRICES.standardConnectorUsd, 1e-12);
    expect(runCostUsd(0, 0)).to.equal(0);
  });

  it("formats a table with the first column left-aligned and the others right-aligned", () => {
    expect(formatTable(["a", "n"], [["x", 1], ["yy", 22]])).to.equal(["| a  |  n |", "|----|----|", "| x  |  1 |", "| yy | 22 |"].join("\n"));
  });
});
