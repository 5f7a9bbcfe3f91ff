import { certificateOperation } from "../bundles";
import { Handler, nameOf, ok } from "../context";
import { bodyObject, optionalBoolean, optionalInteger, optionalObject, optionalString, optionalTags } from "./body";
import { objectUrl } from "../ids";
import { KeyType } from "../material";
import { keyType } from "./keys";

const keyTypeOf = (kty: string | undefined): KeyType | undefined => (kty === undefined ? undefined : keyType(kty));

/**
 * `POST /certificates/{name}/create`: answered 202 with the creation operation, as Key Vault does, but
 * already `completed` (self-signed issuance is immediate here), with a Location to `/pending`. Also creates
 * the managed key and secret of the same name and version.
 */
export const createCertificate: Handler = (vault, request) => {
  const body = bodyObject(request.body, false);
  const policy = optionalObject(body, "policy") ?? {};
  const x509 = optionalObject(policy, "x509_props") ?? {};
  const name = nameOf(request);
  vault.store.createCertificate(name, {
    subject: optionalString(x509, "subject"),
    validityMonths: optionalInteger(x509, "validity_months"),
    kty: keyTypeOf(optionalString(optionalObject(policy, "key_props") ?? {}, "kty")),
    contentType: optionalString(optionalObject(policy, "secret_props") ?? {}, "contentType"),
    tags: optionalTags(body),
    enabled: optionalBoolean(optionalObject(body, "attributes") ?? {}, "enabled"),
  });
  const operation = certificateOperation(vault.baseUrl, vault.store.live("certificates", name));
  const location = `${objectUrl(vault.baseUrl, "certificates", name)}/pending?api-version=${request.query.get("api-version")}&request_id=${String(operation.request_id)}`;
  return { status: 202, body: operation, headers: { Location: location } };
};

/** `GET /certificates/{name}/pending`: the (completed) creation operation. */
export const pendingOperation: Handler = (vault, request) => ok(certificateOperation(vault.baseUrl, vault.store.live("certificates", nameOf(request))));
