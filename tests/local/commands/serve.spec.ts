import { expect } from "chai";
import { spawn } from "child_process";
import * as path from "path";
import * as readline from "readline";

const KVBR = path.join(__dirname, "..", "..", "..", "bin", "kvbr");

describe("kvbr serve", function () {
  this.timeout(60_000);

  it("prints the vault URLs and the blob connection string, serves until interrupted, then exits 0", async () => {
    const child = spawn(process.execPath, [KVBR, "serve", "--vault", "dev=3,1"], { stdio: ["ignore", "pipe", "pipe"] });
    const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
    const line = await new Promise<string>((resolve, reject) => {
      readline.createInterface({ input: child.stdout! }).once("line", resolve);
      child.once("exit", () => reject(new Error("kvbr serve exited before printing")));
    });
    const info = JSON.parse(line) as { vaults: Record<string, string>; blobConnectionString: string };
    expect(Object.keys(info.vaults)).to.deep.equal(["dev"]);
    expect(info.blobConnectionString).to.match(/^DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;.*BlobEndpoint=http:\/\/127\.0\.0\.1:\d+\/devstoreaccount1;?$/);
    // The vault answers as Azure does: a request without a token gets the 401 challenge.
    const res = await fetch(`${info.vaults.dev}secrets?api-version=2025-07-01`);
    expect(res.status).to.equal(401);
    expect(res.headers.get("www-authenticate")).to.contain('resource="https://vault.azure.net"');
    // Any token passes: serve's vaults check no permissions, for work with the SDKs' test credentials.
    const listed = await fetch(`${info.vaults.dev}secrets?api-version=2025-07-01`, { headers: { Authorization: "Bearer fake" } });
    expect(listed.status).to.equal(200);
    child.kill("SIGINT");
    expect(await exited).to.equal(0);
  });
});
