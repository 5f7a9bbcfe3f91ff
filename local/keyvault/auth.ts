import { KeyVaultError } from "./errors";

/** The tenant the emulated vaults belong to; appears in the 401 challenge. */
export const EMULATOR_TENANT_ID = "11111111-2222-4333-8444-555555555555";
export const KEY_VAULT_RESOURCE = "https://vault.azure.net";
const ACCEPTED_AUDIENCES = [KEY_VAULT_RESOURCE, `${KEY_VAULT_RESOURCE}/`];

/**
 * The challenge Key Vault sends with every 401. The SDK's challenge policy parses `authorization` (for the
 * tenant) and `resource` (for the scope) out of it, then retries with a token.
 */
export function challengeHeader(): string {
  return `Bearer authorization="https://login.microsoftonline.com/${EMULATOR_TENANT_ID}", resource="${KEY_VAULT_RESOURCE}"`;
}

function unauthorized(message: string): KeyVaultError {
  return new KeyVaultError(401, "Unauthorized", message, undefined, { "WWW-Authenticate": challengeHeader() });
}

/**
 * Authenticate as Key Vault does, without verifying signatures: no bearer token is a 401 challenge (the
 * SDK's first request of every client is sent this way, without a body); a JWT must be for the Key Vault
 * audience; any other token (the SDK test credential's "fake") is accepted as opaque.
 */
export function authenticate(authorization: string | undefined): KeyVaultError | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  if (!match) return unauthorized("AKV10000: Request is missing a Bearer or PoP token.");
  const claims = jwtClaims(match[1]);
  if (claims === undefined) return undefined;
  const aud = claims.aud;
  if (typeof aud !== "string" || !ACCEPTED_AUDIENCES.includes(aud)) {
    return unauthorized(`AKV10022: Invalid audience. Expected ${KEY_VAULT_RESOURCE}, found: ${String(aud)}.`);
  }
  return undefined;
}

/** The payload of a three-part base64url JWT, or undefined if the token is not one (opaque token). */
function jwtClaims(token: string): Record<string, unknown> | undefined {
  const parts = token.split(".");
  if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]*$/.test(p))) return undefined;
  try {
    const payload: unknown = JSON.parse(Buffer.from(parts[1], "base64url").toString("utf8"));
    return typeof payload === "object" && payload !== null && !Array.isArray(payload) ? (payload as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
