import { badParameter } from "../errors";

/** Readers for JSON request bodies: a wrong type is a 400 BadParameter naming the property. */

export type JsonObject = Record<string, unknown>;

const isObject = (value: unknown): value is JsonObject => typeof value === "object" && value !== null && !Array.isArray(value);

/** The body as an object; a missing body counts as `{}` only when `required` is false. */
export function bodyObject(body: unknown, required: boolean): JsonObject {
  if (body === undefined && !required) return {};
  if (!isObject(body)) throw badParameter("The request body must be a JSON object.");
  return body;
}

export function optionalObject(parent: JsonObject, key: string): JsonObject | undefined {
  const value = parent[key];
  if (value === undefined || value === null) return undefined;
  if (!isObject(value)) throw badParameter(`Property '${key}' must be an object.`);
  return value;
}

export function optionalString(parent: JsonObject, key: string): string | undefined {
  const value = parent[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw badParameter(`Property '${key}' must be a string.`);
  return value;
}

export function requiredString(parent: JsonObject, key: string): string {
  const value = optionalString(parent, key);
  if (value === undefined) throw badParameter(`Property '${key}' is required.`);
  return value;
}

export function optionalBoolean(parent: JsonObject, key: string): boolean | undefined {
  const value = parent[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "boolean") throw badParameter(`Property '${key}' must be a boolean.`);
  return value;
}

export function optionalInteger(parent: JsonObject, key: string): number | undefined {
  const value = parent[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value)) throw badParameter(`Property '${key}' must be an integer.`);
  return value;
}

export function optionalStringArray(parent: JsonObject, key: string): string[] | undefined {
  const value = parent[key];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || !value.every((v) => typeof v === "string")) throw badParameter(`Property '${key}' must be an array of strings.`);
  return value as string[];
}

/** `tags`: string values only. */
export function optionalTags(parent: JsonObject): Record<string, string> | undefined {
  const tags = optionalObject(parent, "tags");
  if (tags === undefined) return undefined;
  for (const [k, v] of Object.entries(tags)) if (typeof v !== "string") throw badParameter(`Tag '${k}' must have a string value.`);
  return tags as Record<string, string>;
}
