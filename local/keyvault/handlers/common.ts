import { decodeBackup, encodeBackup } from "../backupBlob";
import { bundle, deletedBundle, deletedItem, item, latest } from "../bundles";
import { Handler, KvRequest, KvResponse, VaultContext, nameOf, ok } from "../context";
import { badParameter, notFound, secretDisabled } from "../errors";
import { decodeSkipToken, nextLink, pageSize, slicePage } from "../paging";
import { bodyObject, optionalString } from "./body";

/** Operations that work the same way for secrets, keys and certificates. */

/**
 * One page of a list. With the empty-page fault, a position first answers `{value: [], nextLink}` whose
 * link serves the real page, so even a rate of 1 alternates empty and real pages and always terminates.
 */
function paged<T>(vault: VaultContext, request: KvRequest, path: string, items: T[], key: (item: T) => string, toJson: (item: T) => unknown): KvResponse {
  const size = pageSize(request.query);
  const cursor = decodeSkipToken(request.query.get("$skiptoken"));
  if (vault.faults.endless()) return ok({ value: [], nextLink: nextLink(vault.baseUrl, path, cursor, request.query) });
  if (vault.faults.malformed()) return ok({ value: "not a page", nextLink: null });
  if (!cursor.emptyServed && vault.faults.emptyPage()) {
    return ok({ value: [], nextLink: nextLink(vault.baseUrl, path, { ...cursor, emptyServed: true }, request.query) });
  }
  const { page, more } = slicePage(items, key, cursor, size);
  const next = more ? nextLink(vault.baseUrl, path, { after: key(page[page.length - 1]) }, request.query) : null;
  return ok({ value: page.map(toJson), nextLink: next });
}

export const list: Handler = (vault, request) =>
  paged(vault, request, request.kind, vault.store.list(request.kind, false), (o) => o.name, (o) => item(vault.baseUrl, o, latest(o)));

export const listVersions: Handler = (vault, request) => {
  const object = vault.store.live(request.kind, nameOf(request));
  return paged(vault, request, `${request.kind}/${object.name}/versions`, object.versions, (v) => v.version, (v) => item(vault.baseUrl, object, v, true));
};

/** `GET /{kind}/{name}/{version?}`: the current version when no version is given (the SDK sends a trailing slash). */
export const get: Handler = (vault, request) => {
  const name = nameOf(request);
  const object = vault.store.live(request.kind, name);
  const version = request.version === undefined ? latest(object) : object.versions.find((v) => v.version === request.version);
  if (!version) throw notFound(request.kind, `${name}/${request.version}`);
  if (request.kind === "secrets" && !version.attributes.enabled) throw secretDisabled();
  return ok(bundle(vault.baseUrl, object, version));
};

export const backup: Handler = (vault, request) =>
  ok({ value: encodeBackup(vault.store.backupContent(request.kind, nameOf(request)), vault.scope, { generation: vault.backupSizeGeneration }) });

export const restore: Handler = (vault, request) => {
  const value = optionalString(bodyObject(request.body, true), "value");
  if (!value) throw badParameter("Property 'value' is required: the backup blob to restore.");
  const content = decodeBackup(value, request.kind, vault.scope);
  const object = vault.store.restore(content);
  const answer = ok(bundle(vault.baseUrl, object, latest(object), false));
  if (vault.faults.discardsRestoreOf(content.name)) vault.store.forget(content);
  return vault.faults.loseRestoreAnswerOf(content.name) ? { ...answer, lost: true } : answer;
};

export const remove: Handler = (vault, request) => ok(deletedBundle(vault.baseUrl, vault.store.delete(request.kind, nameOf(request))));

export const listDeleted: Handler = (vault, request) =>
  paged(vault, request, `deleted${request.kind}`, vault.store.list(request.kind, true), (o) => o.name, (o) => deletedItem(vault.baseUrl, o));

export const getDeleted: Handler = (vault, request) => ok(deletedBundle(vault.baseUrl, vault.store.deletedObject(request.kind, nameOf(request))));

export const recover: Handler = (vault, request) => {
  const object = vault.store.recover(request.kind, nameOf(request));
  return ok(bundle(vault.baseUrl, object, latest(object), false));
};

export const purge: Handler = (vault, request) => {
  vault.store.purge(request.kind, nameOf(request));
  return { status: 204 };
};
