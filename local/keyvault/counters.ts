import { VaultCounters } from "./types";

/** Request counters, updated before each answer is written so a caller that awaited a response sees it counted. */
export class RequestCounters implements VaultCounters {
  requests = 0;
  readonly byStatus: Record<string, number> = {};
  readonly byOperation: Record<string, number> = {};
  readonly byOperationStatus: Record<string, Record<string, number>> = {};

  record(operation: string, status: number): void {
    this.requests += 1;
    this.byStatus[String(status)] = (this.byStatus[String(status)] ?? 0) + 1;
    this.byOperation[operation] = (this.byOperation[operation] ?? 0) + 1;
    const statuses = (this.byOperationStatus[operation] ??= {});
    statuses[String(status)] = (statuses[String(status)] ?? 0) + 1;
  }

  /** In place, so callers holding `counters` or its maps see the reset. */
  reset(): void {
    this.requests = 0;
    for (const map of [this.byStatus, this.byOperation, this.byOperationStatus]) for (const key of Object.keys(map)) delete map[key];
  }
}
