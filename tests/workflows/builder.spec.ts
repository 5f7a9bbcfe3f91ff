import { expect } from "chai";
import { ActionHandle, allHandles, renderBlock, secureData } from "../../workflows/builder";
import { compose, scope } from "../../workflows/actions";

const action = (name: string) => new ActionHandle(name, () => ({ type: "Compose", inputs: name }));

describe("builder: runAfter derivation and names", () => {
  describe("chaining in a block", () => {
    it("whateverBefore() runs an action after the previous one however it ended (not when it was skipped), derived from the block", () => {
      const [a, b, c] = [action("A"), action("B").whateverBefore(), action("C")];
      const rendered = renderBlock([a, b, c]);
      expect(rendered.B.runAfter).to.deep.equal({ A: ["Succeeded", "Failed", "TimedOut"] });
      expect(rendered.C.runAfter).to.deep.equal({ B: ["Succeeded"] });
      expect(() => renderBlock([action("X").whateverBefore()])).to.throw("Action 'X': whateverBefore() on the first action of a block");
      const d = action("D");
      expect(() => renderBlock([d, action("E").whateverBefore().after(d, "Failed")])).to.throw("Action 'E': whateverBefore() and after() together");
    });

    it("runs the first action at once ({}) and each next one after the previous Succeeded", () => {
      const [a, b, c] = [action("A"), action("B"), action("C")];
      const rendered = renderBlock([a, b, c]);
      expect(rendered.A.runAfter).to.deep.equal({});
      expect(rendered.B.runAfter).to.deep.equal({ A: ["Succeeded"] });
      expect(rendered.C.runAfter).to.deep.equal({ B: ["Succeeded"] });
    });

    it("keeps block order as the key order of the actions map", () => {
      expect(Object.keys(renderBlock([action("Z"), action("A"), action("M")]))).to.deep.equal(["Z", "A", "M"]);
    });

    it("keeps the rendered body of each action", () => {
      expect(renderBlock([action("A")]).A).to.deep.equal({ type: "Compose", inputs: "A", runAfter: {} });
    });

    it("an explicit .after(x, 'Failed', 'TimedOut') replaces the implicit runAfter", () => {
      const [a, b, c] = [action("A"), action("B"), action("C")];
      c.after(a, "Failed", "TimedOut");
      expect(renderBlock([a, b, c]).C.runAfter).to.deep.equal({ A: ["Failed", "TimedOut"] });
    });

    it("an explicit .after on the first action gives it a runAfter too", () => {
      const [a, b] = [action("A"), action("B")];
      a.after(b, "Succeeded");
      expect(renderBlock([a, b]).A.runAfter).to.deep.equal({ B: ["Succeeded"] });
    });

    it("several .after calls make a join; repeating a target replaces its statuses", () => {
      const [a, b, c] = [action("A"), action("B"), action("C")];
      c.after(a, "Succeeded").after(b, "Failed").after(a, "Skipped");
      expect(renderBlock([a, b, c]).C.runAfter).to.deep.equal({ A: ["Skipped"], B: ["Failed"] });
    });

    it("the next action still chains after one that has an explicit runAfter", () => {
      const [a, b, c] = [action("A"), action("B"), action("C")];
      b.after(a, "Failed");
      expect(renderBlock([a, b, c]).C.runAfter).to.deep.equal({ B: ["Succeeded"] });
    });

    it("nested blocks chain on their own, starting again at {}", () => {
      const outer = compose("Outer", 1);
      const s = scope("S", [compose("X", 1), compose("Y", 2)]);
      const rendered = renderBlock([outer, s]);
      const inner = rendered.S.type === "Scope" ? rendered.S.actions : {};
      expect(rendered.S.runAfter).to.deep.equal({ Outer: ["Succeeded"] });
      expect(inner.X.runAfter).to.deep.equal({});
      expect(inner.Y.runAfter).to.deep.equal({ X: ["Succeeded"] });
    });
  });

  describe("errors while building", () => {
    it(".after to an action that is not in the same block throws its exact message", () => {
      const elsewhere = action("Elsewhere");
      const c = action("C").after(elsewhere, "Succeeded");
      expect(() => renderBlock([action("A"), c])).to.throw("Action 'C' runs after 'Elsewhere', which is not in the same block");
    });

    it(".after to an action of the enclosing block is refused too", () => {
      const outer = action("Outer");
      const inner = action("Inner").after(outer, "Succeeded");
      expect(() => renderBlock([outer, scope("S", [inner])])).to.throw("Action 'Inner' runs after 'Outer', which is not in the same block");
    });

    it(".after without a status throws", () => {
      expect(() => action("C").after(action("A"))).to.throw("Action 'C': after('A') needs at least one status");
    });

    it("a name used twice in one block throws", () => {
      expect(() => renderBlock([action("A"), action("B"), action("A")])).to.throw("Action name 'A' is used twice in one block");
    });

    for (const bad of ["a/b", "a?b", "a#b", "a%b", "a&b", "a<b", "a>b", "a\\b", "a:b", "", "x".repeat(81)]) {
      it(`refuses the action name ${JSON.stringify(bad.length > 20 ? `${bad.slice(0, 5)}... (${bad.length} chars)` : bad)}`, () => {
        expect(() => action(bad)).to.throw(`Action name '${bad}' is not allowed: use 1-80 characters without < > % & \\ ? / # :`);
      });
    }

    it("accepts names with spaces, dots, dashes and exactly 80 characters", () => {
      for (const ok of ["Back up secret", "a.b-c_d", "x".repeat(80)]) expect(action(ok).name).to.equal(ok);
    });
  });

  describe("helpers", () => {
    it("allHandles walks nested blocks depth first, in block order", () => {
      const tree = [compose("A", 1), scope("S", [compose("B", 1), scope("T", [compose("C", 1)])]), compose("D", 1)];
      expect(allHandles(tree).map((h) => h.name)).to.deep.equal(["A", "S", "B", "T", "C", "D"]);
    });

    it("secureData lists the hidden properties", () => {
      expect(secureData("inputs", "outputs")).to.deep.equal({ secureData: { properties: ["inputs", "outputs"] } });
    });
  });
});
