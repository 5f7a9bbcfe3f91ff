import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { BlobServiceClient } from "@azure/storage-blob";
import { AzuriteHandle, azuriteBlobEntry, startAzurite } from "../../../local/blob/azurite";
import { startListeningChild } from "../../../local/blob/childProcess";

/** True while a process with this id exists (signal 0 only checks). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ESRCH") return false;
    throw error;
  }
}

describe("startAzurite", () => {
  let azurite: AzuriteHandle;

  before(async () => {
    azurite = await startAzurite();
  });

  after(async () => {
    await azurite?.stop();
  });

  it("resolves the azurite-blob entry from the package's bin map", () => {
    const entry = azuriteBlobEntry();
    expect(entry.split(path.sep).join("/")).to.match(/node_modules\/azurite\/dist\/src\/blob\/main\.js$/);
    expect(fs.existsSync(entry)).to.equal(true);
  });

  it("reports the OS-assigned port in a path-style endpoint and connection string", () => {
    const match = /^http:\/\/127\.0\.0\.1:(\d+)\/devstoreaccount1$/.exec(azurite.blobEndpoint);
    expect(match, azurite.blobEndpoint).to.not.equal(null);
    expect(Number(match![1])).to.be.greaterThan(0);
    expect(azurite.accountName).to.equal("devstoreaccount1");
    expect(azurite.connectionString).to.contain(`BlobEndpoint=${azurite.blobEndpoint};`);
    expect(azurite.connectionString).to.contain(`AccountKey=${azurite.accountKey};`);
  });

  it("serves the pinned @azure/storage-blob 12.29.1 without --skipApiVersionCheck", async () => {
    const container = azurite.serviceClient().getContainerClient("apiversion-check");
    await container.create();
    await container.getBlockBlobClient("a/b.txt").upload("hello", 5, { blobHTTPHeaders: { blobContentType: "text/plain" } });
    // A second client built from the connection string reads what the first wrote.
    const other = BlobServiceClient.fromConnectionString(azurite.connectionString);
    const read = await other.getContainerClient("apiversion-check").getBlobClient("a/b.txt").downloadToBuffer();
    expect(read.toString("utf8")).to.equal("hello");
  });

  it("leaves no process behind after stop() and writes no workspace files into the cwd", async () => {
    const exitListeners = process.listenerCount("exit");
    const second = await startAzurite();
    expect(isRunning(second.pid)).to.equal(true);
    expect(process.listenerCount("exit")).to.equal(exitListeners + 1); // the kill-on-parent-exit guard
    await second.stop();
    expect(isRunning(second.pid)).to.equal(false);
    expect(process.listenerCount("exit")).to.equal(exitListeners);
    await second.stop(); // idempotent
    const leftovers = fs.readdirSync(process.cwd()).filter((name) => /azurite|__blobstorage__/i.test(name));
    expect(leftovers).to.deep.equal([]);
  });
});

describe("startListeningChild", () => {
  const script = (code: string) => ({ command: process.execPath, args: ["-e", code], label: "Test child" });

  it("times out with the child's stderr in the error and kills the child", async () => {
    const error = await startListeningChild({
      ...script("console.error('pid=' + process.pid + ' warming up'); setInterval(() => {}, 1000);"),
      readyPattern: /never printed/,
      timeoutMs: 500,
    }).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(error?.message).to.contain("did not report that it was listening within 500 ms");
    expect(error?.message).to.contain("warming up");
    const pid = Number(/pid=(\d+)/.exec(error!.message)![1]);
    expect(isRunning(pid)).to.equal(false);
  });

  it("reports a child that exits before it is ready, with its exit code and stderr", async () => {
    const error = await startListeningChild({
      ...script("console.error('unknown flag --nope'); process.exit(3);"),
      readyPattern: /listening/,
      timeoutMs: 10_000,
    }).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(error?.message).to.contain("exited before it was listening (code 3");
    expect(error?.message).to.contain("unknown flag --nope");
  });

  it("reports a command that cannot be started", async () => {
    const error = await startListeningChild({
      command: "/nonexistent/definitely-not-a-binary",
      args: [],
      label: "Missing binary",
      readyPattern: /listening/,
      timeoutMs: 10_000,
    }).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(error?.message).to.contain("Missing binary could not be started");
    expect(error?.message).to.contain("ENOENT");
  });

  it("resolves on the ready line, even when it arrives in pieces, and stops the child", async () => {
    const child = await startListeningChild({
      ...script("process.stdout.write('serving on po'); setTimeout(() => process.stdout.write('rt 4242\\n'), 50); setInterval(() => {}, 1000);"),
      readyPattern: /serving on port (\d+)/,
      timeoutMs: 10_000,
    });
    expect(child.ready[1]).to.equal("4242");
    await child.stop();
    expect(isRunning(child.pid)).to.equal(false);
  });
});
