import { ChildProcess, spawn } from "child_process";

/** How much of a child's stderr to keep for error messages: enough for a stack trace, bounded for chatty children. */
const STDERR_KEEP_CHARS = 8_000;
/** How long `stop()` waits after SIGTERM before it sends SIGKILL. */
const STOP_GRACE_MS = 5_000;

export interface ListeningChildOptions {
  command: string;
  args: string[];
  /** Matched against each stdout line; the child counts as ready at the first match. */
  readyPattern: RegExp;
  timeoutMs: number;
  /** Human name for error messages, e.g. "Azurite Blob". */
  label: string;
  /** Working directory; defaults to the parent's. */
  cwd?: string;
  /** Extra environment variables for the child, on top of the parent's. */
  env?: Record<string, string>;
  /** Called with every stdout/stderr line after start (the pipes are always drained so the child never blocks). */
  onLine?: (line: string) => void;
}

export interface ListeningChild {
  readonly pid: number;
  /** The match of `readyPattern` on the ready line. */
  readonly ready: RegExpMatchArray;
  /** SIGTERM, wait for exit, SIGKILL after a grace period. Safe to call more than once. */
  stop(): Promise<void>;
}

/** How long a child whose parent is gone waits for its own graceful shutdown before it exits anyway. */
const ORPHAN_GRACE_MS = 2_000;

/**
 * Run a Node script that ends itself once its parent is gone. The parent holds the write end of the
 * child's stdin; when the parent dies, however it dies (SIGKILL and crashes included, when no exit
 * handler runs), the pipe closes and the child sees end-of-file. The script keeps its usual argv.
 */
export function nodeScriptExitingWithParent(script: string, args: readonly string[]): { command: string; args: string[] } {
  const watchdog = [
    "const end = () => { process.kill(process.pid, 'SIGTERM'); setTimeout(() => process.exit(0), " + ORPHAN_GRACE_MS + ").unref(); };",
    // unref: the watch never keeps the child alive once the script itself is done (a graceful stop).
    "process.stdin.on('end', end); process.stdin.on('error', end); process.stdin.resume(); process.stdin.unref();",
    "require(process.argv[1]);",
  ].join(" ");
  return { command: process.execPath, args: ["-e", watchdog, script, ...args] };
}

/**
 * Spawns a long-running child and resolves once it prints a line matching `readyPattern`.
 * The child is killed when the parent process exits, when it fails to become ready in time,
 * and when `stop()` is called. A parent killed by a signal runs no exit handler: only a child that
 * watches its stdin (nodeScriptExitingWithParent) outlives nothing then.
 */
export function startListeningChild(options: ListeningChildOptions): Promise<ListeningChild> {
  // stdin is a pipe the parent never writes to: a child started by nodeScriptExitingWithParent watches it.
  const child = spawn(options.command, options.args, { cwd: options.cwd, env: options.env ? { ...process.env, ...options.env } : undefined, stdio: ["pipe", "pipe", "pipe"] });
  let stderr = "";
  let exited = false;
  const exitPromise = new Promise<void>((resolve) => {
    child.once("exit", () => {
      exited = true;
      resolve();
    });
    // A child that never started (e.g. ENOENT) may emit 'error' without 'exit': nothing is left to wait for.
    child.once("error", () => {
      if (child.pid === undefined) {
        exited = true;
        resolve();
      }
    });
  });

  // 'exit' handlers must be synchronous: a SIGKILL is the only thing that reliably lands.
  const killOnParentExit = (): void => {
    if (!exited) child.kill("SIGKILL");
  };
  process.on("exit", killOnParentExit);
  // Drop the guard once the child is gone (stopped or died), so repeated starts do not pile up listeners.
  void exitPromise.then(() => process.removeListener("exit", killOnParentExit));

  const stop = async (): Promise<void> => {
    if (exited) return;
    child.kill("SIGTERM");
    const timer = setTimeout(() => {
      if (!exited) child.kill("SIGKILL");
    }, STOP_GRACE_MS);
    await exitPromise;
    clearTimeout(timer);
  };

  return new Promise<ListeningChild>((resolve, reject) => {
    let settled = false;
    const fail = (message: string): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timeout);
      const details = stderr.trim() ? `\n--- ${options.label} stderr ---\n${stderr.trim()}` : " (no stderr output)";
      void stop().then(() => reject(new Error(`${message}${details}`)));
    };
    const timeout = setTimeout(
      () => fail(`${options.label} did not report that it was listening within ${options.timeoutMs} ms`),
      options.timeoutMs,
    );

    forEachLine(child, "stdout", (line) => {
      options.onLine?.(line);
      if (settled) return;
      const match = options.readyPattern.exec(line);
      if (!match || child.pid === undefined) return;
      settled = true;
      clearTimeout(timeout);
      resolve({ pid: child.pid, ready: match, stop });
    });
    forEachLine(child, "stderr", (line) => {
      options.onLine?.(line);
      stderr = (stderr + line + "\n").slice(-STDERR_KEEP_CHARS);
    });
    child.once("error", (error) => fail(`${options.label} could not be started: ${error.message}`));
    // 'close' (not 'exit') so the stderr that explains the failure has been read by then.
    child.once("close", (code, signal) => fail(`${options.label} exited before it was listening (code ${code}, signal ${signal})`));
  });
}

/** Splits a child stream into lines; partial lines are buffered until their newline arrives. */
function forEachLine(child: ChildProcess, stream: "stdout" | "stderr", onLine: (line: string) => void): void {
  let pending = "";
  const source = child[stream];
  if (!source) return;
  source.setEncoding("utf8");
  source.on("data", (chunk: string) => {
    pending += chunk;
    const lines = pending.split(/\r?\n/);
    pending = lines.pop() ?? "";
    lines.forEach(onLine);
  });
  source.on("end", () => {
    if (pending) onLine(pending);
    pending = "";
  });
}
