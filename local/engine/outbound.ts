import { STATUS_CODES } from "node:http";
import { ActionFailure } from "./failure";
import { RunContext } from "./runContext";
import { isRetryableStatus, retryPlan } from "./retry";

export interface OutboundResponse {
  statusCode: number;
  headers: Record<string, string>;
  body?: unknown;
}

/** `Conflict`, `TooManyRequests`: the `code` run history gives an HTTP outcome. */
export function statusCodeName(status: number): string {
  return (STATUS_CODES[status] ?? String(status)).replace(/[^A-Za-z0-9]/g, "");
}

/**
 * Send with the action's retry policy: 408, 429, 5xx and connection failures are retried after the policy's
 * (scaled) interval; anything else, or the last attempt, is final. A final status of 400 or more fails the
 * action, keeping the response as its outputs so runAfter handlers can read the status and body.
 */
export async function sendWithRetry(
  run: RunContext,
  policy: unknown,
  field: string,
  send: () => Promise<OutboundResponse>,
): Promise<{ response: OutboundResponse; retries: number }> {
  const plan = retryPlan(policy, field);
  for (let attempt = 0; ; attempt++) {
    let response: OutboundResponse | undefined;
    let connectionError: Error | undefined;
    try {
      response = await send();
    } catch (err) {
      if (err instanceof ActionFailure) throw err; // a definite answer, not a connectivity problem
      connectionError = err as Error;
    }
    const retryable = connectionError !== undefined || isRetryableStatus(response!.statusCode);
    if (!retryable || attempt >= plan.count) {
      if (connectionError) throw new ActionFailure("ServiceUnavailable", `The request failed: ${connectionError.message}`);
      if (response!.statusCode >= 400) {
        throw new ActionFailure(statusCodeName(response!.statusCode), `The request failed with status code '${response!.statusCode}'.`, response, response!.statusCode);
      }
      return { response: response!, retries: attempt };
    }
    run.counters.retries++;
    await run.sleep(plan.delayMs(attempt + 1, run.random));
  }
}
