import { durationMs } from "../../workflows/duration";

export interface RetryPlan {
  /** Retries after the first attempt. */
  count: number;
  /** Wait before retry n (1-based), in unscaled milliseconds. */
  delayMs(retry: number, random: () => number): number;
}

interface RetryPolicyInput {
  type?: unknown;
  count?: unknown;
  interval?: unknown;
  minimumInterval?: unknown;
  maximumInterval?: unknown;
}

const SECOND = 1000;

/**
 * Exponential interval as documented: retry n waits a random time between
 * max((n == 1 ? 0 : 2^(n-2)) * interval, minimumInterval) and min(2^(n-1) * interval, maximumInterval).
 */
function exponential(count: number, interval: number, minimum: number, maximum: number): RetryPlan {
  return {
    count,
    delayMs(retry, random) {
      const lo = Math.max(retry === 1 ? 0 : 2 ** (retry - 2) * interval, minimum);
      const hi = Math.max(lo, Math.min(2 ** (retry - 1) * interval, maximum));
      return lo + random() * (hi - lo);
    },
  };
}

function countOf(policy: RetryPolicyInput, field: string): number {
  const count = policy.count;
  if (typeof count !== "number" || !Number.isInteger(count) || count < 1 || count > 90) {
    throw new Error(`${field}.count must be an integer from 1 to 90, got ${JSON.stringify(count)}`);
  }
  return count;
}

function intervalOf(policy: RetryPolicyInput, key: "interval" | "minimumInterval" | "maximumInterval", field: string, fallback?: string): number {
  const value = policy[key] ?? fallback;
  if (typeof value !== "string") throw new Error(`${field}.${key} is required for a ${String(policy.type)} retry policy`);
  return durationMs(value, `${field}.${key}`);
}

/**
 * The retry policy of an Http or ApiConnection action (`inputs.retryPolicy`). Absent or `default`: up to
 * four exponential retries scaled by 7.5 s, between 5 and 45 s.
 */
export function retryPlan(policy: unknown, field: string): RetryPlan {
  if (policy === undefined || policy === null) return exponential(4, 7.5 * SECOND, 5 * SECOND, 45 * SECOND);
  if (typeof policy !== "object") throw new Error(`${field} must be an object`);
  const p = policy as RetryPolicyInput;
  switch (typeof p.type === "string" ? p.type.toLowerCase() : p.type) {
    case "default":
      return exponential(4, 7.5 * SECOND, 5 * SECOND, 45 * SECOND);
    case "none":
      return { count: 0, delayMs: () => 0 };
    case "fixed": {
      const interval = intervalOf(p, "interval", field);
      return { count: countOf(p, field), delayMs: () => interval };
    }
    case "exponential":
      return exponential(
        countOf(p, field),
        intervalOf(p, "interval", field),
        intervalOf(p, "minimumInterval", field, "PT5S"),
        intervalOf(p, "maximumInterval", field, "P1D"),
      );
    default:
      throw new Error(`${field}.type must be default, none, fixed or exponential, got ${JSON.stringify(p.type)}`);
  }
}

/** Logic Apps retries request timeouts, throttling, server errors and connectivity failures only. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}
