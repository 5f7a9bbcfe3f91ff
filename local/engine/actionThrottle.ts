import { LIMITS } from "../../workflows/limits";

export interface ActionRate {
  /** Action executions allowed per window. */
  executions: number;
  /** The rolling window, in unscaled milliseconds. */
  windowMs: number;
}

/** Consumption's documented rate (workflows/limits.ts). */
export const CONSUMPTION_ACTION_RATE: ActionRate = { executions: LIMITS.actionExecutionsPerWindow, windowMs: LIMITS.actionExecutionWindowMs };

/**
 * A workflow's action-execution rate over a rolling window on the scaled clock: an action starts only
 * when fewer than `executions` started in the last window, else it waits for the oldest to leave it.
 * One instance per workflow, shared by its runs, as Azure counts per workflow.
 */
export class ActionThrottle {
  private readonly starts: Float64Array;
  private head = 0;
  private filled = 0;
  private queue: Promise<void> = Promise.resolve();
  /** Total time actions waited for the window, in real milliseconds. */
  waitedMs = 0;

  constructor(
    readonly rate: ActionRate = CONSUMPTION_ACTION_RATE,
    private readonly timeScale = 1,
  ) {
    if (!Number.isInteger(rate.executions) || rate.executions < 1) throw new Error(`ActionThrottle: executions must be a whole number of at least 1, got ${rate.executions}`);
    this.starts = new Float64Array(rate.executions);
  }

  /** Resolves when the next action may start. */
  acquire(): Promise<void> {
    if (this.timeScale <= 0) return Promise.resolve();
    this.queue = this.queue.then(() => this.take());
    return this.queue;
  }

  private async take(): Promise<void> {
    const window = this.rate.windowMs * this.timeScale;
    if (this.filled === this.starts.length) {
      const wait = this.starts[this.head] + window - performance.now();
      if (wait > 0) {
        this.waitedMs += wait;
        await new Promise((resolve) => setTimeout(resolve, wait));
      }
    } else {
      this.filled++;
    }
    this.starts[this.head] = performance.now();
    this.head = (this.head + 1) % this.starts.length;
  }
}
