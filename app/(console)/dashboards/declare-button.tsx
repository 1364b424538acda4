"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";

import { PermissionGate } from "@/components/permission-gate";

import { declareFromSignalAction } from "./actions";

/** Offered at SEV-2 or worse: declares with the computed SEV and the metric snapshot, then
 * opens the new incident. */
export function DeclareButton({
  serviceId,
  serviceName,
  levelLabel,
}: {
  serviceId: number;
  serviceName: string;
  levelLabel: string;
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <div>
      <PermissionGate permission="incident:write" compact>
        <button
          type="button"
          disabled={pending}
          onClick={() =>
            startTransition(async () => {
              setError(null);
              const result = await declareFromSignalAction({ serviceId });
              if (result.ok) router.push(`/incidents/${result.data.id}`);
              else setError(result.error);
            })
          }
          aria-label={`Declare ${levelLabel} incident for ${serviceName}`}
          className="rounded bg-sev-0 px-3 py-1.5 text-sm font-semibold text-white hover:opacity-90 disabled:opacity-60"
        >
          {pending ? "Declaring…" : "Declare incident"}
        </button>
      </PermissionGate>
      {error ? (
        <p role="alert" className="mt-1 text-sm text-sev-0">
          {error}
        </p>
      ) : null}
    </div>
  );
}
