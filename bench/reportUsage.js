// Preloaded with `node -r`: records the process's peak resident set size when it exits, for the benchmark.
// Linux keeps ru_maxrss across fork and exec, so resourceUsage().maxRSS would report the benchmark's own
// size when it is the larger; the peak is therefore sampled from the process's current RSS.
const fs = require("fs");
let peak = process.memoryUsage.rss();
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 10);
sampler.unref();
process.on("exit", () => {
  peak = Math.max(peak, process.memoryUsage.rss());
  if (process.env.KVBR_USAGE_FILE) fs.writeFileSync(process.env.KVBR_USAGE_FILE, JSON.stringify({ maxRssKb: Math.round(peak / 1024) }));
});
