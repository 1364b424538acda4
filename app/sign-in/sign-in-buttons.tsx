"use client";

import { useState } from "react";

import { authClient } from "@/lib/auth/client";

/** A plain form POST (app/sign-in/start): works before hydration; once hydrated the label
 * follows the click. */
export function SsoButton({ next, providerName }: { next: string; providerName: string }) {
  const [pending, setPending] = useState(false);
  return (
    <form method="post" action="/sign-in/start" onSubmit={() => setPending(true)}>
      <input type="hidden" name="next" value={next} />
      <button
        type="submit"
        aria-disabled={pending}
        className="w-full rounded bg-zinc-900 px-4 py-2 font-medium text-white aria-disabled:opacity-60 dark:bg-zinc-100 dark:text-zinc-900"
      >
        {pending ? "Redirecting…" : `Sign in with ${providerName}`}
      </button>
    </form>
  );
}

export function BreakGlassForm({ next }: { next: string }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  return (
    <form
      className="space-y-2"
      onSubmit={async (e) => {
        e.preventDefault();
        const fd = new FormData(e.currentTarget);
        setPending(true);
        const res = await authClient.signIn.email({
          email: String(fd.get("email")),
          password: String(fd.get("password")),
          callbackURL: next,
        });
        setPending(false);
        if (res.error) setError(res.error.message ?? "Sign-in failed.");
        else window.location.assign(next);
      }}
    >
      <label className="block text-sm">
        Email
        <input
          name="email"
          type="email"
          required
          autoComplete="username"
          className="mt-1 w-full rounded border px-2 py-1"
        />
      </label>
      <label className="block text-sm">
        Password
        <input
          name="password"
          type="password"
          required
          autoComplete="current-password"
          className="mt-1 w-full rounded border px-2 py-1"
        />
      </label>
      <button type="submit" disabled={pending} className="rounded border px-3 py-1 text-sm">
        Break-glass sign-in
      </button>
      {error && (
        <p role="alert" className="text-sm text-red-600">
          {error}
        </p>
      )}
    </form>
  );
}
