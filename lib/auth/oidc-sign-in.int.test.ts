// The whole OIDC sign-in over HTTP, without a browser: the auth endpoints start the flow
// (state + PKCE), the OpenID provider double authenticates a demo person, the callback verifies
// the ID token and creates a session in PostgreSQL; sign-out deletes it.
import { describe, expect, it, vi } from "vitest";

import { setupAppDatabase } from "@/lib/testing/app-database";
import { cookieHeader, jar, sessionCookie, setupOidcDouble, signInAtProvider } from "@/lib/testing/oidc-flow";

vi.mock("next/headers", () => ({ headers: async () => new Headers() }));

setupAppDatabase();
setupOidcDouble();
const APP = "http://127.0.0.1:3999";

describe("OIDC sign-in through the provider double", () => {
  it("signs a commander in with PKCE, maps their groups to a role, and sign-out revokes the session", async () => {
    const { getAuth } = await import("@/lib/auth/auth");
    const { sessionFromHeaders } = await import("@/lib/auth/session");
    const app = new Map<string, string>();

    const start = await getAuth().handler(
      new Request(`${APP}/api/auth/sign-in/social`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: APP },
        body: JSON.stringify({ provider: "oidc", callbackURL: "/incidents" }),
      }),
    );
    jar(start, app);
    const { url } = (await start.json()) as { url: string };
    expect(new URL(url).searchParams.get("code_challenge_method")).toBe("S256");

    // Provider: authorize -> login page -> submit -> back to authorize -> redirect to the app.
    const callback = await signInAtProvider(new URL(url));
    expect(callback.origin).toBe(APP);
    expect(callback.toString()).toContain("/api/auth/callback/oidc?code=");

    const done = await getAuth().handler(
      new Request(callback.toString(), { headers: { cookie: cookieHeader(app) } }),
    );
    expect(done.status).toBe(302);
    jar(done, app);
    const session = sessionCookie(app);
    const { actor } = await sessionFromHeaders(new Headers({ cookie: session }));
    expect(actor).toMatchObject({ name: "Cora Commander", roles: ["commander"], via: "oidc" });
    expect(actor?.id).toBe(`${process.env.FIREBREAK_OIDC_ISSUER}#u-commander`);

    const out = await getAuth().handler(
      new Request(`${APP}/api/auth/sign-out`, { method: "POST", headers: { cookie: session, origin: APP } }),
    );
    expect(out.status).toBe(200);
    expect((await sessionFromHeaders(new Headers({ cookie: session }))).actor).toBeNull();
  });
});
