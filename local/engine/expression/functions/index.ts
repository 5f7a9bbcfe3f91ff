/**
 * Every function the local engine implements, by the reference guide's spelling (workflows/expression/
 * functions.ts holds the guide's table and arities; the evaluator checks those before calling).
 *
 * Documented but not supported by the local engine (a call fails naming the function):
 * - xml, xpath: XML documents and XPath;
 * - action: only valid in triggers, webhook unsubscribe and trackedProperties, none of which run locally;
 * - listCallbackUrl: webhook triggers and actions only;
 * - formDataValue, formDataMultiValues, multipartBody, triggerFormDataValue, triggerFormDataMultiValues,
 *   triggerMultipartBody: form-data and multipart bodies, which the local connectors never produce.
 */
import { lookupFunction } from "../../../../workflows/expression/functions";
import { FunctionImpl } from "./args";
import { COLLECTION_FUNCTIONS } from "./collections";
import { CONVERSION_FUNCTIONS } from "./conversion";
import { DATE_FUNCTIONS } from "./dates";
import { LOGICAL_FUNCTIONS } from "./logical";
import { MATH_FUNCTIONS } from "./math";
import { OBJECT_FUNCTIONS } from "./objects";
import { STRING_FUNCTIONS } from "./strings";
import { URI_FUNCTIONS } from "./uris";
import { WORKFLOW_FUNCTIONS } from "./workflow";

export type { Call, FunctionImpl } from "./args";

export const UNSUPPORTED: readonly string[] = [
  "xml",
  "xpath",
  "action",
  "listCallbackUrl",
  "formDataValue",
  "formDataMultiValues",
  "multipartBody",
  "triggerFormDataValue",
  "triggerFormDataMultiValues",
  "triggerMultipartBody",
];

const CATEGORIES: ReadonlyArray<Record<string, FunctionImpl>> = [
  STRING_FUNCTIONS,
  COLLECTION_FUNCTIONS,
  LOGICAL_FUNCTIONS,
  CONVERSION_FUNCTIONS,
  MATH_FUNCTIONS,
  DATE_FUNCTIONS,
  WORKFLOW_FUNCTIONS,
  OBJECT_FUNCTIONS,
  URI_FUNCTIONS,
];

/** Keyed by the guide's spelling; a key the guide does not document would be unreachable, so it is refused here. */
export const IMPLEMENTATIONS: ReadonlyMap<string, FunctionImpl> = new Map(
  CATEGORIES.flatMap((category) => Object.entries(category)).map(([name, impl]) => {
    if (lookupFunction(name)?.name !== name) throw new Error(`'${name}' is not a function of the reference guide as spelled there`);
    return [name, impl] as const;
  }),
);
