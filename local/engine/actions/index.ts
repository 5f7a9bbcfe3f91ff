import { apiConnection } from "./apiConnection";
import { foreach, ifAction, response, scope, switchAction, terminate, until } from "./control";
import { compose, parseJson, query, select } from "./data";
import { ActionHandler } from "./handler";
import { http } from "./http";
import { javaScriptCode } from "./javaScriptCode";
import { appendToArrayVariable, appendToStringVariable, decrementVariable, incrementVariable, initializeVariable, setVariable } from "./variables";

/** The action types the local engine runs; any other type fails the run naming it. */
const HANDLERS: Readonly<Record<string, ActionHandler>> = {
  InitializeVariable: initializeVariable,
  SetVariable: setVariable,
  IncrementVariable: incrementVariable,
  DecrementVariable: decrementVariable,
  AppendToArrayVariable: appendToArrayVariable,
  AppendToStringVariable: appendToStringVariable,
  Compose: compose,
  ParseJson: parseJson,
  Query: query,
  Select: select,
  Foreach: foreach,
  Until: until,
  If: ifAction,
  Switch: switchAction,
  Scope: scope,
  Terminate: terminate,
  Response: response,
  Http: http,
  ApiConnection: apiConnection,
  JavaScriptCode: javaScriptCode,
};

const BY_LOWER_TYPE = new Map(Object.entries(HANDLERS).map(([type, handler]) => [type.toLowerCase(), handler]));

/** The handler of an action type, in any letter case (the runtime reads `http` as `Http`). */
export function handlerFor(type: string): ActionHandler | undefined {
  return BY_LOWER_TYPE.get(type.toLowerCase());
}
