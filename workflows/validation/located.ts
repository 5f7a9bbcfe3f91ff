import { ActionJson, ActionsJson, branchesOf, isAction, isJsonObject } from "../definitionJson";
import { LIMITS } from "../limits";

/** One thing Azure would refuse when the definition is saved. */
export interface ValidationProblem {
  /** Where: `actions.Scope.actions.Child.inputs.uri`, `triggers.manual`, ... */
  path: string;
  message: string;
  /** Azure's error code, where it is known and is not the generic InvalidTemplate. */
  code?: string;
}

export type Report = (path: string, message: string, code?: string) => void;

/** An action found in the definition, with where it sits. */
export interface Located {
  name: string;
  action: ActionJson;
  path: string;
  /** 1 at the top level. */
  depth: number;
  /** Names of the enclosing Foreach actions, innermost last. */
  foreachs: readonly string[];
  /** Names of the enclosing Until actions, innermost last. */
  untils: readonly string[];
  /** Inside a Foreach or an Until, at any depth. */
  inLoop: boolean;
  /** The top-level action this one is, or sits inside. */
  topLevel: string;
}

const isActionMap = (value: unknown): value is ActionsJson => isJsonObject(value);

/**
 * Every well-formed action of the tree, depth first, reporting what is not even shaped like an action:
 * an `actions` that is not an object, an action without a string `type`, a nesting deeper than Azure's.
 */
export function locateActions(actions: unknown, path: string, report: Report): Located[] {
  const out: Located[] = [];
  const walk = (block: unknown, at: string, depth: number, foreachs: readonly string[], untils: readonly string[], topLevel: string | undefined) => {
    if (!isActionMap(block)) {
      report(at, "must be an object of actions");
      return;
    }
    for (const [name, action] of Object.entries(block)) {
      const here = `${at}.${name}`;
      if (!isAction(action)) {
        report(here, "an action must be an object with a string 'type'");
        continue;
      }
      if (depth > LIMITS.nestingDepth) report(here, `nesting depth ${depth} exceeds Azure's limit of ${LIMITS.nestingDepth}`);
      const inLoop = foreachs.length + untils.length > 0;
      const located: Located = { name, action, path: here, depth, foreachs, untils, inLoop, topLevel: topLevel ?? name };
      out.push(located);
      const type = action.type.toLowerCase();
      const innerForeachs = type === "foreach" ? [...foreachs, name] : foreachs;
      const innerUntils = type === "until" ? [...untils, name] : untils;
      for (const branch of branchesOf(action)) walk(branch.actions, `${here}.${branch.path}`, depth + 1, innerForeachs, innerUntils, located.topLevel);
    }
  };
  walk(actions, path, 1, [], [], undefined);
  return out;
}

/** The blocks of the tree (top level and every branch) with their paths, for rules that look at siblings. */
export function blocksOf(actions: unknown, path: string): Array<{ path: string; actions: ActionsJson }> {
  const out: Array<{ path: string; actions: ActionsJson }> = [];
  const walk = (block: unknown, at: string) => {
    if (!isActionMap(block)) return;
    out.push({ path: at, actions: block });
    for (const [name, action] of Object.entries(block)) {
      if (isAction(action)) for (const branch of branchesOf(action)) walk(branch.actions, `${at}.${name}.${branch.path}`);
    }
  };
  walk(actions, path);
  return out;
}
