import { KeyClient } from "@azure/keyvault-keys";
import { SecretClient } from "@azure/keyvault-secrets";
import { KeyVaultEmulator, KeyVaultEmulatorOptions } from "../../../local/keyvault";

/** The SDK test credential: any token works against the emulator; "fake" is opaque (not a JWT). */
export const fakeCredential = { getToken: async () => ({ token: "fake", expiresOnTimestamp: Date.now() + 3600e3 }) };

/** Plain http on loopback: the SDK needs both to talk to the emulator. */
export const clientOptions = { allowInsecureConnection: true, disableChallengeResourceVerification: true };

export const secretClient = (vault: KeyVaultEmulator): SecretClient => new SecretClient(vault.url, fakeCredential, clientOptions);
export const keyClient = (vault: KeyVaultEmulator): KeyClient => new KeyClient(vault.url, fakeCredential, clientOptions);

/**
 * Call inside a `describe`: returns a starter for vaults that are all stopped after each test, so a failing
 * test never leaves a port open.
 */
export function useVaults(): (options?: Partial<KeyVaultEmulatorOptions>) => Promise<KeyVaultEmulator> {
  const started: KeyVaultEmulator[] = [];
  afterEach(async () => {
    await Promise.all(started.splice(0).map((v) => v.stop()));
  });
  let n = 0;
  return async (options = {}) => {
    const vault = await KeyVaultEmulator.start({ name: `vault${++n}`, ...options });
    started.push(vault);
    return vault;
  };
}

export interface AzureErrorBody {
  error: { code: string; message: string; innererror?: { code: string } };
}

export interface ListPage<T = Record<string, unknown>> {
  value: T[];
  nextLink: string | null;
}

export interface KvAnswer {
  status: number;
  headers: Headers;
  /** Parsed JSON, or undefined for an empty body. */
  body: unknown;
}

export interface KvCallOptions {
  body?: unknown;
  /** The bearer token; null sends no Authorization header. Default "fake". */
  token?: string | null;
  /** Appended unless null or already in the path. Default 2025-07-01. */
  apiVersion?: string | null;
}

/** An HTTP call the way a Logic App HTTP action makes it: `path` is relative to the vault URL, or absolute. */
export async function kv(vault: KeyVaultEmulator, method: string, path: string, options: KvCallOptions = {}): Promise<KvAnswer> {
  const url = new URL(path, vault.url);
  const apiVersion = options.apiVersion === undefined ? "2025-07-01" : options.apiVersion;
  if (apiVersion !== null && !url.searchParams.has("api-version")) url.searchParams.set("api-version", apiVersion);
  const token = options.token === undefined ? "fake" : options.token;
  const headers: Record<string, string> = {};
  if (token !== null) headers.Authorization = `Bearer ${token}`;
  if (options.body !== undefined) headers["Content-Type"] = "application/json";
  const response = await fetch(url, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as unknown) : undefined };
}

export const errorOf = (answer: KvAnswer): AzureErrorBody["error"] => (answer.body as AzureErrorBody).error;
export const pageOf = <T = Record<string, unknown>>(answer: KvAnswer): ListPage<T> => answer.body as ListPage<T>;

/** Follow nextLink as is until it is absent or null, as the workflows do; never stop on an empty page. */
export async function listAll<T = Record<string, unknown>>(vault: KeyVaultEmulator, firstPath: string, maxPages = 100): Promise<{ items: T[]; pages: ListPage<T>[] }> {
  const pages: ListPage<T>[] = [];
  let next: string | null = firstPath;
  while (next) {
    if (pages.length >= maxPages) throw new Error(`more than ${maxPages} pages: paging does not terminate`);
    const answer = await kv(vault, "GET", next);
    if (answer.status !== 200) throw new Error(`GET ${next} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    const page = pageOf<T>(answer);
    pages.push(page);
    next = page.nextLink;
  }
  return { items: pages.flatMap((p) => p.value), pages };
}

/** The last path segment of an id: the name for list items, the version for versioned ids. */
export const lastSegment = (id: string): string => id.split("/").filter(Boolean).pop() ?? "";

/** A small deterministic PRNG (mulberry32) for fault injection. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An unsigned JWT with the given claims: the emulator reads `aud` and ignores the signature. */
export function jwt(claims: Record<string, unknown>): string {
  const part = (o: unknown): string => Buffer.from(JSON.stringify(o)).toString("base64url");
  return `${part({ alg: "RS256", typ: "JWT" })}.${part(claims)}.${Buffer.from("signature").toString("base64url")}`;
}

/** The HTTP status of an SDK RestError (or anything else thrown). */
export async function statusOf(promise: Promise<unknown>): Promise<{ statusCode?: number; code?: string; message: string }> {
  try {
    await promise;
  } catch (e) {
    const err = e as { statusCode?: number; code?: string; message?: string };
    return { statusCode: err.statusCode, code: err.code, message: err.message ?? String(e) };
  }
  throw new Error("expected the call to fail");
}
