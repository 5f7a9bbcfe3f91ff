import * as path from "path";
import { summaryTable, synthesize, writeSynth } from "./synth";

const USAGE = `usage: kvbr synth [--stack NAME] [--out DIR]
  synth   run the Pulumi program offline under mocks with Pulumi.<stack>.yaml and write
          DIR/resources.json and DIR/workflows/{backup,restore}.json (default DIR: synth-out/<stack>)`;

/** Parse `--name value` pairs, refusing anything this command does not know. */
export function parseFlags(argv: string[], known: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i += 2) {
    const flag = argv[i];
    const name = flag.replace(/^--/, "");
    if (!flag.startsWith("--") || !known.includes(name)) throw new Error(`unknown argument '${flag}'\n${USAGE}`);
    if (argv[i + 1] === undefined || argv[i + 1].startsWith("--")) throw new Error(`${flag} needs a value\n${USAGE}`);
    out[name] = argv[i + 1];
  }
  return out;
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case "synth": {
      const flags = parseFlags(rest, ["stack", "out"]);
      const stack = flags.stack ?? "dev";
      const projectDir = path.resolve(__dirname, "..");
      const result = await synthesize(projectDir, stack);
      const files = writeSynth(result, path.resolve(flags.out ?? path.join("synth-out", stack)));
      console.log(summaryTable(result.resources));
      console.log(`\nwrote:\n${files.map((f) => `  ${path.relative(process.cwd(), f)}`).join("\n")}`);
      return 0;
    }
    case undefined:
    case "help":
    case "--help":
      console.log(USAGE);
      return command === undefined ? 1 : 0;
    default:
      console.error(`unknown command '${command}'\n${USAGE}`);
      return 1;
  }
}
