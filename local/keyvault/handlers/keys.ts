import { bundle } from "../bundles";
import { Handler, nameOf, ok } from "../context";
import { badParameter } from "../errors";
import { EC_KEY_OPS, KeyType, PublicJwk, RSA_KEY_OPS } from "../material";
import { bodyObject, optionalBoolean, optionalObject, optionalString, optionalStringArray, optionalTags, requiredString } from "./body";

/** RSA-HSM and EC-HSM are stored as their software types: the emulator has no HSM distinction to keep. */
export function keyType(kty: string): KeyType {
  if (kty === "RSA" || kty === "RSA-HSM") return "RSA";
  if (kty === "EC" || kty === "EC-HSM") return "EC";
  throw badParameter(`Unsupported key type '${kty}': the emulator creates RSA and EC keys only.`);
}

/** `POST /keys/{name}/create`: a new version, `{kty, key_ops?, attributes?, tags?}`. */
export const createKey: Handler = (vault, request) => {
  const body = bodyObject(request.body, true);
  const name = nameOf(request);
  const version = vault.store.createKey(name, {
    kty: keyType(requiredString(body, "kty")),
    keyOps: optionalStringArray(body, "key_ops"),
    tags: optionalTags(body),
    enabled: optionalBoolean(optionalObject(body, "attributes") ?? {}, "enabled"),
  });
  return ok(bundle(vault.baseUrl, vault.store.live("keys", name), version));
};

/** `PUT /keys/{name}`: import `{key: JWK, attributes?, tags?}`; only the public parts are kept. */
export const importKey: Handler = (vault, request) => {
  const body = bodyObject(request.body, true);
  const key = optionalObject(body, "key");
  if (!key) throw badParameter("Property 'key' is required.");
  const kty = keyType(requiredString(key, "kty"));
  const keyOps = optionalStringArray(key, "key_ops") ?? (kty === "RSA" ? RSA_KEY_OPS : EC_KEY_OPS);
  const jwk: PublicJwk =
    kty === "RSA"
      ? { kty, key_ops: keyOps, n: requiredString(key, "n"), e: requiredString(key, "e") }
      : { kty, key_ops: keyOps, crv: optionalString(key, "crv") ?? "P-256", x: requiredString(key, "x"), y: requiredString(key, "y") };
  const name = nameOf(request);
  const version = vault.store.createKey(name, { kty, jwk, tags: optionalTags(body), enabled: optionalBoolean(optionalObject(body, "attributes") ?? {}, "enabled") });
  return ok(bundle(vault.baseUrl, vault.store.live("keys", name), version));
};
