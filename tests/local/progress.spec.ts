import { expect } from "chai";
import { Progress, progressLine } from "../../local/progress";

describe("progress display", () => {
  it("says objects done of total, the rate and the time left", () => {
    expect(progressLine("backup m10000", 4210, 10_000, 10_000)).to.equal("backup m10000: 4,210 of 10,000 objects, 421/s, about 14 s left");
    expect(progressLine("restore", 10, 10, 2_000)).to.equal("restore: 10 of 10 objects, 5/s");
    expect(progressLine("backup", 0, 10, 0)).to.equal("backup: 0 of 10 objects, 0/s");
  });

  it("counts each object call as it ends (not skipped ones, not other actions), redrawing one line on a terminal only", () => {
    const written: string[] = [];
    let now = 0;
    const tty = new Progress({ isTTY: true, write: (t) => written.push(t) }, 100, () => now);
    const onAction = tty.watch("backup", 4, new Set(["Back_up_secret"]));
    for (const [name, status, at] of [["Back_up_secret", "Succeeded", 150], ["List_secrets_page", "Succeeded", 160], ["Back_up_secret", "Skipped", 170], ["Back_up_secret", "Failed", 300]] as const) {
      now = at;
      onAction({ name, status, path: [0] });
    }
    tty.done();
    expect(written).to.deep.equal([
      "\r\x1b[2Kbackup: 1 of 4 objects, 7/s, about 1 s left",
      "\r\x1b[2Kbackup: 2 of 4 objects, 7/s, about 1 s left",
      "\r\x1b[2Kbackup: 2 of 4 objects, 7/s, about 1 s left",
      "\n",
    ]);
    const piped: string[] = [];
    const off = new Progress({ isTTY: false, write: (t) => piped.push(t) });
    off.watch("backup", 1, new Set(["Back_up_secret"]))({ name: "Back_up_secret", status: "Succeeded", path: [] });
    off.done();
    expect(piped).to.deep.equal([]);
  });
});
