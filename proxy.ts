import { NextResponse, type NextRequest } from "next/server";

import { authGate } from "@/lib/auth/gate";
import { getEnv } from "@/lib/env";
import { contentSecurityPolicy, newNonce } from "@/lib/security-headers";
import { REQUEST_ID_HEADER, requestIdFor } from "@/lib/telemetry/request-id";

/**
 * Runs before every page and API route (Next.js proxy). Sets this request's
 * Content-Security-Policy with a fresh nonce, on the request (Next.js reads the nonce from it
 * and adds it to its scripts; app/layout.tsx reads `x-nonce` for its own inline script) and
 * on the response. The other security headers are static (next.config.ts `headers()`).
 *
 * Sign-in checks slot in before `NextResponse.next`: any response returned early (a redirect
 * to sign-in) goes through `withPolicy` too.
 */
export async function proxy(request: NextRequest): Promise<NextResponse> {
  const nonce = newNonce();
  // One id per request (an incoming sane one is kept), on the request for handlers' logs and
  // on the response for the caller.
  const requestId = requestIdFor(request.headers.get(REQUEST_ID_HEADER));
  const csp = contentSecurityPolicy(nonce, {
    development: getEnv().NODE_ENV === "development",
    identityProvider: getEnv().FIREBREAK_OIDC_ISSUER,
  });
  // Sign-in: no session -> sign-in page (pages) or 401 (API); a renewed session cookie is passed on.
  const gate = await authGate(request);
  if (gate instanceof NextResponse) return withPolicy(gate, csp, requestId);

  const headers = new Headers(request.headers);
  // A server action's answer is its small result: sent as is, not through the compressor (one
  // stream stage and a thread-pool hop less before a click's result arrives).
  if (request.headers.has("next-action")) headers.delete("accept-encoding");
  headers.set("x-nonce", nonce);
  headers.set("Content-Security-Policy", csp);
  headers.set(REQUEST_ID_HEADER, requestId);
  const response = withPolicy(NextResponse.next({ request: { headers } }), csp, requestId);
  for (const cookie of gate.setCookie) response.headers.append("Set-Cookie", cookie);
  return response;
}

function withPolicy(response: NextResponse, csp: string, requestId: string): NextResponse {
  response.headers.set("Content-Security-Policy", csp);
  response.headers.set(REQUEST_ID_HEADER, requestId);
  return response;
}

export const config = {
  // Everything but build assets, which carry no script of their own to protect.
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
