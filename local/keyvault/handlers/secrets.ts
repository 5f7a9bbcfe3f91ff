import { bundle } from "../bundles";
import { Handler, nameOf, ok } from "../context";
import { bodyObject, optionalBoolean, optionalInteger, optionalObject, optionalString, optionalTags, requiredString } from "./body";

/** `PUT /secrets/{name}`: a new version, `{value, contentType?, tags?, attributes?}`. */
export const setSecret: Handler = (vault, request) => {
  const body = bodyObject(request.body, true);
  const attributes = optionalObject(body, "attributes") ?? {};
  const version = vault.store.setSecret(nameOf(request), {
    value: requiredString(body, "value"),
    contentType: optionalString(body, "contentType"),
    tags: optionalTags(body),
    enabled: optionalBoolean(attributes, "enabled"),
    nbf: optionalInteger(attributes, "nbf"),
    exp: optionalInteger(attributes, "exp"),
  });
  return ok(bundle(vault.baseUrl, vault.store.live("secrets", nameOf(request)), version));
};
