import { expect } from "chai";
import { jsonSize } from "../../../local/engine/contentSize";

describe("local engine: content size", () => {
  it("is the length of the JSON text in UTF-8 bytes, for every kind of value", () => {
    const values: unknown[] = [
      null, true, false, 0, -12.5, 1e21, "", "plain", 'quote " and \\ backslash', "tab\tnew\nline", "é ünï ✓ 😀",
      [], [1, "a", null, [true]], {}, { a: 1, "b c": [{ d: "é" }], e: { f: null } }, [{ x: "a".repeat(1000) }],
    ];
    for (const v of values) expect(jsonSize(v), JSON.stringify(v)).to.equal(Buffer.byteLength(JSON.stringify(v), "utf8"));
  });

  it("leaves out undefined properties as JSON does, and gives the same size when asked again", () => {
    const v = { a: undefined, b: [1, 2], c: "x" };
    expect(jsonSize(v)).to.equal(JSON.stringify(v).length);
    expect(jsonSize(v)).to.equal(JSON.stringify(v).length);
    expect(jsonSize(undefined)).to.equal(0);
  });
});
