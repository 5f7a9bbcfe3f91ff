/**
 * Regenerate the golden files: `npx ts-node --transpile-only tests/workflows/snapshots/update.ts`.
 * Read the diff before committing: a snapshot is only as good as its review.
 */
import * as fs from "fs";
import { SNAPSHOT_CASES, snapshotPath } from "./cases";

for (const { file, build } of SNAPSHOT_CASES) {
  fs.writeFileSync(snapshotPath(file), `${JSON.stringify(build(), null, 2)}\n`);
  console.log(`wrote ${file}`);
}
