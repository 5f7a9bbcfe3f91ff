import { expect } from "chai";
import { buildBackupWorkflow } from "../../workflows/backup";
import { buildRestoreWorkflow } from "../../workflows/restore";
import { DefinitionJson } from "../../workflows/definitionJson";
import { validateDefinition } from "../../workflows/validate";
import { runWorkflow } from "../../local/engine/run";

/** A small seeded generator, so a failure names a case that can be run again. */
function generator(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

const GARBAGE: unknown[] = [null, 0, -1, 1.5, "", "@", "@{", "@nope(", "text", true, [], [null], {}, { type: 5 }, { type: "" }, { actions: "x" }];

/** Keys every object has by its prototype: an engine keeping maps in plain objects trips on them. */
const PROTOTYPE_KEYS = ["constructor", "toString", "__proto__", "hasOwnProperty", "valueOf"];

/** Every place in a JSON tree, as the path of keys to it. */
function places(value: unknown, at: Array<string | number> = [], out: Array<Array<string | number>> = []): Array<Array<string | number>> {
  out.push(at);
  if (Array.isArray(value)) value.forEach((v, i) => places(v, [...at, i], out));
  else if (value !== null && typeof value === "object") for (const [k, v] of Object.entries(value)) places(v, [...at, k], out);
  return out;
}

/** The tree with the object key at `at` renamed, through JSON text, so a `__proto__` key stays an own key. */
function renamed(root: unknown, at: Array<string | number>, name: string): unknown {
  const same = (path: Array<string | number>) => path.length === at.length && path.every((k, i) => k === at[i]);
  const text = (value: unknown, path: Array<string | number>): string => {
    if (Array.isArray(value)) return `[${value.map((v, i) => text(v, [...path, i])).join(",")}]`;
    if (value !== null && typeof value === "object") {
      return `{${Object.entries(value).map(([k, v]) => `${JSON.stringify(same([...path, k]) ? name : k)}:${text(v, [...path, k])}`).join(",")}}`;
    }
    return JSON.stringify(value);
  };
  return JSON.parse(text(root, []));
}

function replaced(root: unknown, at: Array<string | number>, value: unknown): unknown {
  if (at.length === 0) return value;
  const copy = JSON.parse(JSON.stringify(root));
  let node = copy;
  for (const key of at.slice(0, -1)) node = node[key];
  node[at[at.length - 1]] = value;
  return copy;
}

describe("validate: any JSON, however broken", () => {
  for (const [label, definition] of [["backup", buildBackupWorkflow()], ["restore", buildRestoreWorkflow()]] as const) {
    it(`reports, never throws, for 400 random breakages of the ${label} definition`, () => {
      const random = generator(label.length * 7919);
      const all = places(definition);
      for (let i = 0; i < 400; i++) {
        const at = all[Math.floor(random() * all.length)];
        const broken = replaced(definition, at, GARBAGE[Math.floor(random() * GARBAGE.length)]);
        expect(() => validateDefinition(broken as DefinitionJson), `${label} case ${i}: ${at.join(".")}`).to.not.throw();
      }
    });
  }

  for (const [label, definition] of [["backup", buildBackupWorkflow()], ["restore", buildRestoreWorkflow()]] as const) {
    it(`reports, never throws, when 200 random keys of the ${label} definition are renamed to what every object has`, () => {
      const random = generator(label.length * 104729);
      const keys = places(definition).filter((p) => typeof p[p.length - 1] === "string");
      for (let i = 0; i < 200; i++) {
        const at = keys[Math.floor(random() * keys.length)];
        const broken = renamed(definition, at, PROTOTYPE_KEYS[Math.floor(random() * PROTOTYPE_KEYS.length)]);
        expect(() => validateDefinition(broken as DefinitionJson), `${label} case ${i}: ${at.join(".")}`).to.not.throw();
      }
    });
  }

  it("the engine refuses or runs a broken definition, and never throws", async () => {
    const random = generator(42);
    const small: DefinitionJson = {
      triggers: { manual: { type: "Request", kind: "Http", inputs: {} } },
      actions: {
        Init: { type: "InitializeVariable", inputs: { variables: [{ name: "n", type: "integer", value: 0 }] } },
        Loop: { type: "Until", expression: "@equals(variables('n'), 3)", limit: { count: 5 }, actions: { Inc: { type: "IncrementVariable", inputs: { name: "n", value: 1 } } }, runAfter: { Init: ["Succeeded"] } },
        Pick: { type: "If", expression: "@greater(variables('n'), 1)", actions: { Yes: { type: "Compose", inputs: "@variables('n')" } }, else: { actions: {} }, runAfter: { Loop: ["Succeeded"] } },
      },
    };
    const all = places(small);
    for (let i = 0; i < 200; i++) {
      const at = all[Math.floor(random() * all.length)];
      const key = PROTOTYPE_KEYS[Math.floor(random() * PROTOTYPE_KEYS.length)];
      const broken = (i % 2 === 0 ? replaced(small, at, GARBAGE[Math.floor(random() * GARBAGE.length)]) : renamed(small, at, key)) as DefinitionJson;
      const record = await runWorkflow(broken, { timeScale: 0 });
      expect(record.status, `case ${i}: ${at.join(".")}`).to.be.oneOf(["Succeeded", "Failed"]);
    }
  });
});
