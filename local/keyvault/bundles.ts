import { objectUrl, recoveryUrl } from "./ids";
import { Attributes, ObjectVersion, RECOVERY_LEVEL, RETENTION_DAYS, VaultObject } from "./store";
import { ObjectKind } from "./types";

/**
 * The REST shapes of stored objects: bundles (one version, full), items (list entries) and their deleted
 * variants, field for field as in the 2025-07-01 spec and the SDK recordings. Ids are built from the vault
 * URL at answer time, so an object restored into another vault gets that vault's ids.
 */

export type Json = Record<string, unknown>;

export function attributesJson(kind: ObjectKind, a: Attributes): Json {
  return {
    enabled: a.enabled,
    ...(a.nbf !== undefined ? { nbf: a.nbf } : {}),
    ...(a.exp !== undefined ? { exp: a.exp } : {}),
    created: a.created,
    updated: a.updated,
    recoveryLevel: RECOVERY_LEVEL,
    recoverableDays: RETENTION_DAYS,
    ...(kind === "keys" ? { exportable: false } : {}),
  };
}

export function latest<K extends ObjectKind>(object: VaultObject<K>): ObjectVersion<K> {
  return object.versions[object.versions.length - 1];
}

const tagsOf = (v: ObjectVersion): Json => (v.tags ? { tags: { ...v.tags } } : {});
const managedOf = (o: VaultObject): Json => (o.managed ? { managed: true } : {});

/**
 * One version in full. `withValue` is false for secrets in delete, restore and recover answers: Key Vault
 * leaves the value out there (recorded).
 */
export function bundle(base: string, object: VaultObject, version: ObjectVersion, withValue = true): Json {
  switch (object.kind) {
    case "secrets": {
      const v = version as ObjectVersion<"secrets">;
      return {
        ...(withValue ? { value: v.payload.value } : {}),
        ...(v.contentType !== undefined ? { contentType: v.contentType } : {}),
        id: objectUrl(base, "secrets", object.name, v.version),
        attributes: attributesJson("secrets", v.attributes),
        ...tagsOf(v),
        // The secret of a certificate points at the key of the same version.
        ...(object.managed ? { kid: objectUrl(base, "keys", object.name, v.version) } : {}),
        ...managedOf(object),
      };
    }
    case "keys": {
      const v = version as ObjectVersion<"keys">;
      return {
        key: { kid: objectUrl(base, "keys", object.name, v.version), ...v.payload.jwk },
        attributes: attributesJson("keys", v.attributes),
        ...tagsOf(v),
        ...managedOf(object),
      };
    }
    case "certificates": {
      const v = version as ObjectVersion<"certificates">;
      return {
        id: objectUrl(base, "certificates", object.name, v.version),
        kid: objectUrl(base, "keys", object.name, v.version),
        sid: objectUrl(base, "secrets", object.name, v.version),
        x5t: v.payload.x5t,
        cer: v.payload.cer,
        ...(object.policy ? { contentType: object.policy.contentType } : {}),
        attributes: attributesJson("certificates", v.attributes),
        ...tagsOf(v),
        ...(object.policy ? { policy: policyJson(base, object) } : {}),
        pending: { id: `${objectUrl(base, "certificates", object.name)}/pending` },
      };
    }
  }
}

/** A list entry: no version in the id when listing objects, the version's id when listing versions. */
export function item(base: string, object: VaultObject, version: ObjectVersion, versioned = false): Json {
  const id = objectUrl(base, object.kind, object.name, versioned ? version.version : undefined);
  const attributes = attributesJson(object.kind, version.attributes);
  switch (object.kind) {
    case "secrets":
      return { id, attributes, ...(version.contentType !== undefined ? { contentType: version.contentType } : {}), ...tagsOf(version), ...managedOf(object) };
    case "keys":
      // KeyItem names its id `kid`.
      return { kid: id, attributes, ...tagsOf(version), ...managedOf(object) };
    case "certificates":
      return { id, attributes, ...tagsOf(version), x5t: (version as ObjectVersion<"certificates">).payload.x5t };
  }
}

function deletionJson(base: string, object: VaultObject): Json {
  if (!object.deleted) throw new Error(`${object.kind}/${object.name} is not deleted`);
  return {
    recoveryId: recoveryUrl(base, object.kind, object.name),
    deletedDate: object.deleted.deletedDate,
    scheduledPurgeDate: object.deleted.scheduledPurgeDate,
  };
}

/** The answer to delete and get-deleted: the current version without a secret value, plus deletion data. */
export function deletedBundle(base: string, object: VaultObject): Json {
  return { ...deletionJson(base, object), ...bundle(base, object, latest(object), false) };
}

export function deletedItem(base: string, object: VaultObject): Json {
  return { ...deletionJson(base, object), ...item(base, object, latest(object)) };
}

function policyJson(base: string, object: VaultObject): Json {
  const p = object.policy;
  if (!p) return {};
  return {
    id: `${objectUrl(base, "certificates", object.name)}/policy`,
    key_props: { exportable: true, kty: p.kty, ...(p.kty === "RSA" ? { key_size: 2048 } : { crv: "P-256" }), reuse_key: false },
    secret_props: { contentType: p.contentType },
    x509_props: {
      subject: p.subject,
      sans: {},
      ekus: ["1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"],
      key_usage: ["digitalSignature", "keyEncipherment"],
      validity_months: p.validityMonths,
      basic_constraints: { ca: false },
    },
    lifetime_actions: [{ trigger: { lifetime_percentage: 80 }, action: { action_type: "AutoRenew" } }],
    issuer: { name: "Self" },
    attributes: { enabled: true, created: p.created, updated: p.updated },
  };
}

/**
 * The completed creation operation of a certificate (`/certificates/{name}/pending`). Issuance is
 * immediate here, so there is no CSR to show (the field is optional in the spec).
 */
export function certificateOperation(base: string, object: VaultObject<"certificates">): Json {
  return {
    id: `${objectUrl(base, "certificates", object.name)}/pending`,
    issuer: { name: "Self" },
    cancellation_requested: false,
    status: "completed",
    target: objectUrl(base, "certificates", object.name),
    request_id: object.requestId,
  };
}
