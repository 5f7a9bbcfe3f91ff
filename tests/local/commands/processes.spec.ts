import { expect } from "chai";
import { execFileSync, spawn } from "child_process";
import * as path from "path";
import * as readline from "readline";

const KVBR = path.join(__dirname, "..", "..", "..", "bin", "kvbr");

/** The Azurite processes a process started, by its own process id. */
function azuriteChildrenOf(pid: number): number[] {
  let out = "";
  try {
    out = execFileSync("ps", ["-o", "pid=,args=", "--ppid", String(pid)], { encoding: "utf8" });
  } catch {
    return []; // ps exits 1 when nothing matches
  }
  return out
    .split("\n")
    .filter((line) => line.includes("azurite"))
    .map((line) => Number(line.trim().split(/\s+/)[0]));
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function gone(pid: number, withinMs: number): Promise<boolean> {
  for (const deadline = Date.now() + withinMs; Date.now() < deadline; ) {
    if (!alive(pid)) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return !alive(pid);
}

/** Start a long `kvbr run`, wait until it is running the backup, and return it with its Azurite child. */
async function runningKvbr(): Promise<{ pid: number; azurite: number; exited: Promise<unknown> }> {
  const child = spawn(process.execPath, [KVBR, "run", "--workflow", "backup", "--vault", "src=2000", "--kv-latency", "100"], { stdio: ["ignore", "pipe", "pipe"] });
  const exited = new Promise((resolve) => child.once("exit", resolve));
  await new Promise<void>((resolve, reject) => {
    readline.createInterface({ input: child.stdout! }).on("line", (line) => line.startsWith("running ") && resolve());
    child.once("exit", (code) => reject(new Error(`kvbr run exited (${code}) before it started the backup`)));
  });
  const [azurite] = azuriteChildrenOf(child.pid!);
  expect(azurite, "kvbr run started Azurite as its child").to.be.a("number");
  return { pid: child.pid!, azurite, exited };
}

describe("kvbr leaves no process behind", function () {
  this.timeout(60_000);

  it("ends its Azurite when it is terminated or killed, with no chance to clean up", async () => {
    const [terminated, killed] = await Promise.all([runningKvbr(), runningKvbr()]);
    process.kill(terminated.pid, "SIGTERM");
    process.kill(killed.pid, "SIGKILL");
    await Promise.all([terminated.exited, killed.exited]);
    expect(await gone(terminated.azurite, 10_000), "Azurite after SIGTERM").to.equal(true);
    expect(await gone(killed.azurite, 10_000), "Azurite after SIGKILL").to.equal(true);
  });
});
