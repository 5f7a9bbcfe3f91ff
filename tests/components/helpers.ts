import { expect } from "chai";
import { mocks } from "../mocks";
import { RecordedResource } from "../../local/recordingMocks";

/** The message of the error `fn` throws; the test fails when it throws nothing. */
export function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
  return expect.fail("expected the call to throw");
}

/** The one recorded resource with this logical name (names are unique per test). */
export function recorded(name: string): RecordedResource {
  const found = mocks.resources.filter((r) => r.name === name);
  expect(found, `resources named '${name}'`).to.have.length(1);
  return found[0];
}

/** The resources registered with `parent` as their parent, as [type, name] pairs, sorted by name. */
export function childrenOf(parent: string): Array<[string, string]> {
  return mocks.resources
    .filter((r) => r.parent === parent)
    .map((r): [string, string] => [r.type, r.name])
    .sort((a, b) => a[1].localeCompare(b[1]));
}

/** Wait until a resource with this logical name is recorded (for children no output of the component waits on). */
export async function untilRecorded(name: string, timeoutMs = 5000): Promise<RecordedResource> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = mocks.resources.find((r) => r.name === name);
    if (found) return found;
    if (Date.now() > deadline) return expect.fail(`no resource named '${name}' was registered within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
