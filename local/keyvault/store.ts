import { purgeProtected, deletedButRecoverable, deletedNotFound, managedByCertificate, nameTaken, notFound, restoreConflict } from "./errors";
import { checkName, newVersionId, nowSeconds, objectUrl } from "./ids";
import { KeyType, PublicJwk, certificateMaterial, ecPublicJwk, pkcs12Placeholder, rsaPublicJwk } from "./material";
import { ObjectKind, ObjectSummary, VaultInventory } from "./types";

/** Soft delete is on for every new vault and the default retention is 90 days; purge protection is off. */
export const RETENTION_DAYS = 90;

/** A vault's soft-delete settings, as its resource sets them. */
export interface SoftDeleteSettings {
  retentionDays: number;
  purgeProtection: boolean;
  /** How 403 messages name the vault. */
  vault: { name: string; location: string };
}
export const RECOVERY_LEVEL = "Recoverable+Purgeable";

export interface Attributes {
  enabled: boolean;
  /** Unix seconds. */
  created: number;
  updated: number;
  nbf?: number;
  exp?: number;
}

export interface SecretPayload {
  value: string;
}
export interface KeyPayload {
  jwk: PublicJwk;
}
export interface CertificatePayload {
  cer: string;
  x5t: string;
}
export interface PayloadOf {
  secrets: SecretPayload;
  keys: KeyPayload;
  certificates: CertificatePayload;
}

export interface ObjectVersion<K extends ObjectKind = ObjectKind> {
  version: string;
  attributes: Attributes;
  tags?: Record<string, string>;
  contentType?: string;
  payload: PayloadOf[K];
}

/** What a certificate was created with; echoed as its `policy`. */
export interface CertificatePolicy {
  subject: string;
  kty: KeyType;
  contentType: string;
  validityMonths: number;
  created: number;
  updated: number;
}

export interface Deletion {
  deletedDate: number;
  scheduledPurgeDate: number;
}

export interface VaultObject<K extends ObjectKind = ObjectKind> {
  kind: K;
  name: string;
  /** True for the key and secret backing a certificate: Key Vault manages their lifetime. */
  managed: boolean;
  /** Oldest first; the last one is the current version. */
  versions: ObjectVersion<K>[];
  /** Set while soft-deleted. A name is either live or deleted, never both. */
  deleted?: Deletion;
  /** Certificates only. */
  policy?: CertificatePolicy;
  /** Certificates only: the id of the creation operation served at `/certificates/{name}/pending`. */
  requestId?: string;
}

/** Everything a backup blob carries: the object, and for a certificate also its managed key and secret. */
export interface BackupContent {
  kind: ObjectKind;
  name: string;
  objects: VaultObject[];
}

export interface SecretInput {
  value: string;
  contentType?: string;
  tags?: Record<string, string>;
  enabled?: boolean;
  nbf?: number;
  exp?: number;
}

export interface KeyInput {
  kty: KeyType;
  keyOps?: string[];
  tags?: Record<string, string>;
  enabled?: boolean;
  /** Imported public material; generated when absent. */
  jwk?: PublicJwk;
}

export interface CertificateInput {
  subject?: string;
  kty?: KeyType;
  contentType?: string;
  validityMonths?: number;
  tags?: Record<string, string>;
  enabled?: boolean;
}

type Collections = { [K in ObjectKind]: Map<string, VaultObject<K>> };

const DAY = 86_400;
const CERTIFICATE_KEY_OPS = ["sign", "verify", "wrapKey", "unwrapKey", "encrypt", "decrypt"];

/**
 * One vault's objects, their versions and soft-delete state, with Key Vault's rules: a soft-deleted name
 * cannot be reused, the key and secret of a certificate follow the certificate and refuse direct writes,
 * restore refuses any name that is live or soft-deleted. Rule violations throw KeyVaultError.
 */
export class VaultStore {
  private readonly collections: Collections = { secrets: new Map(), keys: new Map(), certificates: new Map() };

  /** `baseUrl` is the vault URL with its trailing slash; ids in error messages are built from it. */
  constructor(
    readonly baseUrl: string,
    private readonly softDelete: SoftDeleteSettings = { retentionDays: RETENTION_DAYS, purgeProtection: false, vault: { name: "vault", location: "westeurope" } },
  ) {}

  /** The object, live or soft-deleted; names compare case-insensitively, as Key Vault's identifiers do. */
  find<K extends ObjectKind>(kind: K, name: string): VaultObject<K> | undefined {
    return this.collections[kind].get(nameKey(name));
  }

  /** The live object, or 404. */
  live<K extends ObjectKind>(kind: K, name: string): VaultObject<K> {
    const object = this.find(kind, name);
    if (!object || object.deleted) throw notFound(kind, name);
    return object;
  }

  /** The soft-deleted object, or 404 "Deleted ... not found". */
  deletedObject<K extends ObjectKind>(kind: K, name: string): VaultObject<K> {
    const object = this.find(kind, name);
    if (!object?.deleted) throw deletedNotFound(kind, name);
    return object;
  }

  /** Live or soft-deleted objects of a kind, sorted by name (the paging order). */
  list<K extends ObjectKind>(kind: K, deleted: boolean): VaultObject<K>[] {
    return [...this.collections[kind].values()].filter((o) => Boolean(o.deleted) === deleted).sort((a, b) => compareNames(a.name, b.name));
  }

  setSecret(name: string, input: SecretInput): ObjectVersion<"secrets"> {
    this.checkWritable("secrets", name, "set");
    const version: ObjectVersion<"secrets"> = {
      version: newVersionId(),
      attributes: newAttributes(input.enabled, input.nbf, input.exp),
      payload: { value: input.value },
      ...(input.contentType !== undefined ? { contentType: input.contentType } : {}),
      ...(input.tags ? { tags: { ...input.tags } } : {}),
    };
    this.addVersion("secrets", name, version, false);
    return version;
  }

  createKey(name: string, input: KeyInput): ObjectVersion<"keys"> {
    this.checkWritable("keys", name, "create");
    const jwk = input.jwk ?? (input.kty === "EC" ? ecPublicJwk(input.keyOps) : rsaPublicJwk(input.keyOps));
    const version: ObjectVersion<"keys"> = {
      version: newVersionId(),
      attributes: newAttributes(input.enabled),
      payload: { jwk },
      ...(input.tags ? { tags: { ...input.tags } } : {}),
    };
    this.addVersion("keys", name, version, false);
    return version;
  }

  /**
   * A new certificate version, completed at once (self-signed issuance), together with a new version of
   * its managed key and secret under the same name and version id, as Key Vault creates them.
   */
  createCertificate(name: string, input: CertificateInput = {}): ObjectVersion<"certificates"> {
    checkName(name);
    const existing = this.find("certificates", name);
    if (existing?.deleted) throw deletedButRecoverable("certificates", name);
    for (const kind of ["keys", "secrets"] as const) {
      const holder = this.find(kind, name);
      if (holder && !holder.managed) throw nameTaken("certificates", name, kind);
    }
    const now = nowSeconds();
    const validityMonths = input.validityMonths ?? 12;
    const attributes = (): Attributes => ({
      enabled: input.enabled ?? true,
      created: now,
      updated: now,
      nbf: now - 600,
      exp: now + validityMonths * 30 * DAY,
    });
    const kty = input.kty ?? "RSA";
    const contentType = input.contentType ?? "application/x-pkcs12";
    const id = newVersionId();
    const certificate: ObjectVersion<"certificates"> = {
      version: id,
      attributes: attributes(),
      payload: certificateMaterial(kty),
      ...(input.tags ? { tags: { ...input.tags } } : {}),
    };
    const object = this.addVersion("certificates", name, certificate, false);
    object.policy = { subject: input.subject ?? `CN=${name}`, kty, contentType, validityMonths, created: existing?.policy?.created ?? now, updated: now };
    object.requestId = newVersionId();
    const jwk = kty === "EC" ? ecPublicJwk(["sign", "verify"]) : rsaPublicJwk(CERTIFICATE_KEY_OPS);
    this.addVersion("keys", name, { version: id, attributes: attributes(), payload: { jwk } }, true);
    this.addVersion("secrets", name, { version: id, attributes: attributes(), contentType, payload: { value: pkcs12Placeholder(kty) } }, true);
    return certificate;
  }

  /** Soft delete; a certificate takes its key and secret with it. Returns the deleted object. */
  delete<K extends ObjectKind>(kind: K, name: string): VaultObject<K> {
    const object = this.live(kind, name);
    this.refuseManaged(object, "delete");
    const now = nowSeconds();
    for (const o of this.family(object)) o.deleted = { deletedDate: now, scheduledPurgeDate: now + this.softDelete.retentionDays * DAY };
    return object;
  }

  recover<K extends ObjectKind>(kind: K, name: string): VaultObject<K> {
    const object = this.deletedObject(kind, name);
    this.refuseManaged(object, "recover");
    for (const o of this.family(object)) delete o.deleted;
    return object;
  }

  purge(kind: ObjectKind, name: string): void {
    const object = this.deletedObject(kind, name);
    this.refuseManaged(object, "purge");
    if (this.softDelete.purgeProtection) throw purgeProtected(this.softDelete.vault.name, this.softDelete.vault.location);
    for (const o of this.family(object)) this.collections[o.kind].delete(nameKey(o.name));
  }

  /** Remove the objects of a backup again, without a trace (for the discarded-restore fault). */
  forget(content: BackupContent): void {
    for (const o of content.objects) this.collections[o.kind].delete(nameKey(o.name));
  }

  /** What a backup of the live object holds: every version and attribute, deep-copied. */
  backupContent(kind: ObjectKind, name: string): BackupContent {
    const object = this.live(kind, name);
    this.refuseManaged(object, "backup");
    const objects = this.family(object).map((o) => {
      const copy = structuredClone(o) as VaultObject;
      delete copy.deleted;
      return copy;
    });
    return { kind, name, objects };
  }

  /**
   * Recreate the objects of a backup with their versions, version ids and attributes. Rejected with 409 if
   * any of the names is live or soft-deleted in this vault.
   */
  restore(content: BackupContent): VaultObject {
    const main = content.objects.find((o) => o.kind === content.kind && o.name === content.name);
    if (!main) throw new Error("backup content without its main object");
    const latest = main.versions[main.versions.length - 1]?.version;
    if (content.objects.some((o) => this.find(o.kind, o.name))) {
      throw restoreConflict(content.kind, objectUrl(this.baseUrl, content.kind, content.name, latest));
    }
    for (const o of content.objects) this.insert(structuredClone(o));
    return this.live(content.kind, content.name);
  }

  inventory(): VaultInventory {
    const summaries = (kind: ObjectKind): ObjectSummary[] =>
      this.list(kind, false).map((o) => ({
        name: o.name,
        versions: o.versions.map((v) => v.version),
        enabled: o.versions[o.versions.length - 1].attributes.enabled,
        managed: o.managed,
      }));
    return { secrets: summaries("secrets"), keys: summaries("keys"), certificates: summaries("certificates") };
  }

  /** A certificate with its managed key and secret, or the object alone. */
  private family(object: VaultObject): VaultObject[] {
    if (object.kind !== "certificates") return [object];
    const members: VaultObject[] = [object];
    for (const kind of ["keys", "secrets"] as const) {
      const member = this.find(kind, object.name);
      if (member?.managed) members.push(member);
    }
    return members;
  }

  private refuseManaged(object: VaultObject, operation: string): void {
    if (object.managed && object.kind !== "certificates") throw managedByCertificate(object.kind, operation);
  }

  /** New versions may not go to a soft-deleted name, nor to a key or secret a certificate manages. */
  private checkWritable(kind: "secrets" | "keys", name: string, operation: string): void {
    checkName(name);
    const existing = this.find(kind, name);
    if (existing?.deleted) throw deletedButRecoverable(kind, name);
    if (existing?.managed) throw managedByCertificate(kind, operation);
  }

  private addVersion<K extends ObjectKind>(kind: K, name: string, version: ObjectVersion<K>, managed: boolean): VaultObject<K> {
    const collection = this.collections[kind];
    let object = collection.get(nameKey(name));
    if (!object) {
      object = { kind, name, managed, versions: [] };
      collection.set(nameKey(name), object);
    }
    object.versions.push(version);
    return object;
  }

  private insert(object: VaultObject): void {
    (this.collections[object.kind] as Map<string, VaultObject>).set(nameKey(object.name), object);
  }
}

/** "Key Vault object identifiers ... should always be compared as case-insensitive strings" (about-keys-secrets-and-certificates). */
const nameKey = (name: string): string => name.toLowerCase();

function newAttributes(enabled = true, nbf?: number, exp?: number): Attributes {
  const now = nowSeconds();
  return { enabled, created: now, updated: now, ...(nbf !== undefined ? { nbf } : {}), ...(exp !== undefined ? { exp } : {}) };
}

/** Plain code-unit order: the order pages are served in, and what the paging cursor compares against. */
export function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
