/**
 * Names of actions and triggers: at most 80 characters (logic-apps-limits-and-config.md, "Single trigger
 * or action - Maximum name length"), without the characters the designer refuses, and without ':', which
 * "is explicitly forbidden in Logic Apps" (a maintainer in Azure/LogicAppsUX#3539).
 */
export const MAX_NAME_LENGTH = 80;
const FORBIDDEN = /[<>%&\\?/#:]/;

/** Why `name` cannot name an action or trigger, or undefined if it can. */
export function nameProblem(name: string): string | undefined {
  const ok = name.length > 0 && name.length <= MAX_NAME_LENGTH && !FORBIDDEN.test(name);
  return ok ? undefined : `use 1-${MAX_NAME_LENGTH} characters without < > % & \\ ? / # :`;
}
