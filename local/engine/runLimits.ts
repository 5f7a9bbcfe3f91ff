import { LIMITS } from "../../workflows/limits";

/** Azure's run-time limits that the engine enforces, as one run sees them. */
export interface RunLimits {
  actionContentBytes: number;
  variableCharacters: number;
  arrayVariableItems: number;
  foreachItems: number;
  expressionResultCharacters: number;
  /** Cycles an Until may run, whatever its own count says. */
  untilCount: number;
  /** How long inline code may run. */
  inlineCodeTimeoutMs: number;
}

export const AZURE_RUN_LIMITS: RunLimits = {
  actionContentBytes: LIMITS.actionContentBytes,
  variableCharacters: LIMITS.variableCharacters,
  arrayVariableItems: LIMITS.arrayVariableItems,
  foreachItems: LIMITS.foreachItems,
  expressionResultCharacters: LIMITS.expressionResultCharacters,
  untilCount: LIMITS.untilCount,
  inlineCodeTimeoutMs: LIMITS.inlineCodeTimeoutMs,
};

/**
 * Azure's limits, some lowered so a test reaches them with a few thousand objects instead of a hundred
 * thousand. Never raised: a run kinder than Azure would hide a failure.
 */
export function runLimits(lowered: Partial<RunLimits> = {}): RunLimits {
  for (const [key, value] of Object.entries(lowered) as Array<[keyof RunLimits, number]>) {
    if (!(key in AZURE_RUN_LIMITS)) throw new Error(`limits.${key}: not a run-time limit; known: ${Object.keys(AZURE_RUN_LIMITS).join(", ")}`);
    if (!Number.isInteger(value) || value < 1 || value > AZURE_RUN_LIMITS[key]) throw new Error(`limits.${key}: must be a whole number from 1 to Azure's ${AZURE_RUN_LIMITS[key]}, got ${value}`);
  }
  return { ...AZURE_RUN_LIMITS, ...lowered };
}
