import * as path from "path";
import { PROJECT, StackConfig, parseStackConfig } from "../config";
import { DeploymentPlan, deploymentPlan } from "../plan/deploymentPlan";
import { readStackFile } from "./synth";

const ROOT = path.join(__dirname, "..");

/** The stack the offline tools run when none is named: the one `npm start` demonstrates. */
export const LOCAL_STACK = "dev";

const read = new Map<string, StackConfig>();

/** A stack's config as the program reads it from `Pulumi.<stack>.yaml`, checked the same way (read once per process). */
export function stackConfig(stack: string = LOCAL_STACK, projectDir: string = ROOT): StackConfig {
  const file = path.join(projectDir, `Pulumi.${stack}.yaml`);
  const known = read.get(file);
  if (known) return structuredClone(known);
  const raw = readStackFile(projectDir, stack);
  const prefix = `${PROJECT}:`;
  const present = Object.keys(raw)
    .filter((key) => key.startsWith(prefix))
    .map((key) => key.slice(prefix.length));
  const config = parseStackConfig((key) => raw[`${prefix}${key}`], present);
  read.set(file, config);
  return structuredClone(config);
}

/**
 * What a stack deploys, for the offline tools: the plan the program makes from the stack file, with
 * `changes` applied as if they were set there (a test of another conflict policy, say).
 */
export function stackPlan(stack: string = LOCAL_STACK, changes: Partial<StackConfig> = {}): DeploymentPlan {
  return deploymentPlan({ ...stackConfig(stack), ...changes });
}
