import { expect } from "chai";
import { errorOf, ev } from "../fakeScope";

const customer = `json('{ "customerName": { "firstName": "Sophia", "middleName": "Anne", "surName": "Owen" } }')`;

// Expected values are the results documented in Microsoft's function reference unless a comment says otherwise.
describe("expression functions: JSON manipulation", () => {
  it("addProperty, also into a child object through setProperty", () => {
    // The guide's example 1 starts from { firstName, surName } (its expression says lastName, its object surName).
    expect(ev(`addProperty(json('{ "firstName": "Sophia", "surName": "Owen" }'), 'middleName', 'Anne')`)).to.deep.equal({
      firstName: "Sophia",
      surName: "Owen",
      middleName: "Anne",
    });
    const nested = `json('{ "customerName": { "firstName": "Sophia", "surName": "Owen" } }')`;
    expect(ev(`setProperty(${nested}, 'customerName', addProperty(${nested}['customerName'], 'middleName', 'Anne'))`)).to.deep.equal({
      customerName: { firstName: "Sophia", surName: "Owen", middleName: "Anne" },
    });
  });

  it("addProperty fails when the property exists", () => {
    expect(errorOf(`addProperty(json('{"a": 1}'), 'a', 2)`)).to.equal(
      "The template language function 'addProperty' cannot add the property 'a': it already exists; use setProperty() to change it.",
    );
  });

  it("removeProperty, also from a child object; a missing property leaves the object as it was", () => {
    expect(ev(`removeProperty(json('{ "firstName": "Sophia", "middleName": "Anne", "surName": "Owen" }'), 'middleName')`)).to.deep.equal({
      firstName: "Sophia",
      surName: "Owen",
    });
    expect(ev(`removeProperty(${customer}['customerName'], 'middleName')`)).to.deep.equal({ firstName: "Sophia", surName: "Owen" });
    expect(ev(`removeProperty(json('{"a": 1}'), 'b')`)).to.deep.equal({ a: 1 });
  });

  it("setProperty, also in a child object", () => {
    expect(ev(`setProperty(json('{ "firstName": "Sophia", "surName": "Owen" }'), 'surName', 'Hartnett')`)).to.deep.equal({
      firstName: "Sophia",
      surName: "Hartnett",
    });
    const nested = `json('{ "customerName": { "firstName": "Sophie", "surName": "Owen" } }')`;
    expect(ev(`setProperty(${nested}, 'customerName', setProperty(${nested}['customerName'], 'surName', 'Hartnett'))`)).to.deep.equal({
      customerName: { firstName: "Sophie", surName: "Hartnett" },
    });
  });

  it("coalesce", () => {
    expect(ev("coalesce(null, true, false)")).to.equal(true);
    expect(ev("coalesce(null, 'hello', 'world')")).to.equal("hello");
    expect(ev("coalesce(null, null, null)")).to.equal(null);
    expect(ev("coalesce(null, '', 'x')")).to.equal(""); // "Empty strings, arrays, and objects aren't null."
  });
});
