import { expect } from "chai";
import { isContentEnvelope, requestContent, responseContent } from "../../../local/blob/contentEnvelope";

describe("blob content envelope", () => {
  it("stores a JSON array or object as its JSON text, typed application/json unless a header says otherwise", () => {
    const doc = [{ name: "s1", value: "b64" }];
    const stored = requestContent(doc, undefined);
    expect(stored.bytes.toString("utf8")).to.equal(JSON.stringify(doc));
    expect(stored.contentType).to.equal("application/json");
    expect(requestContent(doc, "application/x-backup").contentType).to.equal("application/x-backup");
  });

  it("stores a string as-is", () => {
    const stored = requestContent('{"not":"re-serialised"}', undefined);
    expect(stored.bytes.toString("utf8")).to.equal('{"not":"re-serialised"}');
    expect(stored.contentType).to.match(/^text\/plain/);
  });

  it("decodes a $content envelope from base64 and keeps its type", () => {
    const bytes = Buffer.from([0, 255, 1, 254]);
    const stored = requestContent({ "$content-type": "application/octet-stream", $content: bytes.toString("base64") }, undefined);
    expect(stored.bytes.equals(bytes)).to.equal(true);
    expect(stored.contentType).to.equal("application/octet-stream");
  });

  it("answers application/json content with the envelope, as the 2019 deployment observed", () => {
    const body = responseContent(Buffer.from('[{"a":1}]'), "application/json");
    expect(isContentEnvelope(body)).to.equal(true);
    expect(body).to.deep.equal({ "$content-type": "application/json", $content: Buffer.from('[{"a":1}]').toString("base64") });
  });

  it("answers text/* content with a plain string", () => {
    expect(responseContent(Buffer.from("héllo"), "text/plain; charset=utf-8")).to.equal("héllo");
  });
});
