import type { BetterAuthOptions } from "better-auth";
import { genericOAuth } from "better-auth/plugins";

import { usesHttps } from "./base-url";

/** The sign-in configuration, separate from the instance so the table DDL can be generated
 * from exactly what runs (scripts/auth-ddl.mts). Protocol, cookies, sessions and password
 * hashing (scrypt) are the library's; Firebreak adds the groups claim and per-person fields. */
export type AuthConfig = {
  issuer?: string;
  clientId?: string;
  clientSecret?: string;
  secret: string;
  /** lib/auth/base-url.ts: the configured URL in production, the request's host in development. */
  baseURL?: BetterAuthOptions["baseURL"];
  sessionHours: number;
  breakGlass: boolean;
};

export const OIDC_PROVIDER_ID = "oidc";

export function authOptions(config: AuthConfig): BetterAuthOptions {
  const { issuer } = config;
  return {
    appName: "Firebreak",
    secret: config.secret,
    baseURL: config.baseURL,
    basePath: "/api/auth",
    telemetry: { enabled: false },
    user: {
      modelName: "auth_user",
      additionalFields: {
        /** Stable identity: the issuer + subject ("https://idp#sub"); null for break-glass.
         * This and `groups` are written from the verified ID token at every sign-in (auth.ts). */
        externalId: { type: "string", required: false, input: false },
        /** The provider's groups claim at the last sign-in, as a JSON array. */
        groups: { type: "string", required: false, input: false, defaultValue: "[]" },
        /** An admin's per-person role ("viewer".."admin" or "none"); null = from groups. */
        roleOverride: { type: "string", required: false, input: false },
        /** A local account for when the identity provider is down. */
        breakGlass: { type: "boolean", required: false, input: false, defaultValue: false },
      },
    },
    session: {
      modelName: "auth_session",
      expiresIn: Math.round(config.sessionHours * 3600),
      // Renewed (to a full shift from now) at most every 15 minutes while the person is active.
      updateAge: 15 * 60,
    },
    account: {
      modelName: "auth_account",
      // A provider identity never silently joins an existing (e.g. break-glass) account.
      accountLinking: { enabled: false },
    },
    verification: { modelName: "auth_verification" },
    // People cannot edit their own record (name, email, password): it comes from the provider,
    // or from an admin for break-glass accounts.
    disabledPaths: [
      "/sign-up/email",
      "/update-user",
      "/change-email",
      "/change-password",
      "/set-password",
      "/delete-user",
      "/link-social",
      "/unlink-account",
    ],
    emailAndPassword: { enabled: config.breakGlass, disableSignUp: true, minPasswordLength: 12 },
    advanced: {
      cookiePrefix: "firebreak",
      useSecureCookies: usesHttps(config.baseURL),
      defaultCookieAttributes: { httpOnly: true, sameSite: "lax" },
      database: { joins: true },
    },
    plugins: [
      genericOAuth({
        config:
          issuer && config.clientId
            ? [
                {
                  providerId: OIDC_PROVIDER_ID,
                  name: "Single sign-on",
                  discoveryUrl: `${issuer.replace(/\/$/, "")}/.well-known/openid-configuration`,
                  clientId: config.clientId,
                  clientSecret: config.clientSecret,
                  scopes: ["openid", "profile", "email", "groups"],
                  pkce: true,
                  requireIdTokenVerification: true,
                  overrideUserInfo: true,
                  mapProfileToUser: (profile) => ({
                    name: String(profile.name ?? profile.preferred_username ?? profile.email ?? profile.sub),
                  }),
                },
              ]
            : [],
      }),
    ],
  };
}
