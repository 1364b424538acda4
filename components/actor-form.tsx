"use client";

import { useActionState, useState } from "react";

import { setActorNameAction } from "@/app/actor-actions";

export function ActorForm({ current }: { current: string | null }) {
  const [editing, setEditing] = useState(current === null);
  const [state, action, pending] = useActionState(setActorNameAction, null);
  const name = state?.ok ? state.data : current;

  if (name && !editing && !(state && !state.ok)) {
    return (
      <div className="flex items-center gap-2 text-sm">
        <span className="text-zinc-500">Acting as</span>
        <span data-testid="actor-name" className="font-medium">
          {name}
        </span>
        <button type="button" className="text-xs underline" onClick={() => setEditing(true)}>
          change
        </button>
      </div>
    );
  }
  return (
    <form
      action={(fd) => {
        action(fd);
        setEditing(false);
      }}
      className="flex items-center gap-2 text-sm"
    >
      <label htmlFor="actor-name" className="text-zinc-500">
        Your name
      </label>
      <input
        id="actor-name"
        name="name"
        defaultValue={name ?? ""}
        required
        className="w-40 rounded border border-zinc-300 bg-transparent px-2 py-1 dark:border-zinc-700"
        aria-describedby="actor-name-error"
      />
      <button
        disabled={pending}
        className="rounded bg-zinc-800 px-2 py-1 text-white dark:bg-zinc-200 dark:text-zinc-900"
      >
        Save
      </button>
      <span id="actor-name-error" role="alert" className="text-xs text-red-500">
        {state && !state.ok ? state.error : ""}
      </span>
    </form>
  );
}
