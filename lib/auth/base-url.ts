import type { BetterAuthOptions } from "better-auth";

type BaseURL = NonNullable<BetterAuthOptions["baseURL"]>;

/**
 * Where sign-in's redirect URI, callbacks and trusted origins point.
 *
 * Production: exactly the configured public URL (FIREBREAK_URL), whatever the request says — a
 * forged Host header must not move the OIDC callback elsewhere; starting without it is refused.
 *
 * Development and tests: the address the browser used (the request's Host), when it is one of
 * this machine's own (`devHosts`, any port), so a sign-in begun at http://127.0.0.1:3000 comes
 * back to http://127.0.0.1:3000 and finds its state cookie there (and likewise for localhost or a
 * LAN address). Any other host, and a call with no request (a session read from bare headers),
 * gets the configured URL, else http://localhost:<port>.
 */
export function authBaseURL(opts: {
  production: boolean;
  configured?: string;
  devHosts: readonly string[];
  port?: number;
}): BaseURL {
  if (opts.production) {
    if (!opts.configured) {
      throw new Error(
        "FIREBREAK_URL is not set: sign-in needs the console's public URL for its OIDC redirect URI (see .env.example)",
      );
    }
    return opts.configured;
  }
  const fallback = opts.configured ?? `http://localhost:${opts.port ?? 3000}`;
  const hosts = [...opts.devHosts, new URL(fallback).hostname];
  return {
    allowedHosts: [...new Set(hosts.flatMap((h) => [h, `${h}:*`]))],
    fallback,
    protocol: "auto",
  };
}

/** Secure (`__Secure-`) cookies when the console is served over https. */
export function usesHttps(baseURL: BaseURL | undefined): boolean {
  const url = typeof baseURL === "string" ? baseURL : baseURL?.fallback;
  return url?.startsWith("https://") ?? false;
}
