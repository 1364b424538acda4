// Development sign-in from whichever address the browser used. `next dev` hands route handlers a
// request URL on localhost whatever the browser typed; the Host header says the real address.
// A sign-in begun at http://127.0.0.1:<port> must send the provider a redirect URI on 127.0.0.1
// (where its state cookie lives), one begun at localhost one on localhost, and a stranger's Host
// must not move the callback anywhere.
import { beforeAll, describe, expect, it, vi } from "vitest";

import { setupAppDatabase } from "@/lib/testing/app-database";
import {
  cookieHeader,
  jar,
  sessionCookie,
  setupOidcDouble,
  signInAtProvider,
  type Jar,
} from "@/lib/testing/oidc-flow";

vi.mock("next/headers", () => ({ headers: async () => new Headers() }));

const PORT = 3998;
setupAppDatabase();
setupOidcDouble({ PORT: String(PORT) });
beforeAll(() => {
  delete process.env.FIREBREAK_URL;
});

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
    const session = sessionCookie(app);
    const { actor } = await sessionFromHeaders(new Headers({ cookie: session, host }));
    expect(actor).toMatchObject({ name: "Cora Commander", roles: ["commander"] });
  });

  it("never points the callback at a stranger's Host: it goes to the fallback address", async () => {
    const authorize = await startSignIn(`evil.example:${PORT}`, new Map());
    expect(new URL(authorize.searchParams.get("redirect_uri")!).host).toBe(`localhost:${PORT}`);
  });
});
