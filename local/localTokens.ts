import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * Tokens the local servers accept are signed with a key made fresh in each process (HS256): a workflow that
 * writes its own Authorization header cannot pass for another identity, as it could not in Azure.
 */
const KEY = randomBytes(32);

const b64url = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
const signatureOf = (signingInput: string) => createHmac("sha256", KEY).update(signingInput).digest("base64url");

/** A JWT for these claims, signed with this process's key. */
export function signToken(claims: Record<string, unknown>): string {
  const signingInput = `${b64url({ alg: "HS256", typ: "JWT" })}.${b64url(claims)}`;
  return `${signingInput}.${signatureOf(signingInput)}`;
}

/** Whether a three-part token was signed with this process's key. */
export function signedHere(token: string): boolean {
  const parts = token.split(".");
  if (parts.length !== 3) return false;
  const expected = Buffer.from(signatureOf(`${parts[0]}.${parts[1]}`));
  const given = Buffer.from(parts[2]);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** Whether a token's claims are in force now (`nbf` <= now < `exp`, where given). */
export function inForce(claims: Record<string, unknown>, nowSeconds = Math.floor(Date.now() / 1000)): boolean {
  const exp = typeof claims.exp === "number" ? claims.exp : undefined;
  const nbf = typeof claims.nbf === "number" ? claims.nbf : undefined;
  return (exp === undefined || nowSeconds < exp) && (nbf === undefined || nbf <= nowSeconds);
}

/** The claims of a three-part token, or undefined when it is not one. */
export function claimsOf(token: string): Record<string, unknown> | undefined {
  const parts = token.split(".");
  if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]*$/.test(p))) return undefined;
  try {
    const payload: unknown = JSON.parse(Buffer.from(parts[1], "base64url").toString("utf8"));
    return typeof payload === "object" && payload !== null && !Array.isArray(payload) ? (payload as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
