"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";

import type { Actor } from "@/lib/auth/permissions";
import { topRole } from "@/lib/auth/permissions";
import { authClient } from "@/lib/auth/client";

/** The signed-in person, their role and sign-out (which ends the session on the server). */
export function UserMenu({ actor }: { actor: Actor }) {
  const [pending, setPending] = useState(false);
  const router = useRouter();
  const role = topRole(actor.roles) ?? "no role";
  return (
    <div className="flex items-center gap-2 text-sm">
      <span data-testid="actor-name" className="font-medium" title={actor.email ?? undefined}>
        {actor.name}
      </span>
      <span data-testid="actor-role" className="rounded bg-zinc-200 px-1.5 py-0.5 text-xs dark:bg-zinc-800">
        {role}
      </span>
      <button
        type="button"
        disabled={pending}
        className="text-xs underline"
        onClick={async () => {
          setPending(true);
          await authClient.signOut();
          router.replace("/sign-in");
          router.refresh();
        }}
      >
        Sign out
      </button>
    </div>
  );
}

export function BreakGlassBanner() {
  return (
    <div role="alert" className="bg-amber-500 px-4 py-1 text-center text-sm font-medium text-black">
      Break-glass session: signed in with a local emergency account, not the identity provider. Every action
      is recorded.
    </div>
  );
}
