import * as path from "path";
import { summaryTable, synthesize, writeSynth } from "./synth";
import { runDemo } from "./demo";
import { RUN_USAGE, kvbrRun } from "./commands/run";
import { SERVE_USAGE, kvbrServe } from "./commands/serve";
import { UP_USAGE, kvbrUp } from "./commands/up";

export const SYNTH_USAGE = `kvbr synth [--stack NAME] [--out DIR]
  Run the Pulumi program offline under mocks with Pulumi.<stack>.yaml and write DIR/resources.json and
  DIR/workflows/{backup,restore}.json (default DIR: synth-out/<stack>).`;

export const USAGE = `usage: kvbr <command>
kvbr demo
  Back up a seeded Key Vault emulator with the project's backup workflow on the local engine, restore it
  into an empty one with the restore workflow, and check both hold the same names and versions.
${SYNTH_USAGE}
${RUN_USAGE}
${SERVE_USAGE}
${UP_USAGE}`;

/** Parse `--name value` pairs, refusing anything this command does not know. */
export function parseFlags(argv: string[], known: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i += 2) {
    const flag = argv[i];
    const name = flag.replace(/^--/, "");
    if (!flag.startsWith("--") || !known.includes(name)) throw new Error(`unknown argument '${flag}'\nusage: ${SYNTH_USAGE}`);
    if (argv[i + 1] === undefined || argv[i + 1].startsWith("--")) throw new Error(`${flag} needs a value\nusage: ${SYNTH_USAGE}`);
    out[name] = argv[i + 1];
  }
  return out;
}

/** Where a command writes, and the project whose stack files it reads (a test may point at a copy). */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  projectDir: string;
}

const CONSOLE: CliIo = { out: (l) => console.log(l), err: (l) => console.error(l), projectDir: path.resolve(__dirname, "..") };

export async function main(argv: string[], io: CliIo = CONSOLE): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case "synth": {
      const flags = parseFlags(rest, ["stack", "out"]);
      const stack = flags.stack ?? "dev";
      const result = await synthesize(io.projectDir, stack);
      const files = writeSynth(result, path.resolve(flags.out ?? path.join("synth-out", stack)));
      io.out(summaryTable(result.resources));
      io.out(`\nwrote:\n${files.map((f) => `  ${path.relative(process.cwd(), f)}`).join("\n")}`);
      return 0;
    }
    case "demo":
      if (rest.length > 0) throw new Error(`kvbr demo takes no arguments\n${USAGE}`);
      return (await runDemo()) ? 0 : 1;
    case "run":
      return kvbrRun(rest);
    case "serve":
      return kvbrServe(rest);
    case "up":
      return kvbrUp(rest, { print: io.out, projectDir: io.projectDir });
    case undefined:
    case "help":
    case "--help":
      io.out(USAGE);
      return command === undefined ? 1 : 0;
    default:
      io.err(`unknown command '${command}'\n${USAGE}`);
      return 1;
  }
}

/** What bin/kvbr runs: a command's exit code, or 1 with the error's message (never a stack trace). */
export async function runCli(argv: string[], io: CliIo = CONSOLE): Promise<number> {
  try {
    return await main(argv, io);
  } catch (err) {
    io.err(err instanceof Error ? err.message : String(err));
    return 1;
  }
}
