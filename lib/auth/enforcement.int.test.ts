// Every server action ('use server' modules under app/) and every route handler
// (app/api/**/route.ts) is found on disk and called as: nobody (no session cookie), a forged
// cookie, and a signed-in person with no role. Each must be refused before any domain code
// runs, and no table may change. A new action or route is covered without editing this file;
// a route that must be public is named in PUBLIC_ROUTES below.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import { setupAppDatabase } from "@/lib/testing/app-database";

const request = vi.hoisted(() => ({ cookie: "" }));
vi.mock("next/headers", () => ({
  headers: async () => new Headers(request.cookie ? { cookie: request.cookie } : {}),
  cookies: async () => ({
    get: () => undefined,
    getAll: () => [],
    set: () => undefined,
    delete: () => undefined,
  }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));

const ROOT = path.resolve(import.meta.dirname, "../..");
/** Public by design: the sign-in protocol, the health probes (fixed words only), and the alert
 * webhook (it authenticates its sender with a bearer token or HMAC, not a session). */
const PUBLIC_ROUTES = [
  "app/api/auth/[...all]/route.ts",
  "app/api/health/route.ts",
  "app/api/health/live/route.ts",
  "app/api/health/ready/route.ts",
  "app/api/alerts/webhook/route.ts",
];
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return walk(full);
    return /\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [full] : [];
  });
}

const files = walk(path.join(ROOT, "app")).map((f) => path.relative(ROOT, f));
const actionModules = files.filter((f) =>
  /^\s*["']use server["']/.test(readFileSync(path.join(ROOT, f), "utf8")),
);
const routeModules = files.filter((f) => /^app\/api\/.*\/route\.ts$/.test(f) && !PUBLIC_ROUTES.includes(f));

const db = setupAppDatabase();
let sql: pg.Client;
let noRoleCookie = "";
let viewerCookie = "";

async function rowCounts(): Promise<Record<string, number>> {
  const tables = await sql.query<{ t: string }>(
    "SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' ORDER BY 1",
  );
  const out: Record<string, number> = {};
  for (const { t } of tables.rows) {
    out[t] = Number((await sql.query(`SELECT count(*) AS n FROM "${t}"`)).rows[0].n);
  }
  return out;
}

/** A real session: a break-glass account signs in through the auth library's own endpoint. */
async function signedInCookie(email: string, role: string): Promise<string> {
  const { createBreakGlassAccount } = await import("@/lib/auth/users");
  const { getAuth } = await import("@/lib/auth/auth");
  await createBreakGlassAccount({ email, name: email, password: "correct horse battery", role });
  const res = await getAuth().api.signInEmail({
    body: { email, password: "correct horse battery" },
    asResponse: true,
  });
  const cookie = res.headers.getSetCookie().find((c) => c.includes("firebreak.session_token="));
  if (!cookie) throw new Error(`no session cookie (HTTP ${res.status})`);
  return cookie.split(";")[0]!;
}

beforeAll(async () => {
  process.env.FIREBREAK_BREAK_GLASS = "enabled";
  sql = new pg.Client({ connectionString: db.url });
  await sql.connect();
  noRoleCookie = await signedInCookie("nobody@firebreak.test", "viewer");
  await sql.query(`UPDATE auth_user SET "roleOverride" = 'none' WHERE email = 'nobody@firebreak.test'`);
  viewerCookie = await signedInCookie("viewer@firebreak.test", "viewer");
});

afterAll(async () => {
  await sql?.end();
  const { closeAuthForTests } = await import("@/lib/auth/auth");
  await closeAuthForTests();
});

function exampleUrl(file: string): string {
  const route = file.replace(/^app/, "").replace(/\/route\.ts$/, "");
  return `http://127.0.0.1${route.replace(/\[\.\.\.\w+\]/g, "x").replace(/\[\w+\]/g, "1")}?id=1&view=errors`;
}

function segmentParams(file: string): Record<string, string> {
  return Object.fromEntries([...file.matchAll(/\[(\w+)\]/g)].map((m) => [m[1]!, "1"]));
}

const CALLERS = [
  { who: "no session", cookie: () => "", status: 401, message: /sign in/i },
  {
    who: "a forged session cookie",
    cookie: () => "firebreak.session_token=forged.value",
    status: 401,
    message: /sign in/i,
  },
  { who: "a person with no role", cookie: () => noRoleCookie, status: 403, message: /role/i },
];

describe("every route handler checks the session and the role first", () => {
  it("finds the route handlers", () => expect(routeModules.length).toBeGreaterThan(5));

  for (const file of routeModules) {
    for (const caller of CALLERS) {
      it(`${file}: ${caller.who} → ${caller.status}, nothing written`, async () => {
        request.cookie = caller.cookie();
        const mod = (await import(/* @vite-ignore */ path.join(ROOT, file))) as Record<string, unknown>;
        const handlers = METHODS.filter((m) => typeof mod[m] === "function");
        expect(handlers.length).toBeGreaterThan(0);
        const before = await rowCounts();
        for (const method of handlers) {
          const body = method === "GET" || method === "DELETE" ? undefined : JSON.stringify({ id: 1 });
          const res = await (mod[method] as (r: Request, s: unknown) => Promise<Response>)(
            new Request(exampleUrl(file), { method, body, headers: { "content-type": "application/json" } }),
            { params: Promise.resolve(segmentParams(file)) },
          );
          expect(res.status, `${method} ${file}`).toBe(caller.status);
          expect(((await res.json()) as { error: string }).error).toMatch(caller.message);
        }
        expect(await rowCounts()).toEqual(before);
      });
    }
  }
});

function plausibleInputs(): unknown[] {
  const fd = new FormData();
  for (const [k, v] of Object.entries({ id: "1", incidentId: "1", serviceId: "1", title: "x", body: "x" }))
    fd.set(k, v);
  return [fd, { id: 1, incidentId: 1, serviceId: 1, title: "Refused", body: "refused" }];
}

describe("every server action checks the session and the role first", () => {
  it("finds the server actions", () => expect(actionModules.length).toBeGreaterThan(5));

  const ACTION_CALLERS = [
    ...CALLERS,
    // Every server action changes something; a viewer only reads.
    { who: "a viewer", cookie: () => viewerCookie, status: 403, message: /role/i },
  ];
  for (const file of actionModules) {
    for (const caller of ACTION_CALLERS) {
      it(`${file}: ${caller.who} → refused, nothing written`, async () => {
        request.cookie = caller.cookie();
        const mod = (await import(/* @vite-ignore */ path.join(ROOT, file))) as Record<string, unknown>;
        const actions = Object.entries(mod).filter(([, v]) => typeof v === "function");
        expect(actions.length).toBeGreaterThan(0);
        const before = await rowCounts();
        for (const [name, fn] of actions) {
          // (prevState, formData) actions take FormData; the others an object or FormData.
          const twoArgs = (fn as (...a: unknown[]) => unknown).length >= 2;
          for (const input of plausibleInputs().filter((i) => !twoArgs || i instanceof FormData)) {
            const args = twoArgs ? [null, input] : [input];
            const res = (await (fn as (...a: unknown[]) => Promise<unknown>)(...args)) as {
              ok: boolean;
              error: string;
            };
            expect(res, `${file} ${name}`).toMatchObject({ ok: false });
            expect(res.error, `${file} ${name}`).toMatch(caller.status === 401 ? /sign in/i : /role/i);
          }
        }
        expect(await rowCounts()).toEqual(before);
      });
    }
  }
});
