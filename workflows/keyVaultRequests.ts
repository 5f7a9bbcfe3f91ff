import { RetryPolicy } from "./definition";
import { http } from "./actions";
import { ActionHandle } from "./builder";
import { Expr, actions, body, coalesce, concat, parameters } from "./expr";
import { ObjectKind } from "./kinds";
import { keyVaultApiVersion, vaultBaseUrl } from "./parameters";

/** The managed-identity audience for the Key Vault data plane. */
export const KEY_VAULT_AUDIENCE = "https://vault.azure.net";

/** Key Vault's maximum (and default) page size for list calls. */
export const MAX_PAGE_SIZE = 25;

/**
 * Key Vault answers throttling with 429 and no Retry-After; Microsoft recommends backing off 1, 2, 4, 8, 16 s.
 * Logic Apps cannot wait less than 5 s, so back off exponentially from there, and long enough to outlast a
 * 10-second throttling window several times over.
 */
export const KEY_VAULT_RETRY_POLICY: RetryPolicy = {
  type: "exponential",
  count: 6,
  interval: "PT7S",
  minimumInterval: "PT5S",
  maximumInterval: "PT1M",
};

/**
 * Restores retry longer: whether a restore counts against Key Vault's CREATE limits (20 RSA-2048 keys per
 * 10 s per vault) is unconfirmed, and under that reading 20 parallel calls wait about 10 s each for a slot,
 * with some unlucky calls refused six times running (measured at 10,000 objects: 4 of 3,000 keys lost to
 * 429 after six retries). Twelve retries, the later ones a minute apart, outlast that by far.
 */
export const KEY_VAULT_RESTORE_RETRY_POLICY: RetryPolicy = { ...KEY_VAULT_RETRY_POLICY, count: 12 };

/**
 * The property of a list item that holds its identifier: KeyItem has `kid` where SecretItem and
 * CertificateItem have `id` (data-plane spec 2025-07-01). Both end in the object's name.
 */
export function listItemIdField(kind: ObjectKind): "id" | "kid" {
  return kind === "keys" ? "kid" : "id";
}

/**
 * Why a Key Vault call failed: Key Vault's own message when it answered, else the action's error (a
 * connection reset, a timeout, a request the runtime never sent), which has no response body.
 */
export function failureMessage(call: ActionHandle): Expr {
  return coalesce(body(call).prop("error").prop("message"), actions(call).prop("error").prop("message"));
}

/** The first page of a list call; later pages come from `nextLink`, which carries its own query. */
export function firstPageUrl(kind: ObjectKind): Expr {
  return concat(parameters(vaultBaseUrl), `${kind}?api-version=`, parameters(keyVaultApiVersion), `&maxresults=${MAX_PAGE_SIZE}`);
}

export function listPage(name: string, url: Expr): ActionHandle {
  return http(name, { method: "GET", uri: url, managedIdentityAudience: KEY_VAULT_AUDIENCE, retryPolicy: KEY_VAULT_RETRY_POLICY });
}

/** POST {vault}/{kind}/{name}/backup: answers `{value: <base64url>}`, the secret material, so hidden both ways. */
export function backupObject(name: string, kind: ObjectKind, objectName: Expr): ActionHandle {
  return http(
    name,
    {
      method: "POST",
      uri: concat(parameters(vaultBaseUrl), `${kind}/`, objectName, "/backup"),
      queries: { "api-version": parameters(keyVaultApiVersion) },
      managedIdentityAudience: KEY_VAULT_AUDIENCE,
      retryPolicy: KEY_VAULT_RETRY_POLICY,
    },
    { secure: ["inputs", "outputs"] },
  );
}

/** POST {vault}/{kind}/restore with the backup value verbatim (base64url, never decoded); 409 if the name is taken. */
export function restoreObject(name: string, kind: ObjectKind, backupValue: Expr): ActionHandle {
  return http(
    name,
    {
      method: "POST",
      uri: concat(parameters(vaultBaseUrl), `${kind}/restore`),
      queries: { "api-version": parameters(keyVaultApiVersion) },
      headers: { "Content-Type": "application/json" },
      body: { value: backupValue },
      managedIdentityAudience: KEY_VAULT_AUDIENCE,
      retryPolicy: KEY_VAULT_RESTORE_RETRY_POLICY,
    },
    { secure: ["inputs", "outputs"] },
  );
}
