import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const made: string[] = [];

/** Removes every directory made here, whichever way the test process ends (a failed `before` included). */
function removeAll(): void {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}
process.once("exit", removeAll);

/** A fresh directory under the OS temporary directory, removed when the test process exits. */
export function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}
