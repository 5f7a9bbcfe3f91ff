/**
 * The guide's JSON manipulation functions (xpath aside). Each returns a new object: the workflow's value is
 * never changed in place. Property names match exactly, like property access in expressions.
 */
import { FunctionImpl, fail, objectArg, stringArg } from "./args";

const has = (object: object, name: string) => Object.prototype.hasOwnProperty.call(object, name);

export const OBJECT_FUNCTIONS: Record<string, FunctionImpl> = {
  addProperty: (args, call) => {
    const object = objectArg(call, args, 0);
    const name = stringArg(call, args, 1);
    if (has(object, name)) throw fail(call, `cannot add the property '${name}': it already exists; use setProperty() to change it.`);
    return { ...object, [name]: args[2] };
  },
  // An existing property keeps its place; a new one is added at the end.
  setProperty: (args, call) => ({ ...objectArg(call, args, 0), [stringArg(call, args, 1)]: args[2] }),
  removeProperty: (args, call) => {
    const object = objectArg(call, args, 0);
    const name = stringArg(call, args, 1);
    if (!has(object, name)) return object;
    const copy = { ...object };
    delete copy[name];
    return copy;
  },
  // Empty strings, arrays and objects are not null: only null (or a missing value) is skipped.
  coalesce: (args) => args.find((a) => a !== null && a !== undefined) ?? null,
};
