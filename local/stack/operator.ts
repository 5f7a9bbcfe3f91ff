import { KEY_VAULT_RESOURCE } from "../keyvault";
import { unsignedJwt } from "../engine/managedIdentity";

/** The person at the keyboard: every local vault grants this object id full data access (a vault owner's own grant). */
export const OPERATOR_OBJECT_ID = "0a0a0a0a-0000-4000-8000-0000000000e1";

/**
 * A bearer token for the operator, for the official SDK or curl against the local vaults and the local runs
 * API. Unsigned, as the engine's are: only the local servers read it. The workflows never get it.
 */
export function operatorToken(): string {
  const now = Math.floor(Date.now() / 1000);
  const claims = { aud: KEY_VAULT_RESOURCE, oid: OPERATOR_OBJECT_ID, sub: OPERATOR_OBJECT_ID, appid: "kvbr-operator", iat: now, nbf: now, exp: now + 12 * 3600 };
  return unsignedJwt(claims, "local-operator");
}

/** Whether an Authorization header carries the operator's token (the local runs API accepts no one else). */
export function isOperator(authorization: string | undefined): boolean {
  const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? "")?.[1];
  if (!token) return false;
  try {
    const claims = JSON.parse(Buffer.from(token.split(".")[1] ?? "", "base64url").toString("utf8")) as { oid?: unknown };
    return claims.oid === OPERATOR_OBJECT_ID;
  } catch {
    return false;
  }
}
