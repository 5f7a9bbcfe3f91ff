import { JsonObject, Trigger, TriggerRuntimeConfiguration } from "./definition";

/** The HTTP request trigger; its callback URL comes from listCallbackUrl after deployment. */
export const MANUAL_TRIGGER = "manual";

export function manualTrigger(bodySchema: JsonObject, runtimeConfiguration?: TriggerRuntimeConfiguration): Record<string, Trigger> {
  return { [MANUAL_TRIGGER]: { type: "Request", kind: "Http", inputs: { method: "POST", schema: bodySchema }, ...(runtimeConfiguration ? { runtimeConfiguration } : {}) } };
}
