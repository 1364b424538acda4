import { getAuth } from "@/lib/auth/auth";
import { auditSignIn, auditSignOut } from "./sign-in-audit";

// The sign-in protocol endpoints (OIDC redirect + callback, sign-out, session, break-glass
// sign-in). Public by nature: they are how a visitor gets a session; the auth library checks
// state, PKCE, the ID token and the request origin itself. Sign-ins and sign-outs are audited.
export async function GET(request: Request): Promise<Response> {
  const response = await getAuth().handler(request);
  await auditSignIn(request, response);
  return response;
}

export async function POST(request: Request): Promise<Response> {
  if (new URL(request.url).pathname.endsWith("/sign-out")) await auditSignOut(request);
  const response = await getAuth().handler(request);
  await auditSignIn(request, response);
  return response;
}
