import { expect } from "chai";
import { errorOf, ev } from "../fakeScope";

const uri = "'https://www.contoso.com/catalog/shownew.htm?date=today'";

// Expected values are the results documented in Microsoft's function reference unless a comment says otherwise.
describe("expression functions: URI parsing", () => {
  it("uriHost", () => {
    expect(ev("uriHost('https://www.localhost.com:8080')")).to.equal("www.localhost.com");
  });

  it("uriPath and uriPathAndQuery", () => {
    expect(ev(`uriPath(${uri})`)).to.equal("/catalog/shownew.htm");
    expect(ev(`uriPathAndQuery(${uri})`)).to.equal("/catalog/shownew.htm?date=today");
    expect(ev("uriPath('https://www.contoso.com')")).to.equal("/"); // "If path doesn't have a value, return the "/" character."
  });

  it("uriPort, the scheme's default when the URI names none", () => {
    expect(ev("uriPort('https://www.localhost:8080')")).to.equal(8080);
    expect(ev("uriPort('https://www.contoso.com')")).to.equal(443);
  });

  it("uriQuery", () => {
    expect(ev(`uriQuery(${uri})`)).to.equal("?date=today");
  });

  it("uriScheme", () => {
    // The guide prints "http" for this https URI, a typo.
    expect(ev(`uriScheme(${uri})`)).to.equal("https");
  });

  it("refuses a relative URI by name", () => {
    expect(errorOf("uriHost('/catalog')")).to.contain("'uriHost' was invoked with a parameter that is not valid: '/catalog' is not an absolute URI");
  });
});
