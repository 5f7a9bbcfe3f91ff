import { RunRecord } from "../engine/runRecord";
import { SUMMARY_ACTION } from "../../workflows/summary";

/** One object's record in a Summary: a backup failure, a restore outcome, a listing problem. */
interface ObjectRecord {
  stage?: string;
  kind?: string;
  name?: string | null;
  outcome?: string;
  status?: number | null;
  error?: string | null;
}

type Summary = Record<string, unknown>;

/** The outputs of the workflow's Summary action, when it ran (a run stopped earlier has none). */
export function summaryOf(run: RunRecord): Summary | undefined {
  const executions = run.actions[SUMMARY_ACTION]?.executions ?? [];
  const outputs = executions[executions.length - 1]?.outputs;
  return typeof outputs === "object" && outputs !== null && !Array.isArray(outputs) ? (outputs as Summary) : undefined;
}

const records = (value: unknown): ObjectRecord[] => (Array.isArray(value) ? value.filter((v): v is ObjectRecord => typeof v === "object" && v !== null) : []);
const names = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);

function describe(r: ObjectRecord): string {
  // A record without a name stands for many objects (a listing, a part); its error says which.
  const what = r.name ? `${r.kind ?? "object"} '${r.name}'` : `${r.kind ?? "object"}`;
  const status = typeof r.status === "number" ? ` (HTTP ${r.status})` : "";
  return `${what}${r.outcome ? `: ${r.outcome}` : ""}${status}${r.error ? `: ${r.error}` : ""}`;
}

/**
 * The lines a person needs from a Summary: the counts, then every object that was not backed up or not
 * restored and why, every name of the backup missing from the target, every listing that did not finish.
 */
export function describeSummary(summary: Summary): string[] {
  const counts = Object.entries(summary).filter(([, v]) => typeof v !== "object" || v === null || !Array.isArray(v));
  const lines = [`  summary: ${counts.map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(" ")}`];
  for (const r of records(summary.failures)) lines.push(`  not backed up: ${describe(r)}`);
  for (const r of records(summary.notRestored)) lines.push(`  not restored: ${describe(r)}`);
  for (const name of names(summary.missingInTarget)) lines.push(`  not in the target after the restore: ${name}`);
  for (const r of records(summary.targetListingProblems)) lines.push(`  target listing ${r.stage ?? ""} did not finish: ${describe(r)}`);
  return lines;
}
