import { KEY_VAULT_RESOURCE } from "../keyvault";
import { claimsOf, inForce, signToken, signedHere } from "../localTokens";

/** The person at the keyboard: every local vault grants this object id full data access (a vault owner's own grant). */
export const OPERATOR_OBJECT_ID = "0a0a0a0a-0000-4000-8000-0000000000e1";

/** Azure Resource Manager's audience: what a token for the runs API is for. */
export const MANAGEMENT_AUDIENCE = "https://management.azure.com/";

/**
 * A bearer token for the operator and one audience (Key Vault's for the vaults, MANAGEMENT_AUDIENCE for the
 * runs API), for the official SDK or curl. Signed with this process's key; the workflows never get it.
 */
export function operatorToken(audience: string = KEY_VAULT_RESOURCE): string {
  const now = Math.floor(Date.now() / 1000);
  return signToken({ aud: audience, oid: OPERATOR_OBJECT_ID, sub: OPERATOR_OBJECT_ID, appid: "kvbr-operator", iat: now, nbf: now, exp: now + 12 * 3600 });
}

/** Whether an Authorization header carries the operator's management token: signed here, in force, for ARM. */
export function isOperator(authorization: string | undefined): boolean {
  const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? "")?.[1];
  const claims = token === undefined ? undefined : claimsOf(token);
  if (!token || !claims || !signedHere(token) || !inForce(claims)) return false;
  return claims.oid === OPERATOR_OBJECT_ID && [MANAGEMENT_AUDIENCE, MANAGEMENT_AUDIENCE.slice(0, -1)].includes(String(claims.aud));
}
