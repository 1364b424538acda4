/**
 * Security headers of every response. The Content-Security-Policy is per request (proxy.ts):
 * scripts run only with this request's nonce (Next.js adds it to its own scripts when it finds
 * the policy on the request), and whatever those scripts load ('strict-dynamic'); no plugins,
 * no <base> hijack, no framing (clickjacking of the action buttons).
 */
export const STATIC_SECURITY_HEADERS = [
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
] as const;

/** 128 random bits, base64: unguessable, and a new one for every request. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

export function contentSecurityPolicy(
  nonce: string,
  { development, identityProvider }: { development: boolean; identityProvider?: string },
): string {
  // The sign-in form posts to the app, which redirects to the identity provider: browsers apply
  // form-action to that redirect too, so the provider's origin (only) is allowed beside 'self'.
  const idp = identityProvider ? ` ${new URL(identityProvider).origin}` : "";
  return [
    "default-src 'self'",
    // React's dev tooling evaluates code (error stacks, refresh); never in production.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    // Inline style attributes are how charts size and colour their SVG; styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    // Same-origin fetches only (the live dashboards' API routes); dev adds the refresh socket.
    `connect-src 'self'${development ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    `form-action 'self'${idp}`,
    "frame-ancestors 'none'",
  ].join("; ");
}
