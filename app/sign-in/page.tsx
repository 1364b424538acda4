import { redirect } from "next/navigation";

import { getActor } from "@/lib/auth/actor";
import { getEnv } from "@/lib/env";
import { safeNext } from "./safe-next";
import { BreakGlassForm, SsoButton } from "./sign-in-buttons";

export const dynamic = "force-dynamic";

const ERRORS: Record<string, string> = {
  no_role: "You are signed in, but your groups map to no Firebreak role. Ask an admin for access.",
  account_not_linked: "This identity is not linked to a Firebreak account. Ask an admin.",
  provider_unreachable: "The identity provider could not be reached. Try again, or use break-glass.",
};

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const sp = await searchParams;
  const next = safeNext(sp.next);
  const error = typeof sp.error === "string" ? (ERRORS[sp.error] ?? `Sign-in failed (${sp.error}).`) : null;
  const actor = error ? null : await getActor().catch(() => null);
  if (actor && actor.roles.length > 0) redirect(next);
  const env = getEnv();
  const configured = Boolean(env.FIREBREAK_OIDC_ISSUER && env.FIREBREAK_OIDC_CLIENT_ID);
  return (
    <main className="mx-auto mt-24 max-w-sm space-y-6 p-4">
      <h1 className="text-2xl font-semibold">
        <span className="text-sev-0">▲</span> Firebreak
      </h1>
      {error && (
        <p role="alert" className="rounded border border-red-400 p-2 text-sm">
          {error}
        </p>
      )}
      {configured ? (
        <SsoButton next={next} providerName={new URL(env.FIREBREAK_OIDC_ISSUER!).host} />
      ) : (
        <p role="alert" className="text-sm">
          Sign-in is not configured: set FIREBREAK_OIDC_ISSUER, FIREBREAK_OIDC_CLIENT_ID and
          FIREBREAK_OIDC_CLIENT_SECRET (see .env.example).
        </p>
      )}
      {env.FIREBREAK_BREAK_GLASS === "enabled" && (
        <details className="rounded border border-amber-500 p-3">
          <summary className="cursor-pointer text-sm font-medium">
            Identity provider down? Break-glass account
          </summary>
          <p className="my-2 text-xs text-zinc-500">
            Every break-glass sign-in is recorded and shown to everyone.
          </p>
          <BreakGlassForm next={next} />
        </details>
      )}
    </main>
  );
}
