// The whole OIDC sign-in over HTTP, without a browser: the auth endpoints start the flow
// (state + PKCE), the OpenID provider double authenticates a demo person, the callback verifies
// the ID token and creates a session in PostgreSQL; sign-out deletes it.
import type { Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import { createOidcDouble } from "@/doubles/oidc/server";
import { DEMO_PASSWORD } from "@/doubles/oidc/users";
import { setupAppDatabase } from "@/lib/testing/app-database";
import { freePort } from "@/lib/testing/spawn";

vi.mock("next/headers", () => ({ headers: async () => new Headers() }));

setupAppDatabase();
const APP = "http://127.0.0.1:3999";
let idp: Server;

beforeAll(async () => {
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  idp = createOidcDouble({ issuer, clientId: "firebreak", clientSecret: "s3cret" });
  await new Promise<void>((r) => idp.listen(port, "127.0.0.1", r));
  Object.assign(process.env, {
    FIREBREAK_OIDC_ISSUER: issuer,
    FIREBREAK_OIDC_CLIENT_ID: "firebreak",
    FIREBREAK_OIDC_CLIENT_SECRET: "s3cret",
    FIREBREAK_ROLE_MAP: "firebreak-commanders:commander",
  });
});

afterAll(async () => {
  const { closeAuthForTests } = await import("@/lib/auth/auth");
  await closeAuthForTests();
  idp?.close();
});

const jar = (res: Response, into: Map<string, string>) => {
  for (const c of res.headers.getSetCookie()) {
    const [pair] = c.split(";");
    const at = pair!.indexOf("=");
    into.set(pair!.slice(0, at), pair!.slice(at + 1));
  }
};
const cookieHeader = (m: Map<string, string>) => [...m].map(([k, v]) => `${k}=${v}`).join("; ");

describe("OIDC sign-in through the provider double", () => {
  it("signs a commander in with PKCE, maps their groups to a role, and sign-out revokes the session", async () => {
    const { getAuth } = await import("@/lib/auth/auth");
    const { sessionFromHeaders } = await import("@/lib/auth/session");
    const app = new Map<string, string>();
    const idpJar = new Map<string, string>();

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
    let next = url;
    let callback: string | undefined;
    for (let hop = 0; hop < 8 && !callback; hop++) {
      const isLogin = /\/interaction\/[\w-]+$/.test(new URL(next).pathname);
      const res = await fetch(isLogin ? `${next}/login` : next, {
        method: isLogin ? "POST" : "GET",
        redirect: "manual",
        headers: {
          cookie: cookieHeader(idpJar),
          ...(isLogin ? { "content-type": "application/x-www-form-urlencoded" } : {}),
        },
        body: isLogin
          ? new URLSearchParams({ user: "u-commander", password: DEMO_PASSWORD }).toString()
          : undefined,
      });
      jar(res, idpJar);
      const location = new URL(res.headers.get("location") ?? "", next).toString();
      if (location.startsWith(APP)) callback = location;
      else next = location;
    }
    expect(callback).toContain("/api/auth/callback/oidc?code=");

    const done = await getAuth().handler(new Request(callback!, { headers: { cookie: cookieHeader(app) } }));
    expect(done.status).toBe(302);
    jar(done, app);
    const session = cookieHeader(new Map([...app].filter(([k]) => k.includes("session_token"))));
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
