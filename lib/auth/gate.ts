import "server-only";
import { NextResponse, type NextRequest } from "next/server";

import { can } from "./permissions";
import { hasSessionCookie, sessionFromHeaders } from "./session";

/** Paths a visitor without a session may reach: the sign-in page and protocol endpoints, the
 * health probes, the Alertmanager webhook (a machine, authenticated by its token or HMAC in the
 * route itself), Prometheus's scrape of /metrics (bearer token checked in the route), and
 * static files. Everything else needs a session. */
const PUBLIC = [
  /^\/sign-in(\/|$)/,
  /^\/api\/auth(\/|$)/,
  /^\/api\/health(\/live|\/ready)?$/,
  /^\/api\/alerts\/webhook$/,
  /^\/metrics$/,
  /^\/favicon\.ico$/,
  /^\/(icon\.svg|icon-\d+\.png|manifest\.webmanifest)$/,
  /^\/_next\//,
];

export function isPublicPath(pathname: string): boolean {
  return PUBLIC.some((re) => re.test(pathname));
}

/**
 * The sign-in gate of the proxy. Pages: no valid session -> redirect to sign-in (with the
 * path to return to); a person with no role -> the sign-in page says so. API routes without a
 * session cookie -> 401 JSON (defineRoute checks the session itself too). Server action POSTs
 * pass through: defineAction refuses them in the form their caller understands.
 * Returns the early response, or the renewed session cookie (if any) to pass on.
 */
export async function authGate(request: NextRequest): Promise<NextResponse | { setCookie: string[] }> {
  const { pathname, search } = request.nextUrl;
  if (isPublicPath(pathname) || request.headers.has("next-action")) return { setCookie: [] };
  if (pathname.startsWith("/api/")) {
    return hasSessionCookie(request.headers)
      ? { setCookie: [] }
      : NextResponse.json(
          { error: "Sign in first." },
          { status: 401, headers: { "Cache-Control": "no-store" } },
        );
  }
  let session: Awaited<ReturnType<typeof sessionFromHeaders>>;
  try {
    session = await sessionFromHeaders(request.headers);
  } catch (e) {
    console.error("[auth] session lookup failed", e);
    return new NextResponse(
      "Sign-in is unavailable: the session store cannot be reached. Try again shortly.",
      {
        status: 503,
        headers: { "Content-Type": "text/plain; charset=utf-8", "Retry-After": "5" },
      },
    );
  }
  if (!session.actor) {
    const to = new URL("/sign-in", request.url);
    to.searchParams.set("next", `${pathname}${search}`);
    return NextResponse.redirect(to);
  }
  if (!can(session.actor, "incident:read")) {
    return NextResponse.redirect(new URL("/sign-in?error=no_role", request.url));
  }
  return { setCookie: session.setCookie };
}
