import { ManagedIdentity } from "./runOptions";
import { signToken } from "../localTokens";

const LOCAL_TENANT_ID = "00000000-0000-0000-0000-000000000000";

/**
 * The token Azure's managed identity would attach: a JWT for the audience, signed with this process's key
 * (localTokens.ts); local servers check its signature, `aud` and lifetime as Azure services do, and a
 * vault's access policies its `oid`.
 */
export function managedIdentityToken(audience: string, identity: ManagedIdentity): string {
  // Issued on the real clock: a run's own clock (RunOptions.now) may be set to another day, the vault's is not.
  const now = Math.floor(Date.now() / 1000);
  const claims = {
    aud: audience,
    iss: `https://sts.windows.net/${identity.tenantId ?? LOCAL_TENANT_ID}/`,
    appid: identity.principalId,
    sub: identity.principalId,
    oid: identity.principalId,
    iat: now,
    nbf: now,
    exp: now + 3600,
  };
  return signToken(claims);
}
