// Test helper: the OpenID provider double on a free port, and the browser's side of a sign-in
// over plain HTTP (a cookie jar, the provider's login form) for tests that run the whole flow
// without a browser.
import type { Server } from "node:http";
import { afterAll, beforeAll } from "vitest";

import { createOidcDouble } from "@/doubles/oidc/server";
import { DEMO_PASSWORD } from "@/doubles/oidc/users";
import { freePort } from "@/lib/testing/spawn";

export type Jar = Map<string, string>;

/** Starts the provider double for this file and points Firebreak's OIDC settings at it. */
export function setupOidcDouble(extraEnv: Record<string, string> = {}): void {
  let idp: Server | undefined;
  beforeAll(async () => {
    const port = await freePort();
    const issuer = `http://127.0.0.1:${port}`;
    idp = createOidcDouble({ issuer, clientId: "firebreak", clientSecret: "s3cret" });
    await new Promise<void>((r) => idp!.listen(port, "127.0.0.1", r));
    Object.assign(process.env, {
      FIREBREAK_OIDC_ISSUER: issuer,
      FIREBREAK_OIDC_CLIENT_ID: "firebreak",
      FIREBREAK_OIDC_CLIENT_SECRET: "s3cret",
      FIREBREAK_ROLE_MAP: "firebreak-commanders:commander",
      ...extraEnv,
    });
  });
  afterAll(async () => {
    const { closeAuthForTests } = await import("@/lib/auth/auth");
    await closeAuthForTests();
    idp?.close();
  });
}

/** Keeps the cookies a response sets, as a browser would. */
export function jar(res: Response, into: Jar): void {
  for (const c of res.headers.getSetCookie()) {
    const [pair] = c.split(";");
    const at = pair!.indexOf("=");
    into.set(pair!.slice(0, at), pair!.slice(at + 1));
  }
}

export const cookieHeader = (m: Jar) => [...m].map(([k, v]) => `${k}=${v}`).join("; ");

/** Only the session cookie of an app jar, as the Cookie header a signed-in browser sends. */
export const sessionCookie = (app: Jar) =>
  cookieHeader(new Map([...app].filter(([k]) => k.includes("session_token"))));

/**
 * Follows the provider from its authorize URL through its login form as the demo `user` and
 * returns the address it sends the browser back to (the first hop off the provider's origin).
 */
export async function signInAtProvider(authorize: URL, user = "u-commander"): Promise<URL> {
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
      body: isLogin ? new URLSearchParams({ user, password: DEMO_PASSWORD }).toString() : undefined,
    });
    jar(res, idpJar);
    const location = new URL(res.headers.get("location") ?? "", next);
    if (location.origin !== new URL(next).origin) return location;
    next = location.toString();
  }
  throw new Error("the provider never sent the browser back");
}
