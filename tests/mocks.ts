import * as pulumi from "@pulumi/pulumi";
import { PROJECT } from "../config";
import { RecordingMocks } from "../local/recordingMocks";

/**
 * Every spec imports this module first, so the mocks are set once per mocha process and before any
 * program or component module creates a resource (a static import of the program would bypass them).
 */
export const mocks = new RecordingMocks();
mocks.install(PROJECT, "test");

/** Await an Output in a test; assertions then run outside `apply`, so a failure reports itself. */
export function promiseOf<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply((v) => resolve(v)));
}

/** Wait until every resource registered so far has been recorded (registration is asynchronous). */
export async function settled(...outputs: pulumi.Output<unknown>[]): Promise<void> {
  await Promise.all(outputs.map((o) => promiseOf(o)));
  await new Promise((resolve) => setImmediate(resolve));
}
