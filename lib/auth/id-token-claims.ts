/** The claims of an ID token the auth library has already verified (signature, issuer,
 * audience, nonce) at the callback; this only reads its payload. */
export function idTokenClaims(idToken: string | null | undefined): Record<string, unknown> | null {
  const payload = idToken?.split(".")[1];
  if (!payload) return null;
  try {
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as unknown;
    return claims && typeof claims === "object" ? (claims as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** What Firebreak keeps of a provider sign-in on the person: their stable id and groups. */
export function identityFromIdToken(
  issuer: string,
  idToken: string | null | undefined,
): { externalId: string; groups: string } | null {
  const claims = idTokenClaims(idToken);
  if (!claims || typeof claims.sub !== "string") return null;
  const groups = Array.isArray(claims.groups) ? claims.groups.filter((g) => typeof g === "string") : [];
  return { externalId: `${issuer}#${claims.sub}`, groups: JSON.stringify(groups) };
}
