import { RunContext } from "./runContext";

const LOCAL_TENANT_ID = "00000000-0000-0000-0000-000000000000";

const b64url = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");

/** A JWT with these claims and no real signature: only local servers read these tokens. */
export function unsignedJwt(claims: Record<string, unknown>, signature: string): string {
  return `${b64url({ alg: "none", typ: "JWT" })}.${b64url(claims)}.${Buffer.from(signature).toString("base64url")}`;
}

/**
 * The token Azure's managed identity would attach: a JWT for the audience. Not really signed, since
 * only local emulators read it; they check `aud` as Azure services do, and a vault's access policies `oid`.
 */
export function managedIdentityToken(audience: string, run: RunContext): string {
  const now = Math.floor(run.now().getTime() / 1000);
  const claims = {
    aud: audience,
    iss: `https://sts.windows.net/${run.identity.tenantId ?? LOCAL_TENANT_ID}/`,
    appid: run.identity.principalId,
    sub: run.identity.principalId,
    oid: run.identity.principalId,
    iat: now,
    nbf: now,
    exp: now + 3600,
  };
  return unsignedJwt(claims, "local-engine");
}
