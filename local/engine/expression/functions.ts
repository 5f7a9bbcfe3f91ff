import { ExpressionScope } from "./scope";
import { STRING_FUNCTIONS } from "./functions/strings";
import { COLLECTION_FUNCTIONS } from "./functions/collections";
import { LOGICAL_FUNCTIONS } from "./functions/logical";
import { CONVERSION_FUNCTIONS } from "./functions/conversion";
import { MATH_FUNCTIONS } from "./functions/math";
import { DATE_FUNCTIONS } from "./functions/dates";
import { WORKFLOW_FUNCTIONS } from "./functions/workflow";
import { OBJECT_FUNCTIONS } from "./functions/objects";
import { URI_FUNCTIONS } from "./functions/uris";

/** A function implementation: arguments already evaluated (WDL evaluates every argument, `if` included). */
export type FunctionImpl = (args: unknown[], scope: ExpressionScope) => unknown;

/** Every function the local engine implements, by lower-cased name (WDL names are case-insensitive). */
export const FUNCTIONS: ReadonlyMap<string, FunctionImpl> = new Map(
  Object.entries({
    ...STRING_FUNCTIONS,
    ...COLLECTION_FUNCTIONS,
    ...LOGICAL_FUNCTIONS,
    ...CONVERSION_FUNCTIONS,
    ...MATH_FUNCTIONS,
    ...DATE_FUNCTIONS,
    ...WORKFLOW_FUNCTIONS,
    ...OBJECT_FUNCTIONS,
    ...URI_FUNCTIONS,
  }).map(([name, impl]) => [name.toLowerCase(), impl]),
);
