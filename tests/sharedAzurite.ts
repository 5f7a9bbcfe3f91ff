import { AzuriteHandle, startAzurite } from "../local/blob/azurite";

let shared: Promise<AzuriteHandle> | undefined;

/** One Azurite for the whole mocha process: starting one takes most of a second, and specs run one at a time. */
export function sharedAzurite(): Promise<AzuriteHandle> {
  shared ??= startAzurite();
  return shared;
}

/** A root hook (see .mocharc.json): the shared Azurite stops once every spec has run. */
export const mochaHooks = {
  async afterAll(): Promise<void> {
    if (shared) await (await shared).stop();
  },
};
