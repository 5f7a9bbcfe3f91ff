import { expect } from "chai";
import { Expr, call, parameters } from "../../workflows/expr";
import { parseTemplate } from "../../workflows/expression/parser";
import { Interpolation, literal, renderString, renderValue, str } from "../../workflows/value";

const container = parameters({ name: "containerName" });
const refused = (text: string) =>
  `Literal string ${JSON.stringify(text)} contains "@{", which Logic Apps would evaluate; build it with str\`\` instead`;

describe("value: renderValue", () => {
  describe("whole-value expressions", () => {
    it("renders an Expr as @expr", () => {
      expect(renderValue(container)).to.equal("@parameters('containerName')");
    });

    it("the runtime reads it as an expression, not a literal", () => {
      expect(parseTemplate(renderValue(container) as string).kind).to.equal("expression");
    });
  });

  describe("str interpolation", () => {
    it("renders @{...} segments between literal text", () => {
      expect(renderValue(str`/${container}/backups`)).to.equal("/@{parameters('containerName')}/backups");
    });

    it("renders an interpolation of only an expression as @{...}, which yields a string", () => {
      expect(renderValue(str`${call("utcNow")}`)).to.equal("@{utcNow()}");
    });

    it("treats string values as literal text and merges them with their neighbours", () => {
      const s = str`a${"b"}c${container}`;
      expect(s.parts).to.have.length(2);
      expect(renderValue(s)).to.equal("abc@{parameters('containerName')}");
    });

    it("the runtime reads the result as an interpolation with the same text and expressions", () => {
      const template = parseTemplate(renderValue(str`x ${container} y`) as string);
      expect(template.kind).to.equal("interpolation");
      const parts = template.kind === "interpolation" ? template.parts : [];
      expect(parts[0]).to.equal("x ");
      expect(parts[2]).to.equal(" y");
    });

    it("refuses a later literal part containing @{ with the literal message", () => {
      expect(() => renderValue(str`${container} @{x}`)).to.throw(refused(" @{x}"));
    });

    it("refuses literal text ending with @, which would fuse with the next @{", () => {
      expect(() => renderValue(str`mail@${container}`)).to.throw(
        `Interpolated text "mail@" ends with "@", which would fuse with the next expression`,
      );
    });

    it("keeps a non-leading @ in later literal parts as plain text", () => {
      expect(renderValue(str`${container}@x`)).to.equal("@{parameters('containerName')}@x");
    });

    // Regression: "@@abc@{utcNow()}" is a literal as a whole, so the expression would silently become text.
    it("an interpolation starting with a literal '@' still evaluates its expressions", () => {
      const rendered = renderValue(str`@abc${call("utcNow")}`) as string;
      expect(rendered).to.equal("@{'@'}abc@{utcNow()}");
      expect(parseTemplate(rendered).kind).to.equal("interpolation");
    });
  });

  describe("literal strings", () => {
    it("escapes a leading @ as @@", () => {
      expect(renderValue("@home")).to.equal("@@home");
      expect(renderValue("@")).to.equal("@@");
      expect(literal("@@x")).to.equal("@@@x");
    });

    it("the escaped form reads back as the original literal", () => {
      expect(parseTemplate(renderValue("@home") as string)).to.deep.equal({ kind: "literal", value: "@home" });
    });

    it("leaves a literal with an inner or trailing @ unchanged", () => {
      expect(renderValue("user@example.com")).to.equal("user@example.com");
      expect(renderValue("a@")).to.equal("a@");
    });

    it("refuses a literal containing @{ with its exact message", () => {
      expect(() => renderValue("cost: @{price}")).to.throw(refused("cost: @{price}"));
      expect(() => literal("@{x}")).to.throw(refused("@{x}"));
    });
  });

  describe("JSON structure", () => {
    it("renders nested objects and arrays, keeping null, numbers and booleans", () => {
      const value = { a: [1, container, { c: "@s", d: [true, null] }], e: false, f: 0, g: "" };
      expect(renderValue(value)).to.deep.equal({
        a: [1, "@parameters('containerName')", { c: "@@s", d: [true, null] }],
        e: false,
        f: 0,
        g: "",
      });
    });

    it("omits keys whose value is undefined, at any depth", () => {
      const rendered = renderValue({ keep: 1, drop: undefined, inner: { drop: undefined, keep: "x" } });
      expect(rendered).to.deep.equal({ keep: 1, inner: { keep: "x" } });
      expect(Object.keys(rendered as object)).to.deep.equal(["keep", "inner"]);
    });

    it("refuses a bad literal nested deep inside an object", () => {
      expect(() => renderValue({ a: [{ b: "x@{y}" }] })).to.throw(refused("x@{y}"));
    });

    it("renderString renders an Expr, an Interpolation or a literal", () => {
      expect(renderString(Expr.of("x()"))).to.equal("@x()");
      expect(renderString(new Interpolation(["a", Expr.of("x()")]))).to.equal("a@{x()}");
      expect(renderString("@lit")).to.equal("@@lit");
    });
  });
});
