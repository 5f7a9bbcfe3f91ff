import { LocalEnvironment } from "./local/environment";
import { measureRun } from "./bench/measure";
import { mixOf } from "./bench/scale";
import { summaryOf } from "./local/commands/runSummary";
(async () => {
  const env = await LocalEnvironment.start({});
  try {
    const n = Number(process.argv[2] ?? 10000);
    const source = await env.addVault({ name: "src", ...mixOf(n) });
    source.faults = { latencyMs: 20 };
    source.serviceLimits = { timeScale: 1, restoreCounts: "transactions" };
    const b = await measureRun(env, "backup", source, 1);
    console.log("backup", b.status, b.wallMs);
    const phases: Record<string, number> = {};
    for (const [name, h] of Object.entries(b.run.actions)) {
      if (!/^(List_all_|Back_up_\w+_parts$|Compose_backup_manifest|Write_)/.test(name)) continue;
      phases[name] = h.executions.reduce((t, e) => t + (Date.parse(e.endTime) - Date.parse(e.startTime)), 0);
    }
    console.log(phases);
    const per: Record<string, number> = {};
    for (const [name, h] of Object.entries(b.run.actions)) per[name] = h.executions.reduce((t, e) => t + (Date.parse(e.endTime) - Date.parse(e.startTime)), 0);
    console.log(Object.entries(per).sort((a, c) => c[1] - a[1]).slice(0, 25));
    const target = await env.addVault({ name: "dst", secrets: 0, keys: 0, certificates: 0 });
    target.faults = { latencyMs: 20 };
    target.serviceLimits = { timeScale: 0.01, restoreCounts: "create" };
    const r = await measureRun(env, "restore", target, 0.01);
    console.log("restore", r.status, r.wallMs, JSON.stringify(r.run.error));
    const s = summaryOf(r.run) as any;
    console.log(JSON.stringify(s?.notRestored?.slice(0, 3)), JSON.stringify(s?.missingInTarget?.slice(0, 3)), s?.restored);
  } finally { await env.stop(); }
})();
