import { NextResponse } from "next/server";

import { getAuth } from "@/lib/auth/auth";
import { OIDC_PROVIDER_ID } from "@/lib/auth/auth-options";
import { logEvent } from "@/lib/telemetry/log";
import { safeNext } from "../safe-next";

export const dynamic = "force-dynamic";

/**
 * The sign-in button is a plain form POST here, so it works before (or without) the page's
 * JavaScript: at 3 a.m. on a slow link, a click must never be lost to hydration. Starts the
 * OIDC authorization-code flow (state + PKCE cookies set by the auth library) and answers 303
 * to the identity provider; any failure returns to the sign-in page with a reason.
 */
export async function POST(request: Request): Promise<Response> {
  const form = await request.formData().catch(() => null);
  const next = safeNext(form?.get("next"));
  const back = (error: string) => NextResponse.redirect(new URL(`/sign-in?error=${error}`, request.url), 303);
  let started: Response;
  try {
    started = await getAuth().api.signInSocial({
      body: { provider: OIDC_PROVIDER_ID, callbackURL: next, errorCallbackURL: "/sign-in" },
      headers: request.headers,
      asResponse: true,
    });
  } catch (e) {
    logEvent("warn", "auth.sign_in_start_failed", { error: String(e) });
    return back("provider_unreachable");
  }
  const body = (await started.json().catch(() => null)) as { url?: unknown } | null;
  if (!started.ok || typeof body?.url !== "string") {
    logEvent("warn", "auth.sign_in_start_refused", { status: started.status });
    return back("provider_unreachable");
  }
  const res = NextResponse.redirect(body.url, 303);
  for (const cookie of started.headers.getSetCookie()) res.headers.append("set-cookie", cookie);
  res.headers.set("cache-control", "no-store");
  return res;
}
