import { isObject, str } from "./args";
import type { FunctionImpl } from "../functions";

function object(fn: string, value: unknown): Record<string, unknown> {
  if (!isObject(value)) throw new Error(`${fn}: argument 1 must be an object, got ${JSON.stringify(value)}`);
  return value;
}

/** Property functions return a new object; the workflow's value is never changed in place. */
export const OBJECT_FUNCTIONS: Record<string, FunctionImpl> = {
  addProperty: ([o, p, v]) => {
    const obj = object("addProperty", o);
    const name = str("addProperty", p, 2);
    if (name in obj) throw new Error(`addProperty: the property '${name}' already exists; use setProperty`);
    return { ...obj, [name]: v };
  },
  setProperty: ([o, p, v]) => ({ ...object("setProperty", o), [str("setProperty", p, 2)]: v }),
  removeProperty: ([o, p]) => {
    const { [str("removeProperty", p, 2)]: _removed, ...rest } = object("removeProperty", o);
    return rest;
  },
};
