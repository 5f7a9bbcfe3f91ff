import { ObjectKind } from "./types";

/** Azure's error body: `{error: {code, message, innererror?}}`. */
export interface KeyVaultErrorBody {
  error: { code: string; message: string; innererror?: { code: string } };
}

/**
 * A Key Vault error response. Thrown by the store and the handlers and turned into an HTTP answer by the
 * request pipeline; the seeding methods let it propagate, so a bad seed fails loudly with Azure's wording.
 */
export class KeyVaultError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly innerCode?: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "KeyVaultError";
  }

  body(): KeyVaultErrorBody {
    return { error: { code: this.code, message: this.message, ...(this.innerCode ? { innererror: { code: this.innerCode } } : {}) } };
  }
}

/** "secret", "key", "certificate": the word Azure uses in messages. */
export function singular(kind: ObjectKind): "secret" | "key" | "certificate" {
  return kind === "secrets" ? "secret" : kind === "keys" ? "key" : "certificate";
}

const capitalised = (kind: ObjectKind): string => {
  const s = singular(kind);
  return s[0].toUpperCase() + s.slice(1);
};

const NOT_FOUND_CODE: Record<ObjectKind, string> = { secrets: "SecretNotFound", keys: "KeyNotFound", certificates: "CertificateNotFound" };

/** 404 for a live object, worded as in the azure-sdk-for-js recordings (SecretNotFound / KeyNotFound). */
export function notFound(kind: ObjectKind, nameOrId: string): KeyVaultError {
  const s = singular(kind);
  return new KeyVaultError(
    404,
    NOT_FOUND_CODE[kind],
    `A ${s} with (name/id) ${nameOrId} was not found in this key vault. If you recently deleted this ${s} you may be able to recover it using the correct recovery command. For help resolving this issue, please see https://go.microsoft.com/fwlink/?linkid=2125182`,
  );
}

/** 404 for `/deleted{kind}/{name}`: "Deleted Secret not found: name" (recorded). */
export function deletedNotFound(kind: ObjectKind, name: string): KeyVaultError {
  return new KeyVaultError(404, NOT_FOUND_CODE[kind], `Deleted ${capitalised(kind)} not found: ${name}`);
}

/** 409 on restore when the name is in use (recorded text); also used when the name is soft-deleted. */
export function restoreConflict(kind: ObjectKind, id: string): KeyVaultError {
  const s = singular(kind);
  return new KeyVaultError(
    409,
    "Conflict",
    `There was a conflict restoring the ${s} '${id}'. This can happen if either: a second ${s} with the same name was created after the first ${s} was deleted; thus trying to restore a ${s} whose name is already in use. To fix this, rename the second ${s} to something else so that the restore works. The second probable cause of this exception is when multiple operations are performed in parallel against the ${s}. To avoid this error, perform operations against a ${s} in a sequential manner.`,
  );
}

/** 409 when creating an object whose name is soft-deleted (inner code ObjectIsDeletedButRecoverable). */
export function deletedButRecoverable(kind: ObjectKind, name: string): KeyVaultError {
  const s = singular(kind);
  return new KeyVaultError(
    409,
    "Conflict",
    `${capitalised(kind)} ${name} is currently in a deleted but recoverable state, and its name cannot be reused; in this state, the ${s} can only be recovered or purged.`,
    "ObjectIsDeletedButRecoverable",
  );
}

/** 409 when a certificate would take a name held by a plain key or secret (wording not verified). */
export function nameTaken(kind: ObjectKind, name: string, holder: ObjectKind): KeyVaultError {
  return new KeyVaultError(409, "Conflict", `${capitalised(kind)} ${name} cannot be created: a ${singular(holder)} with the same name already exists.`);
}

const MANAGED_INNER: Record<"secrets" | "keys", string> = { secrets: "SecretManagedByKeyVault", keys: "KeyManagedByKeyVault" };

/**
 * 403 for an operation on the key or secret backing a certificate. Backup ("...on this Key, since it is
 * associated with a certificate...", code Forbidden) and secret delete (inner SecretManagedByKeyVault) are
 * observed; the inner code is added for keys by analogy.
 */
export function managedByCertificate(kind: "secrets" | "keys", operation: string): KeyVaultError {
  const word = kind === "keys" ? "Key" : "secret";
  return new KeyVaultError(
    403,
    "Forbidden",
    `Operation "${operation}" is not allowed on this ${word}, since it is associated with a certificate. Perform the operation on the corresponding certificate. For more information refer to https://docs.microsoft.com/en-us/azure/key-vault/certificates/about-certificates#composition-of-a-certificate`,
    operation === "backup" ? undefined : MANAGED_INNER[kind],
  );
}

/** 403 on reading a disabled secret's value (recorded). */
/** Observed (Azure SDK and Terraform logs): 403 on a purge in a vault with purge protection. */
export function purgeProtected(vault: string, location: string): KeyVaultError {
  return new KeyVaultError(
    403,
    "Forbidden",
    `Operation "purge" is not allowed because purge protection is enabled for this vault. Key Vault service will automatically purge it after the retention period has passed.\r\nVault: ${vault};location=${location}`,
  );
}

export function secretDisabled(): KeyVaultError {
  return new KeyVaultError(403, "Forbidden", "Operation get is not allowed on a disabled secret.", "SecretDisabled");
}

/** 400 for a blob that is not a backup at all (recorded code and text, spaces included). */
export function malformedBackup(): KeyVaultError {
  return new KeyVaultError(400, "Malformed backup blob", "Backup blob contains invalid or corrupt version.");
}

/**
 * 400 for a well-formed blob this vault cannot decrypt: from another subscription or geography, or
 * tampered with. The text is the one reported by az CLI users (azure-cli#8767); the code is not known.
 */
export function undecryptableBackup(): KeyVaultError {
  return new KeyVaultError(400, "BadParameter", "Cannot decrypt backup blob.");
}

export function badParameter(message: string): KeyVaultError {
  return new KeyVaultError(400, "BadParameter", message);
}

export function routeNotFound(method: string, path: string): KeyVaultError {
  return new KeyVaultError(404, "NotFound", `No operation matches ${method} ${path}.`);
}
