import { KeyVaultError } from "./errors";
import { claimsOf, inForce, signedHere } from "../localTokens";
import { AccessPolicy, ObjectKind } from "./types";

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
 * Authenticate as Key Vault does: no bearer token is a 401 challenge (the SDK's first request of every
 * client is sent this way, without a body). A JWT must be signed by this process (localTokens.ts: the
 * engine's and the operator's) and in force when the vault has access policies, and for the Key Vault
 * audience. Without access policies (the official SDK clients' tests, `kvbr serve`) any JWT for the
 * audience, or an opaque token, is accepted.
 */
export function authenticate(authorization: string | undefined, authorizing: boolean): { denied: KeyVaultError } | { claims: Record<string, unknown> } {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  if (!match) return { denied: unauthorized("AKV10000: Request is missing a Bearer or PoP token.") };
  const token = match[1];
  const claims = claimsOf(token);
  if (claims === undefined) return authorizing ? { denied: unauthorized("AKV10000: The token is not a valid JWT.") } : { claims: {} };
  if (authorizing) {
    if (!signedHere(token)) return { denied: unauthorized("AKV10032: Invalid issuer or signature: the token's signature is not valid.") };
    if (!inForce(claims)) return { denied: unauthorized("AKV10021: The token is expired or not yet valid.") };
  }
  const aud = claims.aud;
  if (typeof aud !== "string" || !ACCEPTED_AUDIENCES.includes(aud)) {
    return { denied: unauthorized(`AKV10022: Invalid audience. Expected ${KEY_VAULT_RESOURCE}, found: ${String(aud)}.`) };
  }
  return { claims };
}

/**
 * The access-policy permission each operation needs (Key Vault's permission names). Reading a deleted
 * object's entry is taken to need `list`, as listing deleted ones does (not confirmed).
 */
const PERMISSION_OF: Record<string, string> = {
  list: "list", versions: "list", listDeleted: "list", getDeleted: "list", get: "get", pending: "get",
  set: "set", create: "create", import: "import", delete: "delete", backup: "backup", restore: "restore", recover: "recover", purge: "purge",
};

/** Where a 403 says the vault is: `'<name>;location=<region>'`. */
export interface VaultIdentity {
  name: string;
  location: string;
}

/**
 * Authorize as an access-policy vault does: the caller's object id must hold the operation's permission
 * for the kind. Azure's 403 names the caller and the missing permission ("does not have secrets list
 * permission on key vault 'v;location=westeurope'", inner code AccessDenied).
 */
export function authorize(claims: Record<string, unknown>, kind: ObjectKind, operation: string, policies: readonly AccessPolicy[], vault: VaultIdentity): KeyVaultError | undefined {
  const permission = PERMISSION_OF[operation] ?? operation;
  const oid = typeof claims.oid === "string" ? claims.oid : "";
  const granted = policies.some((p) => p.objectId.toLowerCase() === oid.toLowerCase() && oid !== "" && (p.permissions[kind] ?? []).some((x) => x.toLowerCase() === permission));
  if (granted) return undefined;
  const caller = `appid=${String(claims.appid ?? "")};oid=${oid};iss=${String(claims.iss ?? "")}`;
  return new KeyVaultError(
    403,
    "Forbidden",
    `The user, group or application '${caller}' does not have ${kind} ${permission} permission on key vault '${vault.name};location=${vault.location}'. For help resolving this issue, please see https://go.microsoft.com/fwlink/?linkid=2125287`,
    "AccessDenied",
  );
}
