// Preloaded with `node -r`: records the process's peak resident set size when it exits, for the benchmark.
const fs = require("fs");
process.on("exit", () => {
  if (process.env.KVBR_USAGE_FILE) fs.writeFileSync(process.env.KVBR_USAGE_FILE, JSON.stringify({ maxRssKb: process.resourceUsage().maxRSS }));
});
