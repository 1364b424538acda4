import "server-only";
import { betterAuth } from "better-auth";
import { nextCookies } from "better-auth/next-js";
import pg from "pg";

import { devHosts } from "@/lib/dev-hosts";
import { getEnv } from "@/lib/env";
import { authOptions, OIDC_PROVIDER_ID } from "./auth-options";
import { authBaseURL } from "./base-url";
import { identityFromIdToken } from "./id-token-claims";
import { resetSessionCache, sessionCache } from "./session-cache";

// Only for `npm run dev` and tests without a configured secret; production refuses to start
// sign-in without FIREBREAK_AUTH_SECRET.
const DEV_SECRET = "firebreak-development-secret-not-for-production";

function createAuth() {
  const env = getEnv();
  if (!env.DATABASE_URL) throw new Error("DATABASE_URL is not set");
  if (!env.FIREBREAK_AUTH_SECRET && env.NODE_ENV === "production") {
    throw new Error(
      "FIREBREAK_AUTH_SECRET is not set: sign-in cannot sign session cookies (see .env.example)",
    );
  }
  const base = authOptions({
    issuer: env.FIREBREAK_OIDC_ISSUER,
    clientId: env.FIREBREAK_OIDC_CLIENT_ID,
    clientSecret: env.FIREBREAK_OIDC_CLIENT_SECRET,
    secret: env.FIREBREAK_AUTH_SECRET ?? DEV_SECRET,
    baseURL: authBaseURL({
      production: env.NODE_ENV === "production",
      configured: env.FIREBREAK_URL,
      devHosts: devHosts(env.FIREBREAK_DEV_ORIGINS),
      port: env.PORT,
    }),
    sessionHours: env.FIREBREAK_SESSION_HOURS,
    breakGlass: env.FIREBREAK_BREAK_GLASS === "enabled",
  });
  // Its own small pool on the same database as Prisma; a short connect timeout so an
  // unreachable database fails fast instead of hanging a sign-in.
  const pool = new pg.Pool({ connectionString: env.DATABASE_URL, max: 5, connectionTimeoutMillis: 5_000 });
  holder.firebreakAuthPool = pool;
  const issuer = env.FIREBREAK_OIDC_ISSUER;
  // Every provider sign-in stores the account's fresh ID token: keep the person's stable id and
  // groups claim from it (the library verified the token before this runs).
  const syncIdentity = async (account: { userId: string; providerId: string; idToken?: string | null }) => {
    if (account.providerId !== OIDC_PROVIDER_ID || !issuer) return;
    const identity = identityFromIdToken(issuer, account.idToken);
    if (identity) await (await getAuth().$context).internalAdapter.updateUser(account.userId, identity);
  };
  return betterAuth({
    ...base,
    database: pool,
    databaseHooks: {
      account: { create: { after: syncIdentity }, update: { after: syncIdentity } },
      // The per-process session cache forgets at once what sign-out, revocation or a change to
      // the person (role override, groups) made stale.
      session: { delete: { after: async (s) => sessionCache().invalidateSession(s.token) } },
      user: {
        update: { after: async (u) => sessionCache().invalidateUser(u.id) },
        delete: { after: async (u) => sessionCache().invalidateUser(u.id) },
      },
    },
    plugins: [...(base.plugins ?? []), nextCookies()],
  });
}

export type Auth = ReturnType<typeof createAuth>;

const holder = globalThis as unknown as { firebreakAuth?: Auth; firebreakAuthPool?: pg.Pool };

/** Lazy: `next build` imports this with no database configured. */
export function getAuth(): Auth {
  holder.firebreakAuth ??= createAuth();
  return holder.firebreakAuth;
}

/** Tests: close the pool before their database is dropped. */
export async function closeAuthForTests(): Promise<void> {
  const pool = holder.firebreakAuthPool;
  delete holder.firebreakAuth;
  delete holder.firebreakAuthPool;
  resetSessionCache();
  await pool?.end();
}
