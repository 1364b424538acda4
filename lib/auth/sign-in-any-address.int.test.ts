// Development sign-in from whichever address the browser used. `next dev` hands route handlers a
// request URL on localhost whatever the browser typed; the Host header says the real address.
// A sign-in begun at http://127.0.0.1:<port> must send the provider a redirect URI on 127.0.0.1
// (where its state cookie lives), one begun at localhost one on localhost, and a stranger's Host
// must not move the callback anywhere.
import type { Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import { createOidcDouble } from "@/doubles/oidc/server";
import { DEMO_PASSWORD } from "@/doubles/oidc/users";
import { setupAppDatabase } from "@/lib/testing/app-database";
import { freePort } from "@/lib/testing/spawn";

vi.mock("next/headers", () => ({ headers: async () => new Headers() }));

setupAppDatabase();
const PORT = 3998;
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
    PORT: String(PORT),
  });
  delete process.env.FIREBREAK_URL;
});

afterAll(async () => {
  const { closeAuthForTests } = await import("@/lib/auth/auth");
  await closeAuthForTests();
  idp?.close();
});

type Jar = Map<string, string>;
const jar = (res: Response, into: Jar) => {
  for (const c of res.headers.getSetCookie()) {
    const [pair] = c.split(";");
    const at = pair!.indexOf("=");
    into.set(pair!.slice(0, at), pair!.slice(at + 1));
  }
};
const cookieHeader = (m: Jar) => [...m].map(([k, v]) => `${k}=${v}`).join("; ");

/** As `next dev` delivers it: the URL on localhost, the browser's address in Host. */
function devRequest(host: string, path: string, init: RequestInit = {}): Request {
  const headers = new Headers(init.headers);
  headers.set("host", host);
  return new Request(`http://localhost:${PORT}${path}`, { ...init, headers });
}

async function startSignIn(host: string, app: Jar): Promise<URL> {
  const { getAuth } = await import("@/lib/auth/auth");
  const res = await getAuth().handler(
    devRequest(host, "/api/auth/sign-in/social", {
      method: "POST",
      headers: { "content-type": "application/json", origin: `http://${host}` },
      body: JSON.stringify({ provider: "oidc", callbackURL: "/incidents" }),
    }),
  );
  expect(res.status).toBe(200);
  jar(res, app);
  return new URL(((await res.json()) as { url: string }).url);
}

/** The provider's login as the demo commander; returns where it sends the browser back to. */
async function signInAtProvider(authorize: URL): Promise<URL> {
  const idpJar: Jar = new Map();
  let next = authorize.toString();
  for (let hop = 0; hop < 8; hop++) {
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
    const location = new URL(res.headers.get("location") ?? "", next);
    if (location.origin !== new URL(next).origin) return location;
    next = location.toString();
  }
  throw new Error("the provider never sent the browser back");
}

describe("development sign-in from any of this machine's addresses", () => {
  it("sends the provider a redirect URI on the address the browser used", async () => {
    for (const host of [`127.0.0.1:${PORT}`, `localhost:${PORT}`, `[::1]:${PORT}`]) {
      const authorize = await startSignIn(host, new Map());
      const redirect = new URL(authorize.searchParams.get("redirect_uri")!);
      expect(redirect.host).toBe(host);
      expect(redirect.pathname).toMatch(/\/api\/auth\/.*callback\/oidc$/);
    }
  });

  it("completes a sign-in begun at 127.0.0.1 with a session, no state mismatch", async () => {
    const { getAuth } = await import("@/lib/auth/auth");
    const { sessionFromHeaders } = await import("@/lib/auth/session");
    const host = `127.0.0.1:${PORT}`;
    const app: Jar = new Map();
    const back = await signInAtProvider(await startSignIn(host, app));
    expect(back.host).toBe(host);

    const done = await getAuth().handler(
      devRequest(host, `${back.pathname}${back.search}`, { headers: { cookie: cookieHeader(app) } }),
    );
    expect(done.status).toBe(302);
    expect(done.headers.get("location")).not.toMatch(/error/);
    jar(done, app);
    const session = cookieHeader(new Map([...app].filter(([k]) => k.includes("session_token"))));
    const { actor } = await sessionFromHeaders(new Headers({ cookie: session, host }));
    expect(actor).toMatchObject({ name: "Cora Commander", roles: ["commander"] });
  });

  it("never points the callback at a stranger's Host: it goes to the fallback address", async () => {
    const authorize = await startSignIn(`evil.example:${PORT}`, new Map());
    expect(new URL(authorize.searchParams.get("redirect_uri")!).host).toBe(`localhost:${PORT}`);
  });
});
