import { KeyVaultError } from "./errors";
import { FaultOptions } from "./types";

/** Throws on rates outside 0..1 or a negative latency, so a typo in a test does not silently disable a fault. */
export function checkFaults(faults: FaultOptions): FaultOptions {
  for (const key of ["throttleRate", "errorRate", "emptyPageRate", "lostAnswerRate"] as const) {
    const rate = faults[key];
    if (rate !== undefined && !(rate >= 0 && rate <= 1)) throw new Error(`faults.${key} must be from 0 to 1, got ${rate}`);
  }
  if (faults.unavailableObjects !== undefined && !Array.isArray(faults.unavailableObjects)) throw new Error("faults.unavailableObjects must be an array of object names");
  for (const key of ["discardedRestores", "lostRestoreAnswers"] as const) {
    if (faults[key] !== undefined && !Array.isArray(faults[key])) throw new Error(`faults.${key} must be an array of object names`);
  }
  if (faults.latencyMs !== undefined && !(faults.latencyMs >= 0)) throw new Error(`faults.latencyMs must be >= 0, got ${faults.latencyMs}`);
  return { ...faults, ...(faults.unavailableObjects ? { unavailableObjects: [...faults.unavailableObjects] } : {}) };
}

/** Key Vault's answer when a vault's request limit is reached (observed body; no Retry-After header is documented). */
export function throttled(): KeyVaultError {
  return new KeyVaultError(429, "Throttled", "Request was not processed because too many requests were received. Reason: VaultRequestTypeLimitReached");
}

/** A transient server failure (wording not taken from Azure). */
export function serviceUnavailable(): KeyVaultError {
  return new KeyVaultError(503, "ServiceUnavailable", "The service is temporarily unavailable. Retry the request.");
}

/**
 * Decides, per authenticated request, whether to delay, throttle or fail it. Draws from `random` only for
 * the rates that are set, in a fixed order (throttle, then error), so a seeded random gives repeatable runs.
 */
export class FaultInjector {
  constructor(
    private readonly options: () => FaultOptions,
    private readonly random: () => number,
  ) {}

  /** Sleep for the latency, then return the fault to answer with, if any. */
  async before(objectName?: string): Promise<KeyVaultError | undefined> {
    const { latencyMs, throttleRate, errorRate, unavailableObjects } = this.options();
    if (latencyMs) await new Promise((resolve) => setTimeout(resolve, latencyMs));
    if (objectName !== undefined && unavailableObjects?.includes(objectName)) return serviceUnavailable();
    if (throttleRate && this.random() < throttleRate) return throttled();
    if (errorRate && this.random() < errorRate) return serviceUnavailable();
    return undefined;
  }

  /** Whether list pages never end (each empty, with a nextLink to another). */
  endless(): boolean {
    return this.options().endlessPages === true;
  }

  /** Whether the answer to a request that was carried out is lost (the connection is reset instead). */
  loseAnswer(): boolean {
    const { lostAnswerRate } = this.options();
    return Boolean(lostAnswerRate) && this.random() < (lostAnswerRate ?? 0);
  }

  private readonly lostOnce = new Set<string>();

  /** Whether this successful restore's answer is lost: once per name listed in lostRestoreAnswers. */
  loseRestoreAnswerOf(name: string): boolean {
    if (!this.options().lostRestoreAnswers?.includes(name) || this.lostOnce.has(name)) return false;
    this.lostOnce.add(name);
    return true;
  }

  /** Whether a restore of this name is answered but not kept. */
  discardsRestoreOf(name: string): boolean {
    return this.options().discardedRestores?.includes(name) === true;
  }

  /** Whether list pages come back malformed. */
  malformed(): boolean {
    return this.options().malformedPages === true;
  }

  /** Whether this list page is answered empty (with a nextLink to the real one). */
  emptyPage(): boolean {
    const { emptyPageRate } = this.options();
    return Boolean(emptyPageRate) && this.random() < (emptyPageRate ?? 0);
  }
}
