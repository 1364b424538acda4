"use client";

import { useActionState, useTransition } from "react";

import { createBreakGlassAction, revokeSessionsAction, setRoleOverrideAction } from "./actions";

export function RoleOverrideSelect({ userId, name, value }: { userId: string; name: string; value: string }) {
  const [pending, start] = useTransition();
  return (
    <select
      aria-label={`Role override for ${name}`}
      defaultValue={value}
      disabled={pending}
      className="rounded border bg-transparent px-1 py-0.5 text-sm"
      onChange={(e) => {
        const override = e.target.value;
        start(async () => {
          const res = await setRoleOverrideAction({ userId, override });
          if (!res.ok) alert(res.error);
        });
      }}
    >
      <option value="">from groups</option>
      <option value="none">none (no access)</option>
      <option value="viewer">viewer</option>
      <option value="responder">responder</option>
      <option value="commander">commander</option>
      <option value="admin">admin</option>
    </select>
  );
}

export function RevokeButton({ userId, name }: { userId: string; name: string }) {
  const [pending, start] = useTransition();
  return (
    <button
      type="button"
      disabled={pending}
      className="text-xs underline"
      onClick={() =>
        start(async () => {
          const res = await revokeSessionsAction({ userId });
          if (!res.ok) alert(res.error);
        })
      }
    >
      Sign out everywhere<span className="sr-only"> ({name})</span>
    </button>
  );
}

export function BreakGlassCreateForm({ enabled }: { enabled: boolean }) {
  const [state, action, pending] = useActionState(createBreakGlassAction, null);
  return (
    <form action={action} aria-label="Create a break-glass account" className="grid max-w-md gap-2 text-sm">
      <p className="text-zinc-500">
        {enabled
          ? "Break-glass sign-in is enabled (FIREBREAK_BREAK_GLASS)."
          : "Break-glass sign-in is disabled (FIREBREAK_BREAK_GLASS=disabled): accounts can be prepared but not used."}
      </p>
      <label>
        Email <input name="email" type="email" required className="w-full rounded border px-2 py-1" />
      </label>
      <label>
        Name <input name="name" required className="w-full rounded border px-2 py-1" />
      </label>
      <label>
        Password{" "}
        <input
          name="password"
          type="password"
          required
          minLength={12}
          className="w-full rounded border px-2 py-1"
        />
      </label>
      <label>
        Role
        <select
          name="role"
          defaultValue="commander"
          className="w-full rounded border bg-transparent px-2 py-1"
        >
          <option>viewer</option>
          <option>responder</option>
          <option>commander</option>
          <option>admin</option>
        </select>
      </label>
      <button type="submit" disabled={pending} className="justify-self-start rounded border px-3 py-1">
        Create break-glass account
      </button>
      {state && !state.ok && (
        <p role="alert" className="text-red-600">
          {state.error}{" "}
          {Object.values(state.fieldErrors ?? {})
            .flat()
            .join(" ")}
        </p>
      )}
      {state?.ok && <p role="status">Created.</p>}
    </form>
  );
}
