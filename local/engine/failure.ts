import { RunError } from "./runRecord";

/** An action failed with Azure-style error code and message; the engine records it and goes on. */
export class ActionFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
    /** Outputs the failed action still has (an HTTP error response keeps its status and body). */
    readonly outputs?: unknown,
    readonly statusCode?: number,
  ) {
    super(message);
  }

  /** The inputs the action had sent: a failed call keeps them in run history and in result(), as in Azure. */
  inputs?: unknown;

  toRunError(): RunError {
    return { code: this.code, message: this.message };
  }
}

/** The definition uses something the engine does not implement: the run fails naming the action and the feature. */
export class UnsupportedFeature extends ActionFailure {
  constructor(feature: string) {
    super("UnsupportedByLocalEngine", `${feature} is not supported by the local engine`);
  }
}
