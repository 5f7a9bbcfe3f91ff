/**
 * Logic Apps (Consumption) list prices in US dollars, from https://azure.microsoft.com/pricing/details/logic-apps/
 * as the author knew them on 2026-11-28 (the page could not be re-read from this offline machine; check it
 * before relying on the cost column). Built-in actions include the monthly free grant, ignored here.
 */
export const PRICES = {
  source: "https://azure.microsoft.com/pricing/details/logic-apps/ (Consumption, USD)",
  date: "2026-11-28",
  /** Each built-in action or trigger execution (Http, Compose, variables, loops, ...). */
  builtInActionUsd: 0.000025,
  /** Each Standard managed connector call (azureblob). */
  standardConnectorUsd: 0.000125,
} as const;

/** Cost of one run: connector calls at the connector price, every other action execution at the action price. */
export function runCostUsd(actionExecutions: number, connectorCalls: number): number {
  return (actionExecutions - connectorCalls) * PRICES.builtInActionUsd + connectorCalls * PRICES.standardConnectorUsd;
}
