"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";

import { deleteServiceAction } from "./actions";

export function DeleteServiceButton({ id, name }: { id: number; name: string }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const router = useRouter();
  return (
    <div className="space-y-1">
      <button
        type="button"
        disabled={pending}
        className="rounded border border-red-500 px-3 py-1.5 text-sm text-red-600 disabled:opacity-60 dark:text-red-400"
        onClick={() => {
          if (!window.confirm(`Stop watching ${name}? Its stored samples are deleted too.`)) return;
          start(async () => {
            const r = await deleteServiceAction({ id });
            if (r.ok) router.push("/dashboards/services");
            else setError(r.error);
          });
        }}
      >
        {pending ? "Deleting…" : "Delete service"}
      </button>
      {error ? (
        <p role="alert" className="text-sm text-red-600">
          {error}
        </p>
      ) : null}
    </div>
  );
}
