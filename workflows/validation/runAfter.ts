import { ActionsJson, isAction, isJsonObject } from "../definitionJson";
import { Report } from "./located";

export const RUN_AFTER_STATUSES = ["Succeeded", "Failed", "Skipped", "TimedOut"] as const;
const STATUSES: ReadonlySet<string> = new Set(RUN_AFTER_STATUSES);

/** The runAfter entries of an action that are well formed: a target name and a list of statuses. */
export function runAfterOf(action: unknown): Array<[string, readonly string[]]> {
  if (!isAction(action) || !isJsonObject(action.runAfter)) return [];
  return Object.entries(action.runAfter).filter((e): e is [string, readonly string[]] => Array.isArray(e[1]));
}

/** runAfter names actions of the same block, with known statuses, and the block has no cycle. */
export function checkRunAfter(block: ActionsJson, path: string, report: Report): void {
  const names = new Set(Object.keys(block));
  for (const [name, action] of Object.entries(block)) {
    if (!isAction(action) || action.runAfter === undefined) continue;
    const at = `${path}.${name}.runAfter`;
    if (!isJsonObject(action.runAfter)) {
      report(at, "must be an object of action names and status lists");
      continue;
    }
    for (const [target, statuses] of Object.entries(action.runAfter)) {
      if (!names.has(target)) report(at, `runs after '${target}', which is not an action in the same scope`);
      if (!Array.isArray(statuses)) {
        report(at, `runAfter '${target}' must list statuses`);
        continue;
      }
      for (const s of statuses) if (!STATUSES.has(s)) report(at, `'${s}' is not a runAfter status (${RUN_AFTER_STATUSES.join(", ")})`);
      if (statuses.length === 0) report(at, `runAfter '${target}' lists no status`);
    }
  }
  const cycle = findCycle(block);
  if (cycle) report(path, `runAfter cycle: ${cycle.join(" -> ")}`);
}

function findCycle(block: ActionsJson): string[] | undefined {
  const state = new Map<string, "visiting" | "done">();
  const visit = (name: string, trail: string[]): string[] | undefined => {
    if (state.get(name) === "done" || !(name in block)) return undefined;
    if (state.get(name) === "visiting") return [...trail.slice(trail.indexOf(name)), name];
    state.set(name, "visiting");
    for (const [target] of runAfterOf(block[name])) {
      const found = visit(target, [...trail, name]);
      if (found) return found;
    }
    state.set(name, "done");
    return undefined;
  };
  for (const name of Object.keys(block)) {
    const found = visit(name, []);
    if (found) return found;
  }
  return undefined;
}

/** For each action of a block, every action of the block that must have finished before it starts. */
export function ancestorsIn(block: ActionsJson): Map<string, Set<string>> {
  const memo = new Map<string, Set<string>>();
  const of = (name: string, guard: Set<string>): Set<string> => {
    const known = memo.get(name);
    if (known) return known;
    const out = new Set<string>();
    if (guard.has(name)) return out; // a cycle, reported by checkRunAfter
    guard.add(name);
    for (const [target] of runAfterOf(block[name])) {
      out.add(target);
      for (const a of of(target, guard)) out.add(a);
    }
    memo.set(name, out);
    return out;
  };
  for (const name of Object.keys(block)) of(name, new Set());
  return memo;
}
