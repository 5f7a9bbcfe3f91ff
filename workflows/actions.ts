import { JsonObject, RetryPolicy, RuntimeConfiguration, SecureProperty, VariableDeclaration } from "./definition";
import { ActionHandle, Block, renderBlock, secureData } from "./builder";
import { Expr, Named, items } from "./expr";
import { Interpolation, Value, renderString, renderValue } from "./value";

/** A workflow variable; declare it once at top level with `initializeVariable`, then refer to the handle. */
export class Variable implements Named {
  constructor(
    readonly name: string,
    readonly type: VariableDeclaration["type"],
    readonly initialValue?: Value,
  ) {}
}

export interface SecureOption {
  /** Which of inputs/outputs run history must hide (only where Azure supports it for the action type). */
  secure?: SecureProperty[];
}

interface RuntimeOptions extends SecureOption {
  /** Chunked content transfer (runtimeConfiguration.contentTransfer), for actions that move content. */
  chunked?: boolean;
}

function runtime(opts: RuntimeOptions): { runtimeConfiguration?: RuntimeConfiguration } {
  const config: RuntimeConfiguration = {
    ...(opts.secure?.length ? secureData(...opts.secure) : {}),
    ...(opts.chunked ? { contentTransfer: { transferMode: "Chunked" as const } } : {}),
  };
  return Object.keys(config).length > 0 ? { runtimeConfiguration: config } : {};
}

/** One variable an action: the workflow-language reference allows one per Initialize variable action. */
export function initializeVariable(name: string, variable: Variable): ActionHandle {
  return new ActionHandle(name, () => ({
    type: "InitializeVariable",
    inputs: {
      variables: [
        {
          name: variable.name,
          type: variable.type,
          ...(variable.initialValue === undefined ? {} : { value: renderValue(variable.initialValue) }),
        },
      ],
    },
  }));
}

export function setVariable(name: string, variable: Variable, value: Value): ActionHandle {
  return new ActionHandle(name, () => ({ type: "SetVariable", inputs: { name: variable.name, value: renderValue(value) } }));
}

/**
 * Azure refuses secureData on variable actions; an appended value read from secured outputs is hidden
 * in run history because of where it comes from.
 */
export function appendToArray(name: string, variable: Variable, value: Value): ActionHandle {
  return new ActionHandle(name, () => ({ type: "AppendToArrayVariable", inputs: { name: variable.name, value: renderValue(value) } }));
}

export function appendToString(name: string, variable: Variable, value: Value): ActionHandle {
  return new ActionHandle(name, () => ({ type: "AppendToStringVariable", inputs: { name: variable.name, value: renderValue(value) } }));
}

export function incrementVariable(name: string, variable: Variable, by: Value): ActionHandle {
  return new ActionHandle(name, () => ({ type: "IncrementVariable", inputs: { name: variable.name, value: renderValue(by) } }));
}

/** Compose has only "secure inputs" in Azure, which also hides its outputs. */
export function compose(name: string, inputs: Value, opts: { secureInputs?: boolean } = {}): ActionHandle {
  return new ActionHandle(name, () => ({
    type: "Compose",
    inputs: renderValue(inputs),
    ...runtime({ secure: opts.secureInputs ? ["inputs"] : [] }),
  }));
}

/** ParseJson validates `content` against `schema` and fails the action when it does not match. */
export function parseJson(name: string, content: Value, schema: JsonObject, opts: { secureInputs?: boolean } = {}): ActionHandle {
  return new ActionHandle(name, () => ({
    type: "ParseJson",
    inputs: { content: renderValue(content), schema },
    ...runtime({ secure: opts.secureInputs ? ["inputs"] : [] }),
  }));
}

/** Query ("Filter array"): the items of `from` for which `where` (over `item()`) is true. */
export function query(name: string, from: Value, where: Expr, opts: SecureOption = {}): ActionHandle {
  return new ActionHandle(name, () => ({
    type: "Query",
    inputs: { from: renderValue(from), where: `@${where.text}` },
    ...runtime(opts),
  }));
}

/** Select: `select` (over `item()`) for every item of `from`; the output has as many items as the input. */
export function select(name: string, from: Value, map: Value, opts: SecureOption = {}): ActionHandle {
  return new ActionHandle(name, () => ({
    type: "Select",
    inputs: { from: renderValue(from), select: renderValue(map) },
    ...runtime(opts),
  }));
}

export interface HttpInputs {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  uri: Expr | Interpolation | string;
  queries?: Value;
  headers?: Value;
  body?: Value;
  /** System-assigned managed identity token for this audience. */
  managedIdentityAudience?: string;
  retryPolicy?: RetryPolicy;
}

export function http(name: string, inputs: HttpInputs, opts: SecureOption = {}): ActionHandle {
  return new ActionHandle(name, () => ({
    type: "Http",
    inputs: {
      method: inputs.method,
      uri: renderString(inputs.uri),
      ...(inputs.queries === undefined ? {} : { queries: renderValue(inputs.queries) as JsonObject }),
      ...(inputs.headers === undefined ? {} : { headers: renderValue(inputs.headers) as JsonObject }),
      ...(inputs.body === undefined ? {} : { body: renderValue(inputs.body) }),
      ...(inputs.managedIdentityAudience === undefined
        ? {}
        : { authentication: { type: "ManagedServiceIdentity" as const, audience: inputs.managedIdentityAudience } }),
      ...(inputs.retryPolicy === undefined ? {} : { retryPolicy: inputs.retryPolicy }),
    },
    ...runtime(opts),
  }));
}

export interface ApiConnectionInputs {
  /** The `$connections` entry, e.g. `azureblob`. */
  connection: string;
  method: "get" | "post" | "put" | "delete";
  path: Interpolation | string;
  queries?: Value;
  headers?: Value;
  body?: Value;
  retryPolicy?: RetryPolicy;
}

export function apiConnection(name: string, inputs: ApiConnectionInputs, opts: RuntimeOptions = {}): ActionHandle {
  return new ActionHandle(name, () => ({
    type: "ApiConnection",
    inputs: {
      host: { connection: { name: `@parameters('$connections')['${inputs.connection}']['connectionId']` } },
      method: inputs.method,
      path: renderString(inputs.path),
      ...(inputs.queries === undefined ? {} : { queries: renderValue(inputs.queries) as JsonObject }),
      ...(inputs.headers === undefined ? {} : { headers: renderValue(inputs.headers) as JsonObject }),
      ...(inputs.body === undefined ? {} : { body: renderValue(inputs.body) }),
      ...(inputs.retryPolicy === undefined ? {} : { retryPolicy: inputs.retryPolicy }),
    },
    ...runtime(opts),
  }));
}

/** Inline JavaScript (Consumption: Node 8 syntax, 1,024 characters, 5 s, an integration account linked). */
export function javaScriptCode(name: string, code: string, dependsOn: { actions?: Named[]; includeTrigger?: boolean } = {}): ActionHandle {
  return new ActionHandle(name, () => ({
    type: "JavaScriptCode",
    inputs: {
      code,
      explicitDependencies: {
        ...(dependsOn.actions ? { actions: dependsOn.actions.map((a) => a.name) } : {}),
        ...(dependsOn.includeTrigger ? { includeTrigger: true } : {}),
      },
    },
  }));
}

export function terminate(name: string, runStatus: "Failed" | "Cancelled" | "Succeeded", runError?: { code: string; message: Expr | Interpolation | string }): ActionHandle {
  return new ActionHandle(name, () => ({
    type: "Terminate",
    inputs: {
      runStatus,
      ...(runError ? { runError: { code: runError.code, message: renderString(runError.message) } } : {}),
    },
  }));
}

export interface ForeachOptions {
  /** 1-50 parallel repetitions; 1 runs sequentially. */
  concurrency: number;
}

/** `body` receives `items('<this loop>')`, so the loop's current item is referred to through the loop itself. */
export function foreach(name: string, from: Expr, body: (current: Expr) => Block, opts: ForeachOptions): ActionHandle {
  const block = body(items({ name }));
  return new ActionHandle(
    name,
    () => ({
      type: "Foreach",
      foreach: `@${from.text}`,
      actions: renderBlock(block),
      runtimeConfiguration: { concurrency: { repetitions: opts.concurrency } },
    }),
    [block],
  );
}

/** A do-while loop: `body` runs, then `until` is checked; `count` and `timeout` bound it. */
export function until(name: string, condition: Expr, body: Block, limit: { count: number; timeout: string }): ActionHandle {
  return new ActionHandle(
    name,
    () => ({ type: "Until", expression: `@${condition.text}`, limit: { ...limit }, actions: renderBlock(body) }),
    [body],
  );
}

export function ifThen(name: string, condition: Expr, then: Block, otherwise: Block = []): ActionHandle {
  return new ActionHandle(
    name,
    () => ({
      type: "If",
      expression: `@${condition.text}`,
      actions: renderBlock(then),
      ...(otherwise.length ? { else: { actions: renderBlock(otherwise) } } : {}),
    }),
    otherwise.length ? [then, otherwise] : [then],
  );
}

export function scope(name: string, body: Block): ActionHandle {
  return new ActionHandle(name, () => ({ type: "Scope", actions: renderBlock(body) }), [body]);
}
