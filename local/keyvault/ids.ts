import { randomBytes } from "node:crypto";
import { badParameter } from "./errors";
import { ObjectKind } from "./types";

/** Version ids are 32 lower-case hex characters, as in every recorded Key Vault id. */
export function newVersionId(): string {
  return randomBytes(16).toString("hex");
}

/** Key Vault attributes carry times as Unix seconds. */
export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

/** `{base}{kind}/{name}` or `{base}{kind}/{name}/{version}`; `base` ends with a slash. */
export function objectUrl(base: string, kind: ObjectKind, name: string, version?: string): string {
  return `${base}${kind}/${name}${version ? `/${version}` : ""}`;
}

/** `{base}deleted{kind}/{name}`: the recoveryId of a soft-deleted object. */
export function recoveryUrl(base: string, kind: ObjectKind, name: string): string {
  return `${base}deleted${kind}/${name}`;
}

/** Object names: 1-127 letters, digits and dashes (the spec's pattern `^[0-9a-zA-Z-]+$`). */
export function checkName(name: string): void {
  if (!/^[0-9a-zA-Z-]{1,127}$/.test(name)) {
    throw badParameter(`The request URI contains an invalid name: ${name}`);
  }
}
