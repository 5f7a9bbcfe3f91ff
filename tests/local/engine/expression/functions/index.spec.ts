import { expect } from "chai";
import { IMPLEMENTATIONS, UNSUPPORTED } from "../../../../../local/engine/expression/functions";
import { WORKFLOW_FUNCTIONS as DOCUMENTED } from "../../../../../workflows/expression/functions";
import { errorOf } from "../fakeScope";

describe("expression functions: registry", () => {
  it("implements every documented function except the short unsupported list", () => {
    const missing = [...DOCUMENTED.keys()].filter((name) => !IMPLEMENTATIONS.has(name));
    expect(missing.sort()).to.deep.equal([...UNSUPPORTED].sort());
    expect(UNSUPPORTED.length).to.be.at.most(10);
  });

  it("an unsupported function fails naming it", () => {
    expect(errorOf("xml('<a/>')")).to.equal("The template language function 'xml' is not supported by the local engine.");
    expect(errorOf("listCallbackUrl()")).to.equal("The template language function 'listCallbackUrl' is not supported by the local engine.");
  });
});
