import { Connector } from "../engine/connector";

/**
 * The blob connector of a connection whose account key is wrong: Azure Storage answers every call 403
 * AuthenticationFailed, which the connector passes on (wording of Storage's error; the connector's own
 * wrapping of it is not confirmed).
 */
export function refusingConnector(accountName: string): Connector {
  return {
    handle: async () => ({
      statusCode: 403,
      headers: { "content-type": "application/json" },
      body: {
        status: 403,
        message: `Server failed to authenticate the request to storage account '${accountName}'. Make sure the value of Authorization header is formed correctly including the signature.`,
        error: { code: "AuthenticationFailed" },
      },
    }),
  };
}
