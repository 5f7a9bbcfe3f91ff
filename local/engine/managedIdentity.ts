import { RunContext } from "./runContext";

const b64url = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");

/**
 * The token Azure's managed identity would attach: a JWT for the audience. Not really signed, since
 * only local emulators read it; they check `aud` as Azure services do.
 */
export function managedIdentityToken(audience: string, run: RunContext): string {
  const now = Math.floor(run.now().getTime() / 1000);
  const claims = {
    aud: audience,
    iss: "https://sts.windows.net/00000000-0000-0000-0000-000000000000/",
    sub: `local-managed-identity-${run.workflowName}`,
    oid: `local-managed-identity-${run.workflowName}`,
    iat: now,
    nbf: now,
    exp: now + 3600,
  };
  return `${b64url({ alg: "none", typ: "JWT" })}.${b64url(claims)}.${Buffer.from("local-engine").toString("base64url")}`;
}
